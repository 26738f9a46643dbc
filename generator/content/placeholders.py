"""The placeholders `qinqing new` and `qinqing init` write, and finding those left in content.

Both writers take their placeholders from here and `check` looks for these, so the three
cannot drift apart: whatever a generator writes for an editor to fill in is an error
until it is replaced (`--allow-placeholders` makes it a warning, for a first preview).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from generator.content.sources import Document
from generator.content.yamldoc import KeyPath, dotted
from generator.problems import Problem

MARK = "【待填写】"
# A site address that cannot exist (RFC 2606 reserves .invalid): init's default base_url.
PLACEHOLDER_HOST = "your-site.invalid"
PLACEHOLDER_URL = f"https://{PLACEHOLDER_HOST}/"
CODE = "placeholder"


def placeholder(what: str) -> str:
    """The text written where an editor must put `what` (e.g. 完整标题)."""
    return f"{MARK}{what}"


def is_placeholder(text: str) -> bool:
    return MARK in text or PLACEHOLDER_HOST in text


def _strings(value: Any, path: KeyPath) -> Iterable[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, (*path, index))


def placeholder_problems(doc: Document) -> list[Problem]:
    """An error for each value and body line that still holds a placeholder."""
    problems = []
    # repr() of the data is one C-speed pass: most documents hold no placeholder at all.
    if is_placeholder(repr(doc.data)):
        for path, text in _strings(doc.data, ()):
            if is_placeholder(text):
                pos = doc.positions.locate(path)
                problems.append(
                    Problem(
                        doc.rel, pos.line, pos.column, "error", CODE, dotted(path), {"value": text}
                    )
                )
    if is_placeholder(doc.body):
        for offset, line in enumerate(doc.body.split("\n")):
            if is_placeholder(line):
                problems.append(
                    Problem(
                        doc.rel,
                        doc.body_line + offset,
                        1,
                        "error",
                        CODE,
                        "",
                        {"value": line.strip()},
                    )
                )
    return problems


def allow_placeholders(problems: Iterable[Problem]) -> list[Problem]:
    """The problems with placeholders as warnings (`--allow-placeholders`)."""
    return [
        dataclasses.replace(p, severity="warning") if p.code == CODE and p.is_error else p
        for p in problems
    ]
