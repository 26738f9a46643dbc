"""The notifications' Jinja2 environments over templates/: HTML (pages, the digest) and plain-text mail, and nothing more."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment

from generator import templating
from generator.petitions.chinese import chinese_date
from generator.templating import html_environment

TEMPLATES = Path(__file__).parent / "templates"
FOOTER = "本邮件由系统自动发送，请勿直接回复。"  # every mail's last line (templates: {{ footer }})


@cache
def environment() -> Environment:
    """Autoescaped: the handler's pages and HTML mail."""
    return html_environment(TEMPLATES)


@cache
def text_environment() -> Environment:
    """The plain-text parts of the mails (templates/mail/*.txt.j2): no HTML escaping."""
    env = templating.text_environment(TEMPLATES)
    env.filters["chinese_date"] = chinese_date
    return env
