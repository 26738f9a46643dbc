"""Find body paragraphs that Markdown would show as code only because they are indented.

Editors indent paragraphs out of word-processor habit. Four spaces or a tab after a blank
line make an indented code block: monospace, unwrapped, no links. Two full-width spaces
(　　) are plain text and stay as they are. A block counts as prose, not code, when at
least a third of its visible characters are Chinese and it holds none of the characters
that code is made of.
"""

from __future__ import annotations

import re

from generator.content.sources import Document
from generator.problems import Problem

CODE = "indented_paragraph"
CODE_CHARACTERS = frozenset("{}[]<>;=$`|\\")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
PROSE_SHARE = 1 / 3


def _indented(line: str) -> bool:
    return line.startswith(("\t", "    ", " \t", "  \t", "   \t"))


def is_prose(lines: list[str]) -> bool:
    """Whether an indented block reads as Chinese text rather than code."""
    visible = "".join("".join(line.split()) for line in lines)
    if not visible or any(char in CODE_CHARACTERS for char in visible):
        return False
    return len(_CJK.findall(visible)) >= PROSE_SHARE * len(visible)


def indented_prose_problems(doc: Document) -> list[Problem]:
    """A warning at the first line of each indented block that is prose, not code."""
    if "    " not in doc.body and "\t" not in doc.body:
        return []
    problems = []
    lines = doc.body.split("\n")
    fence: str | None = None
    in_list = False
    index = 0
    while index < len(lines):
        line = lines[index]
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
        elif opened:
            fence = opened.group(1)
        elif _indented(line) and line.strip() and (index == 0 or not lines[index - 1].strip()):
            end = index
            while end < len(lines) and (_indented(lines[end]) or not lines[end].strip()):
                end += 1
            block = [text for text in lines[index:end] if text.strip()]
            # Inside a list, an indented paragraph continues the item: not a code block.
            if not in_list and is_prose(block):
                problems.append(Problem(doc.rel, doc.body_line + index, 1, "warning", CODE))
            index = end
            continue
        elif line.strip():
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and line.startswith(" "))
        index += 1
    return problems
