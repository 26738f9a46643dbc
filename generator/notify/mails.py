"""The subscription mails in Chinese: confirm, already subscribed (manage), and the digest.

Their words are in templates/mail/ (text, and HTML for the digest).
"""

from __future__ import annotations

from typing import Any

from generator.notify.channel import Rendered
from generator.notify.rendering import FOOTER, environment, text_environment


def _unsubscribe_headers(payload: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """RFC 2369 and RFC 8058: a one-click unsubscribe by POST to the link."""
    return (
        ("List-Unsubscribe", f"<{payload['unsubscribe']}>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
    )


SECTIONS = (
    ("reminders", "申报即将截止"),
    ("opened", "正在申报的资金项目"),
    ("items", "新发布与重要更新"),
)
_CONTEXT = {"sections": SECTIONS, "footer": FOOTER}


def _body(name: str, p: dict[str, Any]) -> str:
    return text_environment().get_template(f"mail/{name}.txt.j2").render(p=p, **_CONTEXT)


def _confirm(p: dict[str, Any]) -> Rendered:
    return Rendered(f"请确认订阅{p['site']}的更新提醒", _body("confirm", p))


def _manage(p: dict[str, Any]) -> Rendered:
    return Rendered(
        f"您已订阅{p['site']}的更新提醒", _body("manage", p), headers=_unsubscribe_headers(p)
    )


def _digest(p: dict[str, Any]) -> Rendered:
    count = sum(len(p.get(key) or []) for key, _ in SECTIONS)
    html = environment().get_template("mail/digest.html.j2").render(p=p, **_CONTEXT)
    return Rendered(
        f"{p['site']}更新提醒：{count} 条与您有关的内容", _body("digest", p), html=html,
        headers=_unsubscribe_headers(p),
    )  # fmt: skip


RENDERERS = {"confirm": _confirm, "manage": _manage, "digest": _digest}


def render_subscription(kind: str, payload: dict[str, Any]) -> Rendered:
    return RENDERERS[kind](payload)
