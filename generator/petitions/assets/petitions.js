/* 企业诉求: inline checks, submission by fetch with an Idempotency-Key, lookups, rating and
 * live statistics. Without JavaScript every form still posts and the handler answers HTML.
 * The rules mirror generator/petitions/validation.py (a test keeps the patterns in step). */
(function () {
  "use strict";

  var MOBILE = /^1[3-9]\d{9}$/;
  var LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
  var EMAIL = /^[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
  var CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  var CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function creditProblem(code) {
    if (code.length !== 18) return "统一社会信用代码应为 18 位";
    for (var i = 0; i < 18; i++) {
      if (CREDIT_ALPHABET.indexOf(code[i]) < 0) return "统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）";
    }
    var total = 0;
    for (var j = 0; j < 17; j++) total += CREDIT_ALPHABET.indexOf(code[j]) * CREDIT_WEIGHTS[j];
    if (CREDIT_ALPHABET[(31 - (total % 31)) % 31] !== code[17]) return "统一社会信用代码校验位不正确，请核对";
    return null;
  }

  function normalizePhone(text) {
    return text.replace(/[\s()（）]/g, "").replace(/^(\+?86)(?=1\d{10}$)/, "");
  }

  /* -- reading and checking fields -- */
  function valueOf(form, name) {
    var inputs = all('[name="' + name + '"]', form);
    if (!inputs.length) return null;
    if (inputs[0].type === "radio") {
      var chosen = inputs.filter(function (i) { return i.checked; })[0];
      return chosen ? chosen.value : "";
    }
    if (inputs[0].type === "checkbox") return inputs[0].checked;
    return inputs[0].value;
  }

  function isAnonymous(form) {
    var box = form.querySelector('[name="anonymous"]');
    return !!(box && box.checked);
  }

  function check(form, wrap) {
    var name = wrap.getAttribute("data-field");
    var label = wrap.getAttribute("data-label") || name;
    var value = valueOf(form, name);
    if (typeof value === "boolean") {
      if (name === "consent" && !value) return "请阅读并勾选同意个人信息处理告知";
      if (name === "anonymous" && value) {
        var category = form.querySelector('[name="category"]:checked');
        if (category && category.getAttribute("data-anonymous") !== "true") return "该类别不能匿名提交";
      }
      return null;
    }
    var text = (value || "").replace(/\r\n/g, "\n").trim();
    var required = wrap.getAttribute("data-required") === "true";
    if (wrap.getAttribute("data-identity") === "true" && isAnonymous(form)) required = false;
    if (!text) {
      if (!required) return null;
      return (name === "category" ? "请选择" : "请填写") + label;
    }
    var max = parseInt(wrap.getAttribute("data-maxlength") || "0", 10);
    var length = Array.from(text).length;
    if (max && length > max) return label + "不能超过 " + max + " 个字（现有 " + length + " 个）";
    var pattern = wrap.getAttribute("data-pattern");
    if (name === "phone") {
      var phone = normalizePhone(text);
      if (!MOBILE.test(phone) && !LANDLINE.test(phone)) return "请填写有效的手机号码（11 位）或固定电话（区号-号码）";
    } else if (name === "email" && !EMAIL.test(text)) {
      return "电子邮箱格式不正确，如 name@example.com";
    } else if (name === "credit_code") {
      return creditProblem(text.toUpperCase());
    } else if (pattern && !new RegExp(pattern).test(text)) {
      return "相关内容编号只能包含小写字母、数字和连字符（3-80 位）";
    }
    return null;
  }

  /* -- showing errors (GOV.UK pattern: summary on top, message next to each field) -- */
  function fieldWrap(form, name) {
    return form.querySelector('[data-field="' + name + '"]');
  }

  /* keepSpace (leaving a field after a failed submit): a message that goes away keeps its
     room, invisible, until the next submit, so nothing below moves under the pointer. */
  function showFieldError(wrap, message, keepSpace) {
    if (!wrap) return;
    var error = wrap.querySelector(".qq-error");
    var text = error && error.querySelector(".qq-error__text");
    wrap.classList.toggle("qq-field--error", !!message);
    if (error) {
      var reserve = !message && keepSpace && !error.hidden;
      error.hidden = !message && !reserve;
      error.classList.toggle("qq-error--cleared", reserve);
      if (text && (message || !reserve)) text.textContent = message || "";
    }
    all("input, textarea", wrap).forEach(function (input) {
      if (input.type === "radio" || input.type === "hidden") return;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
  }

  /* Leaving a field re-checks it only where a message already has room: a new message
     appears with the next submit, never under the pointer on its way to the next field. */
  function recheckField(form, wrap) {
    var error = wrap.querySelector(".qq-error");
    if (!error || error.hidden) return;
    showFieldError(wrap, check(form, wrap), true);
  }

  function showSummary(form, errors) {
    var summary = document.getElementById(form.getAttribute("data-summary"));
    if (!summary) return;
    var list = summary.querySelector("ul");
    list.textContent = "";
    errors.forEach(function (e) {
      var li = el("li");
      var target = form.querySelector('[name="' + e.field + '"]');
      var link = el("a", { href: "#" + (target ? target.id : "") }, e.message);
      li.appendChild(link);
      list.appendChild(li);
    });
    summary.hidden = errors.length === 0;
    if (errors.length) summary.focus();
  }

  function showErrors(form, errors) {
    all("[data-field]", form).forEach(function (wrap) { showFieldError(wrap, null); });
    errors.forEach(function (e) { showFieldError(fieldWrap(form, e.field), e.message); });
    showSummary(form, errors);
  }

  function checkAll(form) {
    var errors = [];
    all("[data-field]", form).forEach(function (wrap) {
      var message = check(form, wrap);
      if (message) errors.push({ field: wrap.getAttribute("data-field"), message: message });
    });
    return errors;
  }

  function status(form, message) {
    var node = form.querySelector("[data-qq-status]");
    if (node) node.textContent = message || "";
  }

  function collect(form) {
    var data = {};
    all("[data-field]", form).forEach(function (wrap) {
      var name = wrap.getAttribute("data-field");
      var value = valueOf(form, name);
      if (value === null) return;
      if (typeof value === "string") {
        value = value.trim();
        if (!value && name !== "category") return;
      }
      data[name] = value;
    });
    var trap = form.querySelector('[name="website"]');
    if (trap && trap.value) data.website = trap.value;
    return data;
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return String(Date.now()) + "-" + Math.random().toString(36).slice(2);
  }

  function post(url, data, headers) {
    var all_headers = { "Content-Type": "application/json", Accept: "application/json" };
    Object.keys(headers || {}).forEach(function (k) { all_headers[k] = headers[k]; });
    return fetch(url, { method: "POST", headers: all_headers, body: JSON.stringify(data), credentials: "omit" })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          return { status: response.status, body: body, retryAfter: response.headers.get("Retry-After") };
        });
      });
  }

  function failure(form, answer) {
    if (answer.status === 429) {
      var minutes = Math.max(1, Math.round(parseInt(answer.retryAfter || "60", 10) / 60));
      status(form, "操作过于频繁，请 " + minutes + " 分钟后再试。");
    } else if (answer.body && answer.body.errors) {
      showErrors(form, answer.body.errors);
    } else {
      status(form, "提交失败，请稍后再试。");
    }
  }

  /* -- dates as people read them (generator/petitions/chinese.py has the same rules) -- */
  function chineseDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? Number(m[1]) + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" : (iso || "");
  }
  function chineseTime(iso, zone) {
    var moment = new Date(iso);
    if (!iso || isNaN(moment.getTime())) return iso || "";
    var parts = {};
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone || undefined, year: "numeric", month: "2-digit",
        day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
        .formatToParts(moment).forEach(function (p) { parts[p.type] = p.value; });
    } catch (e) {
      return chineseDate(iso) + " " + iso.slice(11, 16);  // an unknown zone: the time as written
    }
    return chineseDate(parts.year + "-" + parts.month + "-" + parts.day) + " " + parts.hour + ":" + parts.minute;
  }
  function chineseMonth(value) {
    var m = /^(\d{4})-(\d{2})$/.exec(value || "");
    return m ? Number(m[1]) + "年" + Number(m[2]) + "月" : (value || "");
  }

  /* -- the submission form -- */
  function receiptPanel(answer, lookupHref, zone) {
    var panel = el("div", { class: "qq-receipt", role: "status", tabindex: "-1", "data-qq-receipt": "" });
    panel.appendChild(el("h2", { class: "qq-receipt__title" }, "诉求已提交"));
    var list = el("dl", { class: "qq-receipt__list" });
    [["受理编号", answer.receipt, true], ["查询码", answer.code, true], ["提交时间", chineseTime(answer.received_at, zone)],
     ["确认受理期限", chineseDate(answer.acknowledge_by) + (answer.provisional ? "（暂定）" : "")]].forEach(function (row) {
      list.appendChild(el("dt", {}, row[0]));
      var dd = el("dd");
      dd.appendChild(row[2] ? el("code", { class: "qq-receipt__value" }, row[1]) : document.createTextNode(row[1]));
      list.appendChild(dd);
    });
    panel.appendChild(list);
    var warning = el("p", { class: "qq-warning" });
    warning.appendChild(el("strong", {}, "请立即抄写或保存受理编号和查询码。"));
    warning.appendChild(document.createTextNode("查询码只显示这一次，我们无法找回；查询办理进度和评价都需要它。"));
    panel.appendChild(warning);
    var copy = el("button", { type: "button", class: "qq-button qq-button--secondary", "data-qq-copy": "" }, "复制受理编号和查询码");
    panel.appendChild(copy);
    var done = el("p", { class: "qq-copied", "aria-live": "polite" });
    panel.appendChild(done);
    wireCopy(copy, "受理编号：" + answer.receipt + "\n查询码：" + answer.code, done);
    var link = el("p");
    link.appendChild(el("a", { href: lookupHref + "?receipt=" + encodeURIComponent(answer.receipt) }, "查询办理进度"));
    panel.appendChild(link);
    return panel;
  }

  function wireCopy(button, text, done) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var ok = function () { if (done) done.textContent = "已复制。请粘贴保存到安全的地方。"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(ok, function () { if (done) done.textContent = "无法自动复制，请手动抄写。"; });
      } else if (done) {
        done.textContent = "无法自动复制，请手动抄写。";
      }
    });
  }

  function setUpSubmit(form) {
    form.setAttribute("data-summary", "f-error-summary");
    var params = new URLSearchParams(window.location.search);
    var related = params.get("related");
    if (related && form.querySelector('[name="related"]')) form.querySelector('[name="related"]').value = related;
    var category = params.get("category");
    var radio = category && form.querySelector('[name="category"][value="' + CSS.escape(category) + '"]');
    if (radio) radio.checked = true;

    all("[data-field]", form).forEach(function (wrap) {
      all("input, textarea", wrap).forEach(function (input) {
        var event = input.type === "radio" || input.type === "checkbox" ? "change" : "blur";
        input.addEventListener(event, function () { recheckField(form, wrap); });
      });
    });

    var key = null;
    var keyBody = null;
    var busy = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;
      var errors = checkAll(form);
      showErrors(form, errors);
      if (errors.length) return;
      var data = collect(form);
      var body = JSON.stringify(data);
      if (body !== keyBody) { key = newKey(); keyBody = body; } // same content, same key: a retry never duplicates
      busy = true;
      status(form, "正在提交…");
      post(form.action, data, { "Idempotency-Key": key }).then(function (answer) {
        busy = false;
        if (answer.status === 201) {
          status(form, "");
          var lookup = form.getAttribute("data-lookup") || "lookup/";
          var panel = receiptPanel(answer.body, lookup, form.getAttribute("data-zone"));
          form.parentNode.insertBefore(panel, form);
          form.hidden = true;
          panel.focus();
          return;
        }
        status(form, "");
        failure(form, answer);
      }).catch(function () {
        busy = false;
        status(form, "网络连接失败，请检查网络后再次提交（重复提交不会产生两份诉求）。");
      });
    });
  }

  /* -- lookup and rating -- */
  function renderResult(view, code, form, container) {
    var zone = form.getAttribute("data-zone");
    container.textContent = "";
    var section = el("section", { class: "qq-result", "aria-labelledby": "qq-result-title", tabindex: "-1" });
    section.appendChild(el("h2", { id: "qq-result-title" }, "办理情况：" + view.status_label));
    var list = el("dl", { class: "qq-receipt__list" });
    var rows = [["受理编号", view.receipt], ["诉求类别", view.category_name], ["标题", view.subject],
                ["提交时间", chineseTime(view.received_at, zone)]];
    if (view.due) rows.push(["本环节办理期限", chineseDate(view.due) + (view.due_provisional ? "（暂定）" : "") + (view.overdue ? " 已超期" : "")]);
    rows.forEach(function (row) { list.appendChild(el("dt", {}, row[0])); list.appendChild(el("dd", {}, row[1])); });
    section.appendChild(list);
    section.appendChild(el("h3", {}, "办理记录"));
    var timeline = el("ol", { class: "qq-timeline" });
    view.timeline.forEach(function (t) {
      var li = el("li");
      li.appendChild(el("time", { datetime: t.at }, chineseTime(t.at, zone)));
      li.appendChild(document.createTextNode(" " + t.note));
      timeline.appendChild(li);
    });
    section.appendChild(timeline);
    if (view.reply) {
      section.appendChild(el("h3", {}, "答复"));
      section.appendChild(el("div", { class: "qq-reply" }, view.reply));
    }
    if (view.can_rate) section.appendChild(ratingForm(view, code, form, container));
    container.appendChild(section);
    section.focus();
  }

  function ratingForm(view, code, lookupForm, container) {
    var rate = el("form", { class: "qq-form", novalidate: "" });
    var fieldset = el("fieldset", { class: "qq-field", "data-field": "rating" });
    fieldset.appendChild(el("legend", {}, "请评价办理结果"));
    var error = el("p", { class: "qq-error", hidden: "" });
    error.appendChild(el("span", { class: "qq-error__text" }));
    fieldset.appendChild(error);
    [["satisfied", "满意"], ["fair", "基本满意"], ["dissatisfied", "不满意"]].forEach(function (r) {
      var div = el("div", { class: "qq-radio" });
      div.appendChild(el("input", { type: "radio", id: "r-" + r[0], name: "rating", value: r[0] }));
      div.appendChild(el("label", { for: "r-" + r[0] }, r[1]));
      fieldset.appendChild(div);
    });
    rate.appendChild(fieldset);
    var comment = el("div", { class: "qq-field", "data-field": "comment" });
    comment.appendChild(el("label", { for: "r-comment" }, "意见（选填）"));
    comment.appendChild(el("textarea", { id: "r-comment", name: "comment", rows: "3" }));
    rate.appendChild(comment);
    rate.appendChild(el("p", { class: "qq-hint" }, "选择“不满意”时，诉求将重新办理一次。"));
    rate.appendChild(el("p", { class: "qq-form-status", role: "status", "data-qq-status": "" }));
    rate.appendChild(el("button", { type: "submit", class: "qq-button" }, "提交评价"));
    rate.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = rate.querySelector('[name="rating"]:checked');
      if (!chosen) { showFieldError(fieldset, "请选择：满意、基本满意或不满意"); return; }
      var data = { receipt: view.receipt, code: code, rating: chosen.value, comment: rate.querySelector("textarea").value };
      post(lookupForm.action.replace(/\/lookup$/, "/rate"), data).then(function (answer) {
        if (answer.status === 200) renderResult(answer.body, code, lookupForm, container);
        else failure(rate, answer);
      }).catch(function () { status(rate, "网络连接失败，请稍后再试。"); });
    });
    return rate;
  }

  function setUpLookup(form) {
    form.setAttribute("data-summary", "l-error-summary");
    var receipt = new URLSearchParams(window.location.search).get("receipt");
    if (receipt) form.querySelector('[name="receipt"]').value = receipt;
    var container = document.querySelector("[data-qq-result]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var errors = checkAll(form);
      showErrors(form, errors);
      if (errors.length) return;
      var code = form.querySelector('[name="code"]').value.trim();
      var data = { receipt: form.querySelector('[name="receipt"]').value.trim(), code: code };
      status(form, "正在查询…");
      post(form.action, data).then(function (answer) {
        status(form, "");
        if (answer.status === 200) { showErrors(form, []); renderResult(answer.body, code, form, container); }
        else failure(form, answer);
      }).catch(function () { status(form, "网络连接失败，请稍后再试。"); });
    });
  }

  /* -- statistics -- */
  function percent(value) { return value === null || value === undefined ? "—" : value + "%"; }
  function number(value) { return value === null || value === undefined ? "—" : String(value); }

  var STAT_LABELS = ["收到", "办结", "按时办结率", "办理用时中位数（工作日）", "满意率"];

  function fillRows(tbody, rows, first) {
    tbody.textContent = "";
    if (!rows.length) {
      var empty = el("tr", { class: "qq-stats-table__empty" });
      empty.appendChild(el("td", { colspan: String(STAT_LABELS.length + 1) }, "暂无数据"));
      tbody.appendChild(empty);
      return;
    }
    rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "row" }, first === "month" ? chineseMonth(row[first]) : row[first]));
      [number(row.received), number(row.finished), percent(row.on_time_percent), number(row.median_workdays),
       percent(row.satisfied_percent)].forEach(function (v, i) {
        tr.appendChild(el("td", { class: "qq-num", "data-label": STAT_LABELS[i] }, v));
      });
      tbody.appendChild(tr);
    });
  }

  function setUpStats(box) {
    var url = box.getAttribute("data-stats-url");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (stats) {
      var formats = { on_time_percent: percent, satisfied_percent: percent };
      all("[data-stat]", box).forEach(function (node) {
        var key = node.getAttribute("data-stat");
        node.textContent = (formats[key] || number)(stats[key]);
      });
      var byCategory = box.querySelector('[data-stat-rows="by_category"]');
      if (byCategory) fillRows(byCategory, stats.by_category, "name");
      var byMonth = box.querySelector('[data-stat-rows="by_month"]');
      if (byMonth) fillRows(byMonth, stats.by_month, "month");
      all("[data-stats-live]", box).forEach(function (node) { node.hidden = false; });
      // The note is reworded, not removed: nothing below it moves.
      var asOf = "以下为" + chineseTime(stats.generated_at, box.getAttribute("data-zone")) + "的数据（不含任何个人信息）。";
      all("[data-stats-empty]", box).forEach(function (node) { node.textContent = asOf; });
    }).catch(function () { /* the build-time snapshot stays */ });
  }

  function start() {
    all('form[data-qq-form="submit"]').forEach(setUpSubmit);
    all('form[data-qq-form="lookup"]').forEach(setUpLookup);
    all("[data-qq-stats]").forEach(setUpStats);
    all("[data-qq-receipt]").forEach(function (panel) {
      var codes = all("[data-qq-copy-source]", panel).map(function (n) { return n.textContent; });
      var button = panel.querySelector("[data-qq-copy]");
      if (button) wireCopy(button, "受理编号：" + codes[0] + "\n查询码：" + codes[1], null);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
