/* qinqing: show how many comments an open consultation has received, fetched from the
   handler (a number only). Without JavaScript, or when the handler cannot be reached, the
   line stays hidden and the form still works. */
(function () {
  "use strict";
  var el = document.querySelector("[data-qq-comment-count]");
  if (!el || !window.fetch) { return; }
  fetch(el.getAttribute("data-count-url"), { headers: { Accept: "application/json" } })
    .then(function (answer) { return answer.ok ? answer.json() : null; })
    .then(function (data) {
      if (!data || typeof data.received !== "number") { return; }
      el.textContent = "截至目前已收到意见 " + data.received + " 条。";
      el.hidden = false;
    })
    .catch(function () { /* the handler is unreachable: nothing to show */ });
})();
