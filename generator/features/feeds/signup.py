"""The 订阅提醒 form that leads the 订阅 page: an email address and what to be told of, nothing more.

A plain HTML form posting to the handler's `/api/subscriptions` (generator/notify/public.py
answers it), usable with JavaScript off; the honeypot field is the petition form's.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.models.followable import FLAG_LABELS, FLAG_TITLE, GROUP_TITLES, followable
from generator.petitions.html import api_base
from generator.petitions.validation import HONEYPOT


def _checkbox(name: str, value: str, label: str) -> Markup:
    fid = f"s-{name}-{value}"
    return Markup(
        '<div class="qq-checkbox"><input type="checkbox" id="{fid}" name="{name}" value="{value}">'
        '<label for="{fid}">{label}</label></div>'
    ).format(fid=fid, name=name, value=value, label=label)


def signup_form(site) -> Markup:  # noqa: ANN001 - SiteConfig
    """The form as one HTML block (no blank line inside, so Markdown keeps it whole)."""
    groups = []
    followed = followable(site)
    for name, title in GROUP_TITLES.items():
        options = followed[name]
        if not options:
            continue
        boxes = Markup("").join(_checkbox(name, code, label) for code, label in options.items())
        groups.append(
            Markup('<fieldset class="qq-group"><legend>{t}</legend>{b}</fieldset>').format(
                t=title, b=boxes
            )
        )
    funds = Markup("").join(_checkbox(flag, "true", label) for flag, label in FLAG_LABELS.items())
    return Markup(
        '<section class="qq-signup" aria-labelledby="signup">'
        '<h2 id="signup">邮件订阅提醒</h2>'
        "<p>填写邮箱并选择关心的内容：有新发布或重要更新时，我们把与您有关的内容汇总发到您的邮箱；"
        "资金项目开始申报和截止前也可以提醒您。提交后请打开确认邮件中的链接，订阅才会生效；每封邮件都可以一键退订。"
        "邮箱地址加密保存，只用于发送提醒。</p>"
        '<form class="qq-form" method="post" action="{action}" accept-charset="utf-8">'
        '<div class="qq-field"><label for="s-email">电子邮箱<span class="qq-required" aria-hidden="true">*</span></label>'
        '<input id="s-email" name="email" type="email" autocomplete="email" required aria-required="true"></div>'
        "{groups}"
        '<fieldset class="qq-group"><legend>{flag_title}</legend>{funds}</fieldset>'
        '<div class="qq-hp" aria-hidden="true" style="position:absolute;left:-10000px"><label for="s-{hp}">网站（请勿填写）</label>'
        '<input id="s-{hp}" name="{hp}" type="text" tabindex="-1" autocomplete="off"></div>'
        '<button type="submit" class="qq-button">订阅</button>'
        "</form></section>"
    ).format(
        action=f"{api_base(site)}/subscriptions",
        groups=Markup("").join(groups),
        funds=funds,
        flag_title=FLAG_TITLE,
        hp=HONEYPOT,
    )
