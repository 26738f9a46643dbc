// The desk's one enhancement: choosing a reply template fills the answer box at once (without
// JavaScript the 套用模板 button does the same through the server). Text typed by hand is
// never replaced without asking.
(function () {
  "use strict";
  var select = document.getElementById("reply-template");
  var text = document.getElementById("reply-text");
  if (!select || !text) return;
  var filled = text.value;
  select.addEventListener("change", function () {
    var option = select.options[select.selectedIndex];
    var body = option ? option.getAttribute("data-body") : null;
    if (body === null) return;
    if (text.value.trim() && text.value !== filled && !window.confirm("用模板替换已填写的答复内容？")) return;
    text.value = body;
    filled = body;
    text.focus();
  });
})();
