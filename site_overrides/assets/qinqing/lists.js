/* qinqing: a list page's filters, sort and "显示更多" (the page works without us: a pager,
   and a list of its own for each filter value). Needs site.js, loaded before it. */
(function () {
  "use strict";
  var shared = window.qinqingStatus;
  if (!shared) { return; }
  var each = shared.each;
  var statusFrom = shared.statusFrom;
  var refreshStatuses = shared.refresh;
  var NOT_CURRENT = shared.notCurrent;

  // -- list filters: act at once, and keep the choice in the URL so it can be shared ----
  // The page holds one page of rows (the pager and the filter links work without us). With
  // the list index (generator/compile/list_index.py) the filters and the sort act on the
  // whole collection, and the matches are shown a page at a time (显示更多).
  var ROW_ATTR = {
    dept: "data-dept", issuer: "data-issuer", level: "data-level", year: "data-year",
    status: "data-status", delivery: "data-delivery"
  };
  var WIDE = "(min-width: 45em)";
  var ROW_LIST_ATTR = { industry: "data-industries", topic: "data-topics" };
  var ROW_HEAD = '<tr><td data-label="标题"><a href="';

  function getJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  // The whole index of a list: its head, and every entry in the collection's first order.
  function loadIndex(url) {
    return getJson(url).then(function (head) {
      var files = [];
      for (var k = 0; k * head.entries < head.total; k += 1) {
        files.push(getJson(url.replace(/index\.json$/, "entries-" + k + ".json")));
      }
      return Promise.all(files).then(function (parts) {
        head.items = [].concat.apply([], parts);
        head.rowFiles = {};
        head.base = url.replace(/index\.json$/, "");
        return head;
      });
    });
  }

  function rowsOf(index, positions) {
    var wanted = {};
    positions.forEach(function (p) { wanted[Math.floor(p / index.rows)] = 1; });
    return Promise.all(Object.keys(wanted).map(function (k) {
      if (!index.rowFiles[k]) { index.rowFiles[k] = getJson(index.base + "rows-" + k + ".json"); }
      return index.rowFiles[k];
    })).then(function () {
      return Promise.all(positions.map(function (p) {
        return index.rowFiles[Math.floor(p / index.rows)].then(function (tails) { return tails[p % index.rows]; });
      }));
    });
  }

  function entryStatus(kind, clock, now) {
    if (typeof clock === "string") { return clock; }
    var time = function (s) { return s ? s * 1000 : NaN; };
    return statusFrom(kind, time(clock[0]), time(clock[1]), time(clock[2]), now);
  }

  function setupList(root) {
    var form = root.querySelector("[data-qq-filters]");
    if (!form) { return; }
    var selects = form.querySelectorAll("select");
    var all = form.querySelector("[data-qq-all]");
    var body = root.querySelector("tbody");
    var rows = body.querySelectorAll("tr");
    var count = root.querySelector("[data-qq-count]");
    var empty = root.querySelector("[data-qq-empty]");
    var more = root.querySelector("[data-qq-more]");
    var pager = root.querySelector("[data-qq-pager]");
    var browse = root.querySelector("[data-qq-browse]");
    var button = form.querySelector("[data-qq-apply]");
    var pageSize = Number(root.getAttribute("data-qq-page-size")) || 100;
    var presetName = root.getAttribute("data-qq-preset-name");
    var presetValue = root.getAttribute("data-qq-preset-value") || "";
    var kind = root.getAttribute("data-qq-collection");
    var index = null;     // the list index, once loaded
    var limit = pageSize;
    var drawn = 0;        // a newer draw makes an older one's late rows void
    if (button) { button.hidden = true; }

    function fromUrl() {
      var query = new URLSearchParams(window.location.search);
      each(selects, function (select) {
        var value = query.has(select.name) ? query.get(select.name) : (select.name === presetName ? presetValue : "");
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
        select.value = known ? value : "";
      });
      all.checked = query.get("all") === "1";
    }

    function toUrl() {
      var query = new URLSearchParams();
      each(selects, function (select) {
        if (select.value || select.name === presetName) { query.set(select.name, select.value); }
      });
      if (presetName && query.get(presetName) === presetValue) { query.delete(presetName); }
      if (all.checked) { query.set("all", "1"); }
      var sort = new URLSearchParams(window.location.search).get("sort");
      if (sort) { query.set("sort", sort); }
      var text = query.toString();
      window.history.replaceState(null, "", text ? "?" + text : window.location.pathname);
    }

    function chosenValues() {
      var chosen = {};
      each(selects, function (select) { if (select.value) { chosen[select.name] = select.value; } });
      return chosen;
    }

    // Before the index is there: filter the rows of this page.
    function applyPage() {
      var chosen = chosenValues();
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

    // The positions (in the index's order) of the items that match, in the chosen order.
    function matches() {
      var chosen = chosenValues();
      var now = Date.now();
      var fields = index.fields;
      var wanted = fields.map(function (field) {
        var value = chosen[field[0]];
        return value === undefined ? null : field[2].indexOf(value);
      });
      var found = [];
      index.items.forEach(function (entry, position) {
        var status = entryStatus(kind, entry[fields.length], now);
        var ok = all.checked || chosen.status || !NOT_CURRENT[status];
        if (ok && chosen.status) { ok = status === chosen.status; }
        for (var f = 0; ok && f < fields.length; f += 1) {
          if (wanted[f] === null) { continue; }
          // A value the index does not know (-1) matches nothing, not the items without one.
          ok = wanted[f] >= 0 && (fields[f][1] ? entry[f].indexOf(wanted[f]) >= 0 : entry[f] === wanted[f]);
        }
        if (ok) { found.push(position); }
      });
      var key = sortFromUrl();
      var rank = index.sorts.indexOf(key);
      if (rank > 0) {
        var at = fields.length + rank;
        found.sort(function (a, b) { return index.items[a][at] - index.items[b][at]; });
      }
      return found;
    }

    function draw() {
      var found = matches();
      var shown = found.slice(0, limit);
      var mine = ++drawn;
      count.textContent = "显示 " + found.length + " 条（共 " + index.total + " 条）";
      return rowsOf(index, shown).then(function (tails) {
        if (mine !== drawn) { return; }
        var base = root.getAttribute("data-qq-root") || "";
        body.innerHTML = tails.map(function (tail) { return ROW_HEAD + base + tail; }).join("");
        refreshStatuses(Date.now(), body);
        empty.hidden = found.length > 0;
        more.hidden = found.length <= shown.length;
        more.querySelector("button").textContent = "显示更多（还有 " + (found.length - shown.length) + " 条）";
      });
    }

    function apply() {
      limit = pageSize;
      if (index) {
        if (pager) { pager.hidden = true; }
        if (browse) { browse.hidden = true; }
        if (sortRoot) { markSort(sortFromUrl()); }
        return draw();
      }
      sortBy(sortFromUrl());
      applyPage();
    }

    more.querySelector("button").addEventListener("click", function () {
      limit += pageSize;
      draw();
    });
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
    window.addEventListener("popstate", function () { fromUrl(); apply(); });
    onSort = function () { apply(); };
    fromUrl();
    sortBy(sortFromUrl());
    applyPage();
    // Page 1 of a list, or a list someone filtered already, becomes the whole list at once;
    // a later page stays as it is until the reader filters or sorts.
    var asked = window.location.search.length > 1;
    var url = root.getAttribute("data-qq-index");
    // A page that holds the whole collection (a small site) filters its own rows: no index.
    var complete = rows.length === Number(root.getAttribute("data-qq-total"));
    if (url && !complete && window.fetch && window.Promise) {
      loadIndex(url).then(function (loaded) {
        index = loaded;
        if (root.getAttribute("data-qq-page") === "1" || asked) { apply(); }
      }).catch(function () { index = null; });  // the page's own rows and the pager still work
    }
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
  var onSort = null;  // the list's own redraw
  function sortFromUrl() {
    if (!sortLinks.length) { return null; }
    var key = new URLSearchParams(window.location.search).get("sort");
    var known = sortLinks.some(function (a) { return a.getAttribute("data-qq-sort") === key; });
    return known ? key : sortDefault;
  }
  function markSort(key) {
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
  // Re-sort the rows of this page in place (each knows its rank in every order).
  function sortBy(key) {
    if (!key || !sortRoot) { return; }
    var body = sortRoot.querySelector("tbody");
    var rows = Array.prototype.slice.call(body.querySelectorAll("tr"));
    var attr = "data-rank-" + key;
    rows.sort(function (a, b) { return Number(a.getAttribute(attr)) - Number(b.getAttribute(attr)); });
    rows.forEach(function (row) { body.appendChild(row); });
    markSort(key);
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
        var query = new URLSearchParams(window.location.search);
        if (key === sortDefault) { query.delete("sort"); } else { query.set("sort", key); }
        var text = query.toString();
        window.history.replaceState(null, "", text ? "?" + text : window.location.pathname);
        if (onSort) { onSort(); } else { sortBy(key); }
      });
    });
  }

  function start() {
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
