"""Linear-time scanners over Markdown: fenced blocks, code spans, inline link targets, autolinks, and nothing more.

Regexes with a lazy or repeated part that can restart at every `[`, backtick or `<`
(`(`+)(.+?)\\1`, `\\[(...)*\\]\\(`) take quadratic or worse time on a line of many of them, and
editors' text is untrusted. These scanners read each character a bounded number of times.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def lines_outside_fences(body: str) -> Iterator[tuple[int, str]]:
    """(0-based index, line) of each line of `body` outside fenced code blocks."""
    fence: str | None = None
    for index, line in enumerate(body.split("\n")):
        opener = _FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        yield index, line


class NextFinder:
    """`text.find(char, start)` for starts that never decrease, in linear time overall."""

    def __init__(self, text: str, char: str) -> None:
        self.text = text
        self.char = char
        self._last = -2  # -2: not searched yet; -1: no more `char` after the last start

    def find(self, start: int) -> int:
        if self._last == -1 or self._last >= start:
            return self._last
        self._last = self.text.find(self.char, start)
        return self._last


def _backtick_runs(line: str) -> list[tuple[int, int]]:
    runs = []
    i, n = 0, len(line)
    while True:
        i = line.find("`", i)
        if i < 0:
            return runs
        j = i
        while j < n and line[j] == "`":
            j += 1
        runs.append((i, j - i))
        i = j


def code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each code span: a backtick run up to the next run of the same length.

    A run with no closing run of its length is plain text (CommonMark's rule, and what
    Python-Markdown renders).
    """
    runs = _backtick_runs(line)
    following: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        following[index] = seen.get(runs[index][1])
        seen[runs[index][1]] = index
    spans = []
    index = 0
    while index < len(runs):
        closing = following[index]
        if closing is None:
            index += 1
            continue
        start, end = runs[index][0], runs[closing][0] + runs[closing][1]
        spans.append((start, end))
        index = closing + 1
    return spans


def blank_code_spans(line: str) -> str:
    """The line with inline code replaced by spaces, so columns stay right."""
    pieces, last = [], 0
    for start, end in code_spans(line):
        pieces += [line[last:start], " " * (end - start)]
        last = end
    pieces.append(line[last:])
    return "".join(pieces)


@dataclass(frozen=True)
class Target:
    """A link target found on a line: its 0-based column and text (angle brackets kept)."""

    start: int
    text: str


def inline_link_targets(line: str) -> list[Target]:
    """Targets of `[text](target ...)` and `![alt](src ...)`, code spans not excluded.

    Brackets are counted (backslash escapes honoured), so a link inside a link's text is found
    as well as the outer one; after a `](` the target is `<...>` or a run without spaces in
    which parentheses nest one level. Scanning goes on after the target, so no character is
    read twice.
    """
    found: list[Target] = []
    open_brackets = 0
    i, n = 0, len(line)
    while i < n:
        char = line[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            open_brackets += 1
        elif char == "]" and open_brackets:
            open_brackets -= 1
            if i + 1 < n and line[i + 1] == "(":
                start, end = _target(line, i + 2)
                found.append(Target(start, line[start:end]))
                i = max(end, i + 2)
                continue
        i += 1
    return found


def _target(line: str, i: int) -> tuple[int, int]:
    n = len(line)
    while i < n and line[i].isspace():
        i += 1
    if i < n and line[i] == "<":
        close = line.find(">", i)
        if close >= 0:
            return i, close + 1
    start = i
    while i < n:
        char = line[i]
        if char.isspace() or char == ")":
            break
        if char == "(":
            j = i + 1
            while j < n and not line[j].isspace() and line[j] not in "()":
                j += 1
            if j < n and line[j] == ")":
                i = j + 1
                continue
            break
        i += 1
    return start, i


_AUTOLINK_SCHEMES = ("https://", "http://", "ftp://")


def autolink_targets(line: str) -> list[Target]:
    """Targets of `<https://...>` (and http, ftp, any case): no space or `>` inside, ended by `>`."""
    found: list[Target] = []
    i, n = 0, len(line)
    while True:
        i = line.find("<", i)
        if i < 0:
            return found
        head = line[i + 1 : i + 9].lower()
        scheme = next((s for s in _AUTOLINK_SCHEMES if head.startswith(s)), None)
        if scheme is None:
            i += 1
            continue
        j = i + 1 + len(scheme)
        while j < n and line[j] != ">" and not line[j].isspace():
            j += 1
        if j < n and line[j] == ">" and j > i + 1 + len(scheme):
            found.append(Target(i + 1, line[i + 1 : j]))
            i = j + 1
        else:
            # Every `<` before `j` ends its run at `j` as well: none of them can match.
            i = j
