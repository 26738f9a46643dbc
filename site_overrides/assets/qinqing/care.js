/* 关怀模式: applied before the page paints (loaded in <head>, not deferred), remembered in
   localStorage, and turned on by the #qq-care URL too. Without JavaScript the 关怀模式 rules (end of site.css) follow the
   URL fragment alone; with it, the class on <html> decides (those rules then ignore the fragment). */
(function () {
  "use strict";
  var KEY = "qinqing.care";
  var root = document.documentElement;
  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function remember(on) {
    try {
      if (on) { window.localStorage.setItem(KEY, "1"); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* private browsing: the mode lasts for this page */ }
  }
  function set(on) {
    root.classList.toggle("qq-care", on);
    remember(on);
  }
  root.classList.add("qq-js");
  if (window.location.hash === "#qq-care") { remember(true); }
  root.classList.toggle("qq-care", stored());

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-qq-care]") : null;
    if (!link) { return; }
    event.preventDefault();
    var on = link.getAttribute("data-qq-care") === "on";
    set(on);
    if (!on && window.location.hash === "#qq-care") {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    var other = document.querySelector(on ? ".qq-care__off" : ".qq-care__on");
    if (other) { other.focus(); }
  });
})();
