"""HTML fragments of the petition pages, shared by the static pages and the handler's answers.

Every fragment is one block without blank lines, so Markdown (md_in_html) passes it through.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from generator.petitions.states import RATINGS
from generator.petitions.validation import FieldRule, field_rules

if TYPE_CHECKING:
    from generator.models.site import SiteConfig

Errors = Sequence[tuple[str, str]]


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def api_base(site: SiteConfig) -> str:
    """The API prefix (`/api`) derived from the petitions endpoint."""
    endpoint = site.petitions.endpoint.rstrip("/")
    return endpoint[: -len("/petitions")] if endpoint.endswith("/petitions") else endpoint


def block(parts: Sequence[str]) -> str:
    """Join lines into one HTML block: no blank line inside, so Markdown keeps it whole."""
    return "\n".join(line for part in parts for line in part.split("\n") if line.strip())


def error_summary(errors: Errors, prefix: str = "f-") -> str:
    """The GOV.UK-style summary at the top; hidden and empty when there are no errors."""
    items = "".join(f'<li><a href="#{prefix}{_e(f)}">{_e(m)}</a></li>' for f, m in errors)
    hidden = "" if errors else " hidden"
    return (
        f'<div class="qq-error-summary" id="{prefix}error-summary" role="alert" tabindex="-1"'
        f' aria-labelledby="{prefix}error-summary-title"{hidden}>\n'
        f'<h2 class="qq-error-summary__title" id="{prefix}error-summary-title">提交未成功，请修改以下问题</h2>\n'
        f'<ul class="qq-error-summary__list">{items}</ul>\n</div>'
    )


def _error(fid: str, message: str | None) -> str:
    hidden = "" if message else " hidden"
    return f'<p class="qq-error" id="{fid}-error"{hidden}><span class="qq-visually-hidden">错误：</span><span class="qq-error__text">{_e(message)}</span></p>'


def _data_attrs(rule: FieldRule) -> str:
    attrs = f' data-label="{_e(rule.label)}"'
    if rule.required:
        attrs += ' data-required="true"' + (' data-identity="true"' if rule.needs_identity else "")
    if rule.max_length:
        attrs += f' data-maxlength="{rule.max_length}"'
    if rule.pattern:
        attrs += f' data-pattern="{_e(rule.pattern)}"'
    return attrs


def _field(rule: FieldRule, value: Any, message: str | None, site: SiteConfig) -> str:
    fid = f"f-{rule.name}"
    described = " ".join(x for x in (f"{fid}-hint" if rule.hint else "", f"{fid}-error") if x)
    invalid = ' aria-invalid="true"' if message else ""
    cls = "qq-field qq-field--error" if message else "qq-field"
    hint = f'<p class="qq-hint" id="{fid}-hint">{_e(rule.hint)}</p>' if rule.hint else ""
    required = '<span class="qq-required" aria-hidden="true">*</span>' if rule.required else ""
    if rule.kind == "choice":
        options = []
        for code, category in site.petitions.categories.items():
            checked = " checked" if value == code else ""
            desc = (
                f'<span class="qq-hint" id="{fid}-{code}-hint">{_e(category.description)}</span>'
                if category.description
                else ""
            )
            options.append(
                f'<div class="qq-radio"><input type="radio" id="{fid}-{code}" name="{rule.name}" value="{_e(code)}"{checked}'
                f' data-anonymous="{str(category.anonymous).lower()}"><label for="{fid}-{code}">{_e(category.name)}</label>{desc}</div>'
            )
        return (
            f'<fieldset class="{cls}" id="{fid}" aria-describedby="{fid}-error"{_data_attrs(rule)} data-field="{rule.name}">\n'
            f"<legend>{_e(rule.label)}{required}</legend>\n{_error(fid, message)}\n"
            + "\n".join(options)
            + "\n</fieldset>"
        )
    if rule.kind == "bool":
        checked = " checked" if value else ""
        return (
            f'<div class="{cls} qq-checkbox" data-field="{rule.name}"{_data_attrs(rule)}>\n{_error(fid, message)}\n'
            f'<input type="checkbox" id="{fid}" name="{rule.name}" value="true"{checked} aria-describedby="{described}"{invalid}>'
            f'<label for="{fid}">{_e(rule.label)}{required}</label>\n{hint}\n</div>'
        )
    common = f'id="{fid}" name="{rule.name}" aria-describedby="{described}"{invalid}'
    if rule.required:
        common += ' aria-required="true"'
    if rule.kind == "textarea":
        # Hack: escape newlines so a blank line in the value cannot end the Markdown HTML block.
        text = _e(value).replace("\n", "&#10;")
        control = f'<textarea {common} rows="8">{text}</textarea>'
    else:
        kind = {"tel": "tel", "email": "email"}.get(rule.kind, "text")
        extra = {
            "phone": ' autocomplete="tel"',
            "email": ' autocomplete="email"',
            "contact_name": ' autocomplete="name"',
            "enterprise": ' autocomplete="organization"',
        }.get(rule.name, "")
        control = f'<input {common} type="{kind}" value="{_e(value)}"{extra}>'
    return (
        f'<div class="{cls}" data-field="{rule.name}"{_data_attrs(rule)}>\n<label for="{fid}">{_e(rule.label)}{required}</label>\n'
        f"{hint}\n{_error(fid, message)}\n{control}\n</div>"
    )


def petition_form(
    site: SiteConfig,
    values: Mapping[str, Any] | None = None,
    errors: Errors = (),
    lookup_href: str = "lookup/",
) -> str:
    """The submission form: categories, fields, the notice to accept, a honeypot."""
    values = values or {}
    messages = dict(reversed(errors))
    rules = {r.name: r for r in field_rules(site.petitions)}

    def field(name: str) -> str:
        return _field(rules[name], values.get(name), messages.get(name), site)

    notice = (
        f'<fieldset class="qq-notice"><legend>个人信息处理告知</legend>\n<p id="f-notice">{_e(site.petitions.notice)}</p>\n'
        f"{field('consent')}\n</fieldset>"
    )
    parts = [
        error_summary(errors),
        f'<form class="qq-form" method="post" action="{_e(site.petitions.endpoint)}" accept-charset="utf-8" novalidate data-qq-form="submit" data-lookup="{_e(lookup_href)}">',
        field("category"),
        '<fieldset class="qq-group"><legend>诉求内容</legend>',
        field("subject"), field("content"), field("related"),
        "</fieldset>",
        '<fieldset class="qq-group"><legend>企业与联系人</legend>',
        field("anonymous"), field("enterprise"), field("credit_code"), field("contact_name"), field("phone"), field("email"),
        "</fieldset>",
        notice,
        '<div class="qq-hp" aria-hidden="true"><label for="f-website">网站（请勿填写）</label><input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>',
        '<p class="qq-status" role="status" aria-live="polite" data-qq-status></p>',
        '<button type="submit" class="qq-button">提交诉求</button>',
        "</form>",
    ]  # fmt: skip
    return block(parts)


def receipt_panel(answer: Mapping[str, Any], lookup_href: str) -> str:
    """The receipt and the query code, shown once, with the warning to keep the code."""
    provisional = "（暂定，节假日安排公布后可能调整）" if answer.get("provisional") else ""
    return block(
        [
            '<div class="qq-receipt" role="status" tabindex="-1" data-qq-receipt>',
            '<h2 class="qq-receipt__title">诉求已提交</h2>',
            '<dl class="qq-receipt__list">',
            f'<dt>受理编号</dt><dd><code class="qq-receipt__value" data-qq-copy-source>{_e(answer["receipt"])}</code></dd>',
            f'<dt>查询码</dt><dd><code class="qq-receipt__value" data-qq-copy-source>{_e(answer["code"])}</code></dd>',
            f"<dt>提交时间</dt><dd>{_e(answer['received_at'])}</dd>",
            f"<dt>确认受理期限</dt><dd>{_e(answer['acknowledge_by'])}{provisional}</dd>",
            "</dl>",
            '<p class="qq-warning"><strong>请立即抄写或保存受理编号和查询码。</strong>查询码只显示这一次，我们无法找回；查询办理进度和评价都需要它。</p>',
            '<button type="button" class="qq-button qq-button--secondary" data-qq-copy hidden>复制受理编号和查询码</button>',
            f'<p><a href="{_e(lookup_href)}">查询办理进度</a></p>',
            "</div>",
        ]
    )


def lookup_form(
    site: SiteConfig, values: Mapping[str, Any] | None = None, errors: Errors = ()
) -> str:
    values = values or {}
    messages = dict(errors)
    action = f"{site.petitions.endpoint.rstrip('/')}/lookup"
    fields = []
    for name, label, hint in (
        ("receipt", "受理编号", "如 20261126-K7Q2M"),
        ("code", "查询码", "提交时显示的 8 位查询码"),
    ):
        fid = f"l-{name}"
        message = messages.get(name)
        invalid = ' aria-invalid="true"' if message else ""
        fields.append(
            f'<div class="qq-field{" qq-field--error" if message else ""}" data-field="{name}" data-label="{label}" data-required="true">\n'
            f'<label for="{fid}">{label}</label>\n<p class="qq-hint" id="{fid}-hint">{hint}</p>\n{_error(fid, message)}\n'
            f'<input id="{fid}" name="{name}" type="text" autocomplete="off" spellcheck="false" aria-required="true"'
            f' aria-describedby="{fid}-hint {fid}-error" value="{_e(values.get(name))}"{invalid}>\n</div>'
        )
    return block(
        [
            error_summary(errors, prefix="l-"),
            f'<form class="qq-form" method="post" action="{_e(action)}" accept-charset="utf-8" novalidate data-qq-form="lookup">',
            *fields,
            '<p class="qq-status" role="status" aria-live="polite" data-qq-status></p>',
            '<button type="submit" class="qq-button">查询</button>',
            "</form>",
            '<div class="qq-lookup-result" data-qq-result aria-live="polite"></div>',
        ]
    )


def lookup_result(view: Mapping[str, Any], site: SiteConfig, code: str = "") -> str:
    """Status, due date, timeline, reply, and the rating form once closed."""
    due = ""
    if view.get("due"):
        flag = "（暂定）" if view.get("due_provisional") else ""
        late = '<strong class="qq-overdue">已超期</strong>' if view.get("overdue") else ""
        due = f"<dt>本环节办理期限</dt><dd>{_e(view['due'])}{flag}{late}</dd>"
    timeline = "".join(
        f'<li><time datetime="{_e(t["at"])}">{_e(t["at"][:16].replace("T", " "))}</time> {_e(t["note"])}</li>'
        for t in view["timeline"]
    )
    reply = (
        f'<h3>答复</h3>\n<div class="qq-reply">{_e(view["reply"]).replace(chr(10), "<br>")}</div>'
        if view.get("reply")
        else ""
    )
    rated = f"<p>您的评价：{_e(RATINGS.get(view['rating'], ''))}</p>" if view.get("rating") else ""
    parts = [
        '<section class="qq-result" aria-labelledby="qq-result-title">',
        f'<h2 id="qq-result-title">办理情况：{_e(view["status_label"])}</h2>',
        '<dl class="qq-receipt__list">',
        f"<dt>受理编号</dt><dd>{_e(view['receipt'])}</dd>",
        f"<dt>诉求类别</dt><dd>{_e(view['category_name'])}</dd>",
        f"<dt>标题</dt><dd>{_e(view['subject'])}</dd>",
        f"<dt>提交时间</dt><dd>{_e(view['received_at'][:16].replace('T', ' '))}</dd>",
        due,
        "</dl>",
        f'<h3>办理记录</h3>\n<ol class="qq-timeline">{timeline}</ol>',
        reply,
        rated,
    ]
    if view.get("can_rate"):
        parts.append(rating_form(site, view["receipt"], code))
    parts.append("</section>")
    return block(parts)


def rating_form(site: SiteConfig, receipt: str, code: str) -> str:
    action = f"{site.petitions.endpoint.rstrip('/')}/rate"
    options = "".join(
        f'<div class="qq-radio"><input type="radio" id="r-{k}" name="rating" value="{k}"><label for="r-{k}">{v}</label></div>'
        for k, v in RATINGS.items()
    )
    return block(
        [
            f'<form class="qq-form" method="post" action="{_e(action)}" accept-charset="utf-8" data-qq-form="rate">',
            f'<input type="hidden" name="receipt" value="{_e(receipt)}"><input type="hidden" name="code" value="{_e(code)}">',
            f'<fieldset class="qq-field" data-field="rating"><legend>请评价办理结果</legend>\n{options}\n</fieldset>',
            '<div class="qq-field"><label for="r-comment">意见（选填）</label>\n<textarea id="r-comment" name="comment" rows="3"></textarea>\n</div>',
            '<p class="qq-hint">选择“不满意”时，诉求将重新办理一次。</p>',
            '<button type="submit" class="qq-button">提交评价</button>',
            "</form>",
        ]
    )


def document(site: SiteConfig, title: str, body: str) -> str:
    """A small standalone page for the handler's answers to plain (JavaScript-off) form posts."""
    base = str(site.base_url).rstrip("/")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)} - {_e(site.title)}</title>\n"
        f'<link rel="stylesheet" href="{_e(base)}/assets/qinqing/petitions.css">\n</head>\n<body class="qq-page">\n'
        f'<header class="qq-shell-header"><a href="{_e(base)}/">{_e(site.title)}</a></header>\n'
        f'<main class="qq-main" id="main">\n<h1>{_e(title)}</h1>\n{body}\n</main>\n</body>\n</html>\n'
    )


def message_page(site: SiteConfig, title: str, message: str) -> str:
    base = str(site.base_url).rstrip("/")
    return document(
        site,
        title,
        f'<p>{_e(message)}</p>\n<p><a href="{_e(base)}/petitions/">返回诉求表单</a></p>',
    )
