"""Attribute lists in item bodies that ask for more than `#id` and `.class`, as problems, and nothing more.

Python-Markdown's attr_list reads `{...}` after a heading, a table cell or a definition
term, on the last line of a block, and right after an inline element (`![a](x.png){...}`,
`[t](url){...}`, `**b**{...}`). Any key but `id` and `class` (an event handler such as
`onfocus`, `style`, `autofocus`, `data-*`) is reported, so the editor learns it; the
sanitizer removes it from the page whatever check said (generator/markup/sanitize.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markdown.extensions.attr_list import get_attrs_and_remainder

from generator.cache.memo import held
from generator.content.sources import Document
from generator.markup.scan import code_spans, lines_outside_fences
from generator.problems import Problem

ALLOWED_KEYS = frozenset({"id", "class", "."})  # "." is attr_list's name for `.class`
# After one of these, `{` starts an inline element's attribute list.
_INLINE_CLOSERS = frozenset(")]*_`>")


@dataclass(frozen=True)
class AttributeList:
    """One `{...}` group in a body that Markdown reads as attributes, at its 0-based column."""

    line: int  # 0-based within the body
    column: int
    text: str  # from `{` to the `}` that ends it
    keys: tuple[str, ...]  # as attr_list names them: "id", "." (a class), "onclick", ...
    bare: frozenset[str] = frozenset()  # keys written without a value (`{autofocus}`)


def _line_groups(line: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each `{...}` on a line that Markdown reads as an attribute list.

    Inline lists end at their first `}` (attr_list parses no further); the list that ends a
    heading, cell or block runs to the line's last `}`. Scanning goes on after each group,
    so no character is read twice.
    """
    in_code = bytearray(len(line))
    for start, end in code_spans(line):
        in_code[start:end] = b"\x01" * (end - start)
    last_brace = line.rfind("}")
    if last_brace < 0:
        return
    ends_line = not line[last_brace + 1 :].strip(" ")
    first_text = len(line) - len(line.lstrip(" "))
    i = line.find("{")
    while 0 <= i < last_brace:
        before = line[i - 1] if i else ""
        if in_code[i]:
            i = line.find("{", i + 1)
            continue
        if ends_line and (before == " " or i == first_text):
            yield i, last_brace + 1
            return
        if before and before in _INLINE_CLOSERS:
            end = line.find("}", i)
            yield i, end + 1
            i = line.find("{", end)
            continue
        i = line.find("{", i + 1)


def _cells(line: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each table cell of a row (the line itself if it is no table row)."""
    offset = 0
    for cell in line.split("|"):
        yield offset, cell
        offset += len(cell) + 1


def _groups(line: str) -> Iterator[tuple[int, int]]:
    for offset, cell in _cells(line) if "|" in line else ((0, line),):
        for start, end in _line_groups(cell):
            yield offset + start, offset + end


@held("attribute-lists")  # `mkdocs serve`: a rebuild scans only the bodies that changed
def find_attribute_lists(body: str) -> list[AttributeList]:
    found = []
    for index, line in lines_outside_fences(body):
        for start, end in _groups(line):
            inner = line[start + 1 : end - 1].lstrip(":").lstrip(" ")
            if not inner:
                continue
            attrs, _ = get_attrs_and_remainder(inner)
            shown = line[start : line.find("}", start) + 1]
            keys = tuple(k for k, _ in attrs)
            bare = frozenset(k for k, v in attrs if v is None)
            found.append(AttributeList(index, start, shown, keys, bare))
    return found


def check_attribute_lists(doc: Document) -> list[Problem]:
    """An error for each key but `id` and `class` in the body's attribute lists."""
    problems = []
    for group in find_attribute_lists(doc.body):
        for key in dict.fromkeys(group.keys):
            # A bare `id` or `class` is no `#id` or `.class` (and a bare `id` on a heading
            # crashes Python-Markdown's toc).
            if key not in ALLOWED_KEYS or key in group.bare:
                problems.append(
                    Problem(
                        doc.rel,
                        doc.body_line + group.line,
                        group.column + 1,
                        "error",
                        "unsafe_attribute",
                        "",
                        {"value": group.text, "name": key},
                    )
                )
    return problems
