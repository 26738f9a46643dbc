"""The Jinja2 environment of the compile core: autoescaping HTML fragments, and nothing more."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup, escape

from generator.compile import text
from generator.templating import html_environment

TEMPLATES = Path(__file__).parent / "templates"
_LEADING = re.compile(r"^[ \t]+", re.MULTILINE)
_BLANK = re.compile(r"\n{2,}")


def paragraphs(value: str) -> Markup:
    """Each non-blank line of plain text as an escaped `<p>`."""
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(line) for line in lines)


@cache
def environment(templates: Path = TEMPLATES) -> Environment:
    """The environment of a templates folder (the core's, or a feature's own) with our filters."""
    env = html_environment(templates)
    env.filters.update(
        cdate=text.chinese_date,
        yuan=text.yuan,
        amount=text.amount,
        isodate=text.iso_date,
        paragraphs=paragraphs,
    )
    return env


def render_html(template: str, *, templates: Path = TEMPLATES, **context) -> str:
    """A fragment as raw HTML for a Markdown page: no indentation, no blank lines.

    Markdown treats an indented line after a blank line as code, and a blank line can end a
    raw HTML block; squeezing both out keeps the fragment one inert HTML block.
    """
    return squeeze(environment(templates).get_template(template).render(**context))


def squeeze(html: str) -> str:
    """`html` without leading blanks on its lines, blank lines or surrounding whitespace."""
    # Our templates leave neither (trim_blocks, lstrip_blocks); only a value with line breaks
    # can. Looking for them costs far less than two regex passes over every page.
    if "\n\n" in html or "\n " in html or "\n\t" in html or html[:1] in (" ", "\t"):
        html = _BLANK.sub("\n", _LEADING.sub("", html))
    return html.strip()


def attrs(mapping: dict[str, str]) -> Markup:
    """`data-*` attributes, escaped, in a stable order."""
    # Plain str building: Markup.format per attribute was a visible share of compile time.
    return Markup(" ".join(f'{k}="{escape(v)}"' for k, v in sorted(mapping.items())))


FRAGMENT = "QQFRAGMENT{}QQ"


def assemble(parts: list[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    """("html" | "md", text) parts -> Markdown with one placeholder paragraph per HTML part,
    and the placeholder -> HTML mapping (see Page.fragments)."""
    lines: list[str] = []
    fragments: dict[str, str] = {}
    for kind, value in parts:
        if kind == "html":
            placeholder = FRAGMENT.format(len(fragments))
            fragments[placeholder] = value
            lines.append(placeholder)
        elif value.strip():
            lines.append(value.strip())
    return "\n\n".join(lines) + "\n", fragments
