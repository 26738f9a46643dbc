/* 政策匹配: the browser twin of generator/features/matching/evaluate.py, plus the page's form logic.
 *
 * The evaluator (evaluateRule, evaluateConditions) is pure and exported on
 * window.qinqingMatch; tests/features/matching runs it against the same case table as the Python
 * evaluator. Nothing the reader types leaves the browser: the only request is the fetch of
 * the funds' rules, and the profile is stored only when the reader asks for it.
 */
(function (root) {
  "use strict";

  var STORAGE_KEY = "qinqing.match.profile";
  var DAY_MS = 86400000;
  var LIVE_GROUPS = { open: 0, upcoming: 1 };

  // -- the evaluator (keep identical to evaluate.py) -----------------------------------

  function isMissing(value) {
    return value === undefined || value === null;
  }

  function evaluateRule(rule, profile) {
    var value = profile[rule.field];
    if (isMissing(value)) return "unknown";
    var ok;
    if (rule.op === ">=") {
      ok = value >= rule.value;
    } else if (rule.op === "<=") {
      ok = value <= rule.value;
    } else if (rule.field === "qualifications") {
      var held = function (v) { return value.indexOf(v) !== -1; };
      if (rule.op === "has") ok = held(rule.value);
      else if (rule.op === "in") ok = rule.value.some(held);
      else ok = !rule.value.some(held);
    } else if (rule.op === "in") {
      ok = rule.value.indexOf(value) !== -1;
    } else {
      ok = rule.value.indexOf(value) === -1;
    }
    return ok ? "pass" : "fail";
  }

  function evaluateConditions(conditions, profile, fieldLabels) {
    var failed = [];
    var undecided = [];
    var passed = [];
    conditions.forEach(function (condition) {
      if (!condition.rule) {
        undecided.push("此条件需人工核对：" + condition.text);
        return;
      }
      var outcome = evaluateRule(condition.rule, profile);
      if (outcome === "fail") {
        failed.push("不符合：" + condition.text);
      } else if (outcome === "unknown") {
        undecided.push(
          "未填写“" + fieldLabels[condition.rule.field] + "”，无法判断：" + condition.text
        );
      } else {
        passed.push("符合：" + condition.text);
      }
    });
    if (failed.length) return { verdict: "ineligible", reasons: failed, passed: passed };
    if (undecided.length) return { verdict: "unknown", reasons: undecided, passed: passed };
    return { verdict: "eligible", reasons: [], passed: passed };
  }

  // -- time: status and days left from the embedded dates, against the reader's clock ----

  var dayFormats = {};

  function dayInZone(instant, timeZone) {
    // en-CA formats as YYYY-MM-DD. Building a formatter is slow: keep one per zone.
    if (!dayFormats[timeZone]) {
      dayFormats[timeZone] = new Intl.DateTimeFormat("en-CA", {
        timeZone: timeZone, year: "numeric", month: "2-digit", day: "2-digit"
      });
    }
    return dayFormats[timeZone].format(instant);
  }

  function daysBetween(fromDay, toDay) {
    return Math.round((Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS);
  }

  function fundTiming(fund, now, timeZone) {
    var today = dayInZone(now, timeZone);
    var code;
    if (fund.status === "results") code = "results";
    else if (now < new Date(fund.opens)) code = "upcoming";
    else if (now > new Date(fund.closes)) code = "closed";
    else code = "open";
    var live = code in LIVE_GROUPS;
    return {
      code: code,
      daysLeft: live ? daysBetween(today, fund.closes.slice(0, 10)) : null,
      opensIn: code === "upcoming" ? daysBetween(today, fund.opens.slice(0, 10)) : null
    };
  }

  // Open funds closing soonest first, upcoming ones opening soonest first, then the closed.
  function sortKey(code, opens, closes) {
    var group = code in LIVE_GROUPS ? LIVE_GROUPS[code] : 2;
    if (group === 1) return [group, Date.parse(opens.slice(0, 10))];
    var t = Date.parse(closes.slice(0, 10));
    return [group, group < 2 ? t : -t];
  }

  function matchFunds(data, profile, now) {
    var rows = data.funds.map(function (fund) {
      var timing = fundTiming(fund, now, data.timezone);
      var result = evaluateConditions(fund.conditions, profile, data.fields);
      return {
        fund: fund, timing: timing, verdict: result.verdict, reasons: result.reasons,
        passed: result.passed, key: sortKey(timing.code, fund.opens, fund.closes)
      };
    });
    rows.sort(function (a, b) {
      return a.key[0] - b.key[0] || a.key[1] - b.key[1] ||
        (a.fund.id < b.fund.id ? -1 : a.fund.id > b.fund.id ? 1 : 0);
    });
    return rows;
  }

  var STATUS_LABELS = {
    open: "申报中", upcoming: "即将开始", closed: "已截止", results: "已公示结果"
  };

  function timingText(timing) {
    if (timing.code === "open") {
      return timing.daysLeft === 0 ? "今天截止" : "还剩 " + timing.daysLeft + " 天截止";
    }
    if (timing.code === "upcoming") {
      var start = timing.opensIn <= 0 ? "今天开始申报" : timing.opensIn + " 天后开始申报";
      return start + "，还剩 " + timing.daysLeft + " 天截止";
    }
    return "";
  }

  root.qinqingMatch = {
    evaluateRule: evaluateRule,
    evaluateConditions: evaluateConditions,
    fundTiming: fundTiming,
    matchFunds: matchFunds,
    timingText: timingText
  };

  // -- the form --------------------------------------------------------------------------

  var NUMBER_FIELDS = ["years_established", "annual_revenue", "employees", "rd_ratio"];
  var CHOICE_FIELDS = ["registered_in", "industry", "size"];

  function readProfile(form) {
    var profile = {};
    CHOICE_FIELDS.forEach(function (name) {
      var value = form.elements[name].value;
      profile[name] = value === "" ? null : value;
    });
    NUMBER_FIELDS.forEach(function (name) {
      var text = form.elements[name].value.trim();
      var value = text === "" ? NaN : Number(text);
      profile[name] = isFinite(value) ? value : null;
    });
    if (profile.annual_revenue !== null) {
      // The form asks for 万元; rules are in yuan. Round to the fen so 1.1 万 is 11000, not 11000.000000000002.
      profile.annual_revenue = Math.round(profile.annual_revenue * 1000000) / 100;
    }
    var held = [];
    form.querySelectorAll('input[name="qualifications"]:checked').forEach(function (box) {
      held.push(box.value);
    });
    if (held.length) profile.qualifications = held;
    else if (form.elements.qualifications_none.checked) profile.qualifications = [];
    else profile.qualifications = null;
    return profile;
  }

  function saveForm(form) {
    var saved = { qualifications: [] };
    CHOICE_FIELDS.concat(NUMBER_FIELDS).forEach(function (name) {
      saved[name] = form.elements[name].value;
    });
    form.querySelectorAll('input[name="qualifications"]:checked').forEach(function (box) {
      saved.qualifications.push(box.value);
    });
    saved.qualifications_none = form.elements.qualifications_none.checked;
    try {
      root.localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
    } catch (e) { /* storage disabled: nothing is remembered */ }
  }

  function forget() {
    try {
      root.localStorage.removeItem(STORAGE_KEY);
    } catch (e) { /* storage disabled */ }
  }

  function restoreForm(form) {
    var saved;
    try {
      saved = JSON.parse(root.localStorage.getItem(STORAGE_KEY) || "null");
    } catch (e) {
      saved = null;
    }
    if (!saved || typeof saved !== "object") return;
    CHOICE_FIELDS.concat(NUMBER_FIELDS).forEach(function (name) {
      if (typeof saved[name] === "string") form.elements[name].value = saved[name];
    });
    var held = Array.isArray(saved.qualifications) ? saved.qualifications : [];
    form.querySelectorAll('input[name="qualifications"]').forEach(function (box) {
      box.checked = held.indexOf(box.value) !== -1;
    });
    form.elements.qualifications_none.checked = saved.qualifications_none === true;
    form.elements.remember.checked = true;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(className, text, href) {
    var a = element("a", className, text);
    a.href = href;
    return a;
  }

  // The fund page's action block, in short: what to do next, for open and upcoming funds.
  function actionList(form, fund, code) {
    var actions = fund.actions || {};
    var base = form.dataset.root;
    var list = element("ul", "qq-match__actions");
    function add(node) { var li = element("li"); li.appendChild(node); list.appendChild(li); }
    if (actions.apply) {
      var apply = link("qq-button", code === "open" ? "去申报" : "申报入口", actions.apply);
      apply.rel = "noopener";
      add(apply);
    } else if (actions.apply_note) {
      add(element("span", "qq-match__offline", "线下办理：" + actions.apply_note));
    }
    if (actions.calendar) {
      var ics = link("qq-button qq-button--secondary", "加入日历", base + actions.calendar);
      ics.setAttribute("download", "");
      add(ics);
    }
    if (actions.guide) add(link("qq-button qq-button--secondary", "相关办事指南", base + actions.guide[0]));
    (actions.downloads || []).forEach(function (d) {
      var file = link("", "下载：" + d[0], base + d[1]);
      file.setAttribute("download", "");
      add(file);
    });
    return list;
  }

  function conditionList(className, texts) {
    var list = element("ul", className);
    texts.forEach(function (text) { list.appendChild(element("li", "", text)); });
    return list;
  }

  function fundEntry(form, data, row) {
    var item = element("li", "qq-match__fund qq-match__fund--" + row.verdict);
    item.setAttribute("data-fund", row.fund.id);
    item.setAttribute("data-verdict", row.verdict);
    var heading = element("h3");
    heading.appendChild(link("", row.fund.title, form.dataset.root + row.fund.path));
    item.appendChild(heading);
    var when = STATUS_LABELS[row.timing.code];
    var extra = timingText(row.timing);
    item.appendChild(
      element("p", "qq-match__status", extra ? when + "（" + extra + "）" : when)
    );
    if (row.fund.actions && row.fund.actions.automatic) {
      item.appendChild(element("p", "qq-match__automatic", "免申即享：符合条件的无需申请"));
    }
    var verdict = element("p", "qq-match__verdict");
    verdict.appendChild(document.createTextNode("结论："));
    verdict.appendChild(element("strong", "", data.verdicts[row.verdict]));
    item.appendChild(verdict);
    if (row.reasons.length) item.appendChild(conditionList("qq-match__reasons", row.reasons));
    if (row.passed.length) item.appendChild(conditionList("qq-match__passed", row.passed));
    if (row.timing.code in LIVE_GROUPS) item.appendChild(actionList(form, row.fund, row.timing.code));
    return item;
  }

  function renderResults(form, data, rows) {
    var section = document.getElementById("qq-match-results");
    var list = document.getElementById("qq-match-list");
    var closed = document.getElementById("qq-match-closed");
    var closedList = document.getElementById("qq-match-closed-list");
    var summary = document.getElementById("qq-match-summary");
    var counts = { eligible: 0, unknown: 0, ineligible: 0 };
    var shut = 0;
    list.textContent = "";
    closedList.textContent = "";
    rows.forEach(function (row) {
      counts[row.verdict] += 1;
      var live = row.timing.code in LIVE_GROUPS;
      if (!live) shut += 1;
      (live ? list : closedList).appendChild(fundEntry(form, data, row));
    });
    closed.hidden = shut === 0;
    closed.open = false;
    document.getElementById("qq-match-closed-count").textContent = String(shut);
    list.hidden = rows.length === shut;
    summary.textContent = rows.length
      ? "共 " + rows.length + " 个资金项目：" + data.verdicts.eligible + " " + counts.eligible +
        " 个，" + data.verdicts.unknown + " " + counts.unknown + " 个，" +
        data.verdicts.ineligible + " " + counts.ineligible + " 个。" +
        (rows.length > shut ? "申报中和即将开始的项目排在前面。" : "目前没有申报中或即将开始的项目。") +
        (shut ? "已截止的 " + shut + " 个项目收在最后。" : "")
      : "目前没有资金项目。";
    section.hidden = false;
  }

  function showProblem(form, text) {
    var section = document.getElementById("qq-match-results");
    document.getElementById("qq-match-list").textContent = "";
    var summary = document.getElementById("qq-match-summary");
    summary.textContent = text + " ";
    var link = element("a", "", "查看全部资金项目");
    link.href = form.dataset.root + "funds/";
    summary.appendChild(link);
    section.hidden = false;
  }

  function boot() {
    var form = document.getElementById("qq-match-form");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var rules = fetch(form.dataset.rules, { credentials: "omit" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
    rules.catch(function () { /* reported when the reader submits */ });
    restoreForm(form);
    form.hidden = false;
    form.elements.remember.addEventListener("change", function () {
      if (form.elements.remember.checked) saveForm(form);
      else forget();
    });
    form.elements.qualifications_none.addEventListener("change", function () {
      if (!form.elements.qualifications_none.checked) return;
      form.querySelectorAll('input[name="qualifications"]').forEach(function (box) {
        box.checked = false;
      });
    });
    form.querySelectorAll('input[name="qualifications"]').forEach(function (box) {
      box.addEventListener("change", function () {
        if (box.checked) form.elements.qualifications_none.checked = false;
      });
    });
    form.addEventListener("reset", function () {
      forget();
      document.getElementById("qq-match-results").hidden = true;
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.elements.remember.checked) saveForm(form);
      var profile = readProfile(form);
      rules.then(function (data) {
        renderResults(form, data, matchFunds(data, profile, new Date()));
      }, function () {
        showProblem(form, "暂时无法读取资金项目数据，请稍后再试。");
      }).then(function () {
        document.getElementById("qq-match-results-title").focus();
      });
    });
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
    else boot();
    // Material's instant navigation swaps pages without a load event.
    if (root.document$ && typeof root.document$.subscribe === "function") root.document$.subscribe(boot);
  }
})(window);
