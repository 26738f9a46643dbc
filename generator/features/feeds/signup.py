"""The 订阅提醒 form that leads the 订阅 page: an email address and what to be told of, nothing more.

A plain HTML form posting to the handler's `/api/subscriptions` (generator/notify/public.py
answers it), usable with JavaScript off; the honeypot field is the petition form's. Its
words are in templates/signup.html.j2.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from generator.models.followable import FLAG_LABELS, FLAG_TITLE, GROUP_TITLES, followable
from generator.petitions.html import api_base
from generator.petitions.validation import HONEYPOT
from generator.templating import html_environment

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _environment() -> Environment:
    return html_environment(TEMPLATES)


def signup_form(site) -> Markup:  # noqa: ANN001 - SiteConfig
    """The form as one HTML block (no blank line inside, so Markdown keeps it whole)."""
    html = (
        _environment()
        .get_template("signup.html.j2")
        .render(
            action=f"{api_base(site)}/subscriptions",
            labels=followable(site),
            titles=GROUP_TITLES,
            flags=FLAG_LABELS,
            flag_title=FLAG_TITLE,
            honeypot=HONEYPOT,
        )
    )
    return Markup(html.strip())
