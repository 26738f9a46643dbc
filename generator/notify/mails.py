"""The subscription mails in Chinese: confirm, already subscribed (manage), and the digest."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment

from generator.notify.channel import Rendered
from generator.templating import html_environment

TEMPLATES = Path(__file__).parent / "templates"
FOOTER = "本邮件由系统自动发送，请勿直接回复。"


@cache
def environment() -> Environment:
    return html_environment(TEMPLATES)


def _unsubscribe_headers(payload: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """RFC 2369 and RFC 8058: a one-click unsubscribe by POST to the link."""
    return (
        ("List-Unsubscribe", f"<{payload['unsubscribe']}>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
    )


def _confirm(p: dict[str, Any]) -> Rendered:
    text = (
        f"您好：\n\n有人（希望是您）用本邮箱订阅了{p['site']}的更新提醒。\n"
        f"请打开以下链接确认订阅：\n{p['confirm']}\n\n"
        "如果不是您本人操作，请忽略本邮件，您不会收到任何提醒。\n\n" + FOOTER + "\n"
    )
    return Rendered(f"请确认订阅{p['site']}的更新提醒", text)


def _manage(p: dict[str, Any]) -> Rendered:
    text = (
        f"您好：\n\n本邮箱已经订阅了{p['site']}的更新提醒。\n"
        f"如需修改订阅内容，请打开：\n{p['manage']}\n\n如需退订，请打开：\n{p['unsubscribe']}\n\n"
        + FOOTER + "\n"
    )  # fmt: skip
    return Rendered(f"您已订阅{p['site']}的更新提醒", text, headers=_unsubscribe_headers(p))


SECTIONS = (
    ("reminders", "申报即将截止"),
    ("opened", "正在申报的资金项目"),
    ("items", "新发布与重要更新"),
)


def _digest_text(p: dict[str, Any]) -> str:
    lines = ["您好：", "", f"以下是{p['site']}自上次提醒以来与您的订阅有关的内容。", ""]
    for key, title in SECTIONS:
        entries = p.get(key) or []
        if not entries:
            continue
        lines += [f"【{title}】"]
        for entry in entries:
            lines += [f"· {entry['label']}{entry['title']}", f"  {entry['url']}"]
        lines.append("")
    lines += [f"修改订阅内容：{p['manage']}", f"退订：{p['unsubscribe']}", "", FOOTER]
    return "\n".join(lines) + "\n"


def _digest(p: dict[str, Any]) -> Rendered:
    count = sum(len(p.get(key) or []) for key, _ in SECTIONS)
    html = (
        environment().get_template("digest.html.j2").render(p=p, sections=SECTIONS, footer=FOOTER)
    )
    return Rendered(
        f"{p['site']}更新提醒：{count} 条与您有关的内容", _digest_text(p), html=html,
        headers=_unsubscribe_headers(p),
    )  # fmt: skip


RENDERERS = {"confirm": _confirm, "manage": _manage, "digest": _digest}


def render_subscription(kind: str, payload: dict[str, Any]) -> Rendered:
    return RENDERERS[kind](payload)
