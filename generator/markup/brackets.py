"""Backslash-escapes the `[` and `(` Python-Markdown would scan a whole block for, and nothing more.

Python-Markdown's link pattern reads from every `[` to its matching `]`, and from every `](`
to the matching `)`, to the end of the paragraph when there is none: a paragraph of
100,000 `[` (or of `[a](` repeated) takes it hours. A bracket without its partner in the
block, or nested deeper than MAX_DEPTH, can start no link, so escaping it changes nothing
on the page (`\\[` shows as `[`) and leaves each remaining scan short.
"""

from __future__ import annotations

import re

from generator.markup.scan import code_spans, lines_outside_fences

MAX_DEPTH = 16
_PAIRS = {"]": "[", ")": "("}
_INTERESTING = re.compile(r"[\\\[\]()]")


def guard_brackets(text: str) -> str:
    """`text` with lone or deeply nested `[` and `(` outside code escaped."""
    if text.count("[") + text.count("(") <= MAX_DEPTH:
        return text  # too few to cost anything
    escaped = _brackets_to_escape(text)
    if not escaped:
        return text
    lines = text.split("\n")
    for index in sorted({i for i, _ in escaped}):
        line = lines[index]
        columns = sorted(c for i, c in escaped if i == index)
        pieces, last = [], 0
        for column in columns:
            pieces += [line[last:column], "\\"]
            last = column
        pieces.append(line[last:])
        lines[index] = "".join(pieces)
    return "\n".join(lines)


def _brackets_to_escape(text: str) -> set[tuple[int, int]]:
    """(line, column) of each `[` and `(` outside code without a partner in its block or
    nested deeper than MAX_DEPTH."""
    escaped: set[tuple[int, int]] = set()
    stacks: dict[str, list[tuple[int, int]]] = {"[": [], "(": []}

    def end_block() -> None:
        for stack in stacks.values():
            escaped.update(stack)
            stack.clear()

    previous_blank = True
    for index, line in lines_outside_fences(text):
        if not line.strip():
            end_block()
            previous_blank = True
            continue
        if previous_blank and line.startswith(("    ", "\t")):
            continue  # an indented code block (as inert_markdown sees one)
        previous_blank = False
        for column in _bracket_columns(line):
            char = line[column]
            if char in stacks:
                stack = stacks[char]
                if len(stack) >= MAX_DEPTH:
                    escaped.add((index, column))
                else:
                    stack.append((index, column))
            elif stacks[_PAIRS[char]]:
                stacks[_PAIRS[char]].pop()
    end_block()
    return escaped


def _bracket_columns(line: str) -> list[int]:
    """Columns of `[ ] ( )` outside code spans and not escaped by a backslash."""
    spans = code_spans(line) if "`" in line else []
    found = []
    skip_until = -1
    span_index = 0
    for match in _INTERESTING.finditer(line):
        i = match.start()
        if i < skip_until:
            continue
        while span_index < len(spans) and spans[span_index][1] <= i:
            span_index += 1
        if span_index < len(spans) and spans[span_index][0] <= i:
            continue
        if match.group() == "\\":
            skip_until = i + 2
            continue
        found.append(i)
    return found
