/* qinqing: recompute statuses from the dates in the page, and filter list tables.
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

  function statusAt(el, now) {
    var kind = el.getAttribute("data-qq-kind");
    var opens = instant(el, "data-qq-opens");
    var closes = instant(el, "data-qq-closes");
    if (kind === "policies") {
      var repealed = instant(el, "data-qq-repealed");
      if (!isNaN(repealed) && now >= repealed) { return "repealed"; }
      if (now < opens) { return "pending"; }
      if (!isNaN(closes) && now > closes) { return "expired"; }
      return "in_force";
    }
    if (now < opens) { return "upcoming"; }
    var applied = kind === "funds" || kind === "consultations";  // a window to take part in
    if (kind === "consultations" && now > closes) {
      var answered = instant(el, "data-qq-answered");
      return !isNaN(answered) && now >= answered ? "answered" : "closed";
    }
    if (now > closes) { return applied ? "closed" : "ended"; }
    return applied ? "open" : "publicity";
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

  function refreshStatuses(now) {
    each(document.querySelectorAll("[data-qq-actions]"), function (el) { refreshActions(el, now); });
    each(document.querySelectorAll("[data-qq-status]"), function (el) { refreshBadge(el, now); });
    each(document.querySelectorAll("[data-qq-days]"), function (el) { refreshDays(el, now); });
  }

  // -- list filters: act at once, and keep the choice in the URL so it can be shared ----
  var ROW_ATTR = {
    dept: "data-dept", issuer: "data-issuer", level: "data-level", year: "data-year",
    status: "data-status", delivery: "data-delivery"
  };
  var WIDE = "(min-width: 45em)";
  var ROW_LIST_ATTR = { industry: "data-industries", topic: "data-topics" };

  function setupList(root) {
    var form = root.querySelector("[data-qq-filters]");
    if (!form) { return; }
    var selects = form.querySelectorAll("select");
    var all = form.querySelector("[data-qq-all]");
    var rows = root.querySelectorAll("tbody tr");
    var count = root.querySelector("[data-qq-count]");
    var empty = root.querySelector("[data-qq-empty]");
    var button = form.querySelector("[data-qq-apply]");
    if (button) { button.hidden = true; }

    function fromUrl() {
      var query = new URLSearchParams(window.location.search);
      each(selects, function (select) {
        var value = query.get(select.name) || "";
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
        select.value = known ? value : "";
      });
      all.checked = query.get("all") === "1";
    }

    function toUrl() {
      var query = new URLSearchParams();
      each(selects, function (select) { if (select.value) { query.set(select.name, select.value); } });
      if (all.checked) { query.set("all", "1"); }
      var sort = new URLSearchParams(window.location.search).get("sort");
      if (sort) { query.set("sort", sort); }
      var text = query.toString();
      window.history.replaceState(null, "", text ? "?" + text : window.location.pathname);
    }

    function apply() {
      var chosen = {};
      each(selects, function (select) { if (select.value) { chosen[select.name] = select.value; } });
      var shown = 0;
      each(rows, function (row) {
        var ok = all.checked || chosen.status || row.getAttribute("data-current") !== "0";
        Object.keys(chosen).forEach(function (name) {
          if (!ok) { return; }
          if (ROW_ATTR[name]) {
            ok = row.getAttribute(ROW_ATTR[name]) === chosen[name];
          } else if (ROW_LIST_ATTR[name]) {
            ok = (" " + (row.getAttribute(ROW_LIST_ATTR[name]) || "") + " ").indexOf(" " + chosen[name] + " ") >= 0;
          }
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = "显示 " + shown + " 条（共 " + rows.length + " 条）";
      empty.hidden = shown > 0;
    }

    form.addEventListener("change", function () { apply(); toUrl(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); toUrl(); });
    var reset = form.querySelector("[data-qq-reset]");
    if (reset) {
      reset.addEventListener("click", function (event) {
        event.preventDefault();
        each(selects, function (select) { select.value = ""; });
        all.checked = false;
        apply(); toUrl();
      });
    }
    window.addEventListener("popstate", function () { fromUrl(); sortBy(sortFromUrl()); apply(); });
    fromUrl();
    sortBy(sortFromUrl());
    apply();
  }

  // The 筛选 fold: open on a wide screen, folded on a phone (the <details> works without us).
  function setupFold(root) {
    var fold = root.querySelector("[data-qq-fold]");
    if (!fold || !window.matchMedia) { return; }
    var wide = window.matchMedia(WIDE);
    var query = new URLSearchParams(window.location.search);
    var chosen = Array.prototype.some.call(fold.querySelectorAll("select"), function (s) { return query.get(s.name); });
    fold.open = wide.matches || chosen;
    wide.addEventListener("change", function (event) { if (event.matches) { fold.open = true; } });
  }

  // -- sort control: the links lead to static pages; here they re-sort the rows in place ----
  var sortLinks = [];
  var sortRoot = null;
  var sortDefault = null;  // the order of this page as built
  function sortFromUrl() {
    if (!sortLinks.length) { return null; }
    var key = new URLSearchParams(window.location.search).get("sort");
    var known = sortLinks.some(function (a) { return a.getAttribute("data-qq-sort") === key; });
    return known ? key : sortDefault;
  }
  function sortBy(key) {
    if (!key || !sortRoot) { return; }
    var body = sortRoot.querySelector("tbody");
    var rows = Array.prototype.slice.call(body.querySelectorAll("tr"));
    var attr = "data-rank-" + key;
    rows.sort(function (a, b) { return Number(a.getAttribute(attr)) - Number(b.getAttribute(attr)); });
    rows.forEach(function (row) { body.appendChild(row); });
    sortLinks.forEach(function (a) {
      var on = a.getAttribute("data-qq-sort") === key;
      if (on) {
        a.setAttribute("aria-current", "true");
        var caption = sortRoot.querySelector("caption");
        if (caption) { caption.textContent = caption.textContent.split("，")[0] + "，" + a.getAttribute("data-qq-caption"); }
      } else {
        a.removeAttribute("aria-current");
      }
    });
  }
  function setupSort(root) {
    var nav = root.querySelector("[data-qq-sorts]");
    if (!nav) { return; }
    sortRoot = root;
    sortLinks = Array.prototype.slice.call(nav.querySelectorAll("[data-qq-sort]"));
    var current = nav.querySelector("[aria-current]") || sortLinks[0];
    sortDefault = current.getAttribute("data-qq-sort");
    sortLinks.forEach(function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        var key = a.getAttribute("data-qq-sort");
        sortBy(key);
        var query = new URLSearchParams(window.location.search);
        if (key === sortDefault) { query.delete("sort"); } else { query.set("sort", key); }
        var text = query.toString();
        window.history.replaceState(null, "", text ? "?" + text : window.location.pathname);
      });
    });
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

  function start() {
    refreshStatuses(Date.now());
    each(document.querySelectorAll("[data-qq-recipient-filter]"), setupRecipientFilter);
    each(document.querySelectorAll("[data-qq-list]"), function (root) {
      setupSort(root);
      setupFold(root);
      setupList(root);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
