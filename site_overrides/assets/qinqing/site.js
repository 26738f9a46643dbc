/* qinqing: recompute statuses from the dates in the page (lists.js filters the lists).
   A site built weeks ago must still say 申报中 / 已截止 / 公示中 correctly, so every status
   badge carries the instants it changes at (ISO date-times with +08:00). No framework. */
(function () {
  "use strict";
  var DAY = 86400000;
  var ZONE_OFFSET = 8 * 3600000; // Asia/Shanghai, no daylight saving time
  var LABELS = {
    funds: { upcoming: ["即将开始", "info"], open: ["申报中", "positive"], closed: ["已截止", "neutral"] },
    consultations: {
      upcoming: ["即将开始", "info"], open: ["征求意见中", "positive"],
      closed: ["已截止", "neutral"], answered: ["已反馈", "neutral"]
    },
    announcements: { upcoming: ["即将公示", "info"], publicity: ["公示中", "warning"], ended: ["公示结束", "neutral"] },
    policies: {
      pending: ["尚未施行", "info"], in_force: ["现行有效", "positive"],
      expired: ["已失效", "neutral"], repealed: ["已废止", "negative"]
    }
  };
  var NOT_CURRENT = { expired: 1, repealed: 1, withdrawn: 1 };

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function instant(el, name) {
    var value = el.getAttribute(name);
    return value ? Date.parse(value) : NaN;
  }
  function localDay(ms) { return Math.floor((ms + ZONE_OFFSET) / DAY); }

  // The status at `now` of an item of `kind` from its instants (NaN: none); `then` is a
  // policy's repeal or a consultation's feedback.
  function statusFrom(kind, opens, closes, then, now) {
    if (kind === "policies") {
      if (!isNaN(then) && now >= then) { return "repealed"; }
      if (now < opens) { return "pending"; }
      if (!isNaN(closes) && now > closes) { return "expired"; }
      return "in_force";
    }
    if (now < opens) { return "upcoming"; }
    var applied = kind === "funds" || kind === "consultations";  // a window to take part in
    if (kind === "consultations" && now > closes) {
      return !isNaN(then) && now >= then ? "answered" : "closed";
    }
    if (now > closes) { return applied ? "closed" : "ended"; }
    return applied ? "open" : "publicity";
  }

  function statusAt(el, now) {
    var kind = el.getAttribute("data-qq-kind");
    var then = instant(el, kind === "policies" ? "data-qq-repealed" : "data-qq-answered");
    return statusFrom(kind, instant(el, "data-qq-opens"), instant(el, "data-qq-closes"), then, now);
  }

  function refreshBadge(el, now) {
    var kind = el.getAttribute("data-qq-kind");
    if (el.hasAttribute("data-qq-fixed") || !LABELS[kind] || isNaN(instant(el, "data-qq-opens"))) { return; }
    var code = statusAt(el, now);
    var label = LABELS[kind][code];
    el.textContent = label[0];
    el.className = "qq-status qq-tone-" + label[1];
    el.setAttribute("data-qq-status", code);
    var row = el.closest("tr");
    if (row) {
      row.setAttribute("data-status", code);
      row.setAttribute("data-current", NOT_CURRENT[code] ? "0" : "1");
    }
  }

  function refreshDays(el, now) {
    var opens = instant(el, "data-qq-opens");
    var closes = instant(el, "data-qq-closes");
    if (isNaN(closes)) { return; }
    var open = now >= opens && now <= closes;
    el.hidden = !open;
    if (open) {
      var left = localDay(closes) - localDay(now);
      el.textContent = left === 0 ? "（今天截止）" : "（还剩 " + left + " 天）";
    } else {
      el.textContent = "";
    }
  }

  // A fund page built while its window was open, read after it closed: no 去申报 any more.
  function refreshActions(el, now) {
    var closed = now > instant(el, "data-qq-closes");
    each(el.querySelectorAll("[data-qq-while-open]"), function (part) { part.hidden = closed; });
    each(el.querySelectorAll("[data-qq-when-closed]"), function (part) { part.hidden = !closed; });
  }

  function refreshStatuses(now, scope) {
    var root = scope || document;
    each(root.querySelectorAll("[data-qq-actions]"), function (el) { refreshActions(el, now); });
    each(root.querySelectorAll("[data-qq-status]"), function (el) { refreshBadge(el, now); });
    each(root.querySelectorAll("[data-qq-days]"), function (el) { refreshDays(el, now); });
  }

  // -- an announcement's long list: find a name or credit code (the full list is there without us)
  function setupRecipientFilter(box) {
    var table = box.parentNode.querySelector("table.qq-recipients");
    var input = box.querySelector("[data-qq-recipient-q]");
    var count = box.querySelector("[data-qq-recipient-count]");
    if (!table || !input) { return; }
    var rows = table.querySelectorAll("tbody tr");
    function apply() {
      var words = input.value.trim().toUpperCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      each(rows, function (row) {
        var text = row.textContent.toUpperCase();
        var ok = words.every(function (word) { return text.indexOf(word) >= 0; });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = words.length ? "找到 " + shown + " 家（共 " + rows.length + " 家）" : "";
    }
    input.addEventListener("input", apply);
    box.hidden = false;
  }

  // What lists.js needs to recompute the statuses of the rows it shows.
  window.qinqingStatus = { each: each, statusFrom: statusFrom, refresh: refreshStatuses, notCurrent: NOT_CURRENT };

  function start() {
    refreshStatuses(Date.now());
    each(document.querySelectorAll("[data-qq-recipient-filter]"), setupRecipientFilter);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
