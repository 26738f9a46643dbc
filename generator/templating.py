"""The two kinds of Jinja2 environment we render with, and nothing more: autoescaping for
every HTML page we write, plain for text (mail bodies, the files `qinqing init` writes).

The compile core, the petition handler, the mail and `init` each keep their own templates
folder; all get their settings from here, so there is one way of escaping HTML and one
whitespace rule in the project.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined


def html_environment(
    templates: Path,
    *,
    keep_trailing_newline: bool = False,
    finalize: Callable[[Any], Any] | None = None,
) -> Environment:
    """Autoescaping, strict about undefined names, whitespace-trimmed, templates cached."""
    return _environment(
        templates, autoescape=True, keep_trailing_newline=keep_trailing_newline, finalize=finalize
    )


def text_environment(templates: Path) -> Environment:
    """Never escaping (plain text, YAML, Markdown, Makefiles, never HTML), otherwise as
    `html_environment`; the trailing newline of a template is kept."""
    return _environment(templates, autoescape=False, keep_trailing_newline=True)


def _environment(templates: Path, **settings: Any) -> Environment:
    return Environment(
        loader=FileSystemLoader(templates),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        # Templates ship with the package and do not change while we run: without this,
        # every get_template call stats the file (a visible share of 5,000 item pages).
        auto_reload=False,
        **settings,
    )
