"""Editor Markdown with raw HTML made visible text, and nothing more."""

from __future__ import annotations

import re

from generator.markup.scan import code_spans

_FENCE = re.compile(r"^(\s{0,3})(`{3,}|~{3,})")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^\s<>]+>")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def inert_markdown(text: str) -> str:
    """Editor Markdown with raw HTML made visible text: `<script>` shows, never runs.

    Markdown keeps its meaning (headings, lists, tables, links); code blocks and code spans
    are left alone because Markdown escapes them itself; `<https://...>` autolinks stay.
    """
    if "<" not in text:
        return text  # nothing to make inert: every line below would come back unchanged
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(2).startswith(fence):
                fence = None
            out.append(line)
            continue
        if match:
            fence = match.group(2)[0] * 3
            out.append(line)
            continue
        if line.startswith(("    ", "\t")) and (not out or not out[-1].strip()):
            out.append(line)  # an indented code block
            continue
        out.append(_escape_outside_code(line))
    return "\n".join(out)


def _escape_outside_code(line: str) -> str:
    if "<" not in line:
        return line
    pieces: list[str] = []
    last = 0
    for start, end in code_spans(line):
        pieces.append(_escape_tags(line[last:start]))
        pieces.append(line[start:end])
        last = end
    pieces.append(_escape_tags(line[last:]))
    return "".join(pieces)


def _escape_tags(text: str) -> str:
    kept: list[str] = []
    last = 0
    for link in _AUTOLINK.finditer(text):
        kept.append(_TAG_START.sub("&lt;", text[last : link.start()]))
        kept.append(link.group(0))
        last = link.end()
    kept.append(_TAG_START.sub("&lt;", text[last:]))
    return "".join(kept)
