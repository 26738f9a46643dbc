"""Turn a libyaml error into the editor's mistake: a problem code, where it was made, and nothing more.

libyaml reports where it gave up, which is often a line after the mistake (an unclosed `[`
is noticed at the next key). Each translation below picks the mark that points at what
the editor wrote: the opening quote or bracket (the parser's context mark), or the
character that cannot stand where it is (the problem mark), and gathers what the message
needs to show the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml


@dataclass(frozen=True)
class YamlMistake:
    """A translated YAML error: code, 0-based index into the text, and message parameters."""

    code: str
    index: int
    params: dict[str, Any] = field(default_factory=dict)


def _line_of(text: str, index: int) -> str:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return text[start : end if end >= 0 else len(text)]


def _column_of(text: str, index: int) -> int:
    return index - (text.rfind("\n", 0, index) + 1)


def _quoted(value: str) -> str:
    return f"'{value}'" if '"' in value else f'"{value}"'


def _quote_example(line: str, value_start: int) -> str:
    """The line with its value from `value_start` on put in quotes: `title: "关于: 通知"`."""
    value = line[value_start:].strip()
    return f"{line[:value_start].rstrip()} {_quoted(value)}".strip()


def _value_start(line: str, before: int) -> int | None:
    """Where the value of `key: value` (or `- value`) starts on `line`, if before column `before`."""
    stripped = len(line) - len(line.lstrip(" "))
    if line.startswith("- ", stripped):
        return stripped + 2
    colon = line.find(": ", stripped)
    if 0 <= colon < before:
        return colon + 2
    return None


def _previous_line_start(text: str, line_start: int) -> int | None:
    """Where the text of the nearest earlier line that holds more than a comment starts."""
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        content = text[start:end].strip()
        if content and not content.startswith("#"):
            return start + len(text[start:end]) - len(text[start:end].lstrip())
        end = start - 1
    return None


def _multiline_quote_before(text: str, limit: int) -> tuple[int, str] | None:
    """The last quoted scalar ending before `limit` that spans lines: an unclosed quote that
    a later quote closed. (index of its opening quote, the quote character)."""
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            if token.start_mark.index >= limit:
                break
            style = getattr(token, "style", None)
            if style in ('"', "'") and token.start_mark.line != token.end_mark.line:
                found = (token.start_mark.index, style)
    except yaml.YAMLError:
        pass
    return found


def _unclosed_bracket_before(text: str, limit: int) -> int | None:
    """The index of the innermost `[` or `{` still open at `limit` (quotes not counted)."""
    stack: list[int] = []
    for index, char in enumerate(text[:limit]):
        if char in "[{":
            stack.append(index)
        elif char in "]}" and stack:
            stack.pop()
    return stack[-1] if stack else None


def _unclosed_quote(index: int, quote: str) -> YamlMistake:
    return YamlMistake("yaml_unclosed_quote", index, {"quote": quote})


def _at_mark(text: str, mark: Any) -> int:
    return min(mark.index, len(text)) if mark is not None else 0


def translate(exc: yaml.MarkedYAMLError, text: str) -> YamlMistake:
    """The editor's mistake behind one libyaml error in `text`."""
    context = (exc.context or "").strip()
    problem = (exc.problem or "").strip()
    at = _at_mark(text, exc.problem_mark or exc.context_mark)
    opened = _at_mark(text, exc.context_mark or exc.problem_mark)
    char = text[at] if at < len(text) else ""
    line = _line_of(text, at)
    leading = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in leading and _column_of(text, at) <= len(leading) or "tab character" in problem:
        tab = text.rfind("\n", 0, at) + 1 + leading.find("\t") if "\t" in leading else at
        return YamlMistake("yaml_tab", tab)
    if char == "\t" and "cannot start any token" in problem:
        return YamlMistake("yaml_tab", at)
    if "quoted scalar" in context and "end of stream" in problem:
        return _unclosed_quote(opened, text[opened : opened + 1] or '"')
    if "unknown escape" in problem:
        return YamlMistake("yaml_bad_escape", at, {"escape": text[at : at + 2]})
    if "flow sequence" in context:
        return YamlMistake("yaml_unclosed_bracket", opened, {"open": "[", "close": "]"})
    if "flow mapping" in context:
        return YamlMistake("yaml_unclosed_bracket", opened, {"open": "{", "close": "}"})
    if "flow node" in context:
        opener = _unclosed_bracket_before(text, at) if not text[at:].strip() else None
        if opener is not None:  # `topics: [` and nothing after it
            close = "]" if text[opener] == "[" else "}"
            return YamlMistake(
                "yaml_unclosed_bracket", opener, {"open": text[opener], "close": close}
            )
        return YamlMistake("yaml_flow_empty_entry", at)
    if "undefined alias" in problem:
        name = (text[at + 1 :].split(None, 1) or [""])[0].rstrip(",]}")
        return YamlMistake("yaml_undefined_alias", at, {"name": name, **_example(text, at)})
    if "an alias" in context or "an anchor" in context or "a directive" in context:
        return _reserved(text, opened)
    if "cannot start any token" in problem or "mapping keys are not allowed" in problem:
        return _reserved(text, at)
    if "block scalar" in context:
        return YamlMistake("yaml_block_scalar", opened)
    if "constructor for the tag" in problem or "a tag" in context:
        return YamlMistake("yaml_tag", at)
    if "another document" in problem or "single document" in context:
        return YamlMistake("yaml_many_documents", at)
    if "block sequence entries are not allowed" in problem:
        return YamlMistake("yaml_sequence_here", at)
    quote = _multiline_quote_before(text, at)
    if quote is not None:
        return _unclosed_quote(*quote)
    before = text[:at].rstrip(" ")
    if before.endswith(("'", '"')) and not before.endswith("\n") and _column_of(text, at) > 0:
        return YamlMistake("yaml_text_after_quote", at)
    if "simple key" in context and "expected ':'" in problem:
        return _missing_colon(text, opened)
    if "unexpected ':'" in problem:
        return YamlMistake("yaml_colon_in_flow", at)
    if "unhashable key" in problem:
        return YamlMistake("yaml_complex_key", opened)
    if "expected node content" in problem and char in "]},":
        return _reserved(text, at)
    if "mapping values are not allowed" in problem or "<document start>" in problem:
        start = _value_start(line, _column_of(text, at))
        if start is not None and ":" in line[_column_of(text, at) : _column_of(text, at) + 1]:
            return YamlMistake("yaml_colon_in_value", at, {"example": _quote_example(line, start)})
        line_start = text.rfind("\n", 0, at) + 1
        previous = _previous_line_start(text, line_start)
        above = _line_of(text, previous) if previous is not None else ":"
        if ":" not in above and not above.lstrip().startswith("- "):
            return _missing_colon(text, previous or 0)  # `title 标题`, then `level: x`
        return YamlMistake("yaml_bad_indent", line_start + len(leading))
    if "expected key" in problem or "expected <block end>" in problem or "'-' indicator" in problem:
        return YamlMistake("yaml_bad_indent", at)
    return YamlMistake("yaml_syntax", at)


_KEY_LINE = re.compile(r"^( *)([^\s:#'\"\[\]{},&*!|>%@`-][^:#]*?):(?: |$)")


def key_at(text: str, index: int) -> str:
    """The dotted key of the line at `index` (`delivery.mode`), read from the indentation of
    the lines above; "" when that line has no key or a list lies on the way up."""
    lines = text[: text.find("\n", index) if "\n" in text[index:] else len(text)].split("\n")
    keys: list[str] = []
    indent: int | None = None
    for line in reversed(lines):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(line) - len(stripped)
        if indent is not None and depth >= indent:
            continue
        match = _KEY_LINE.match(line)
        if match is None or stripped.startswith("- "):
            return ""
        keys.append(match.group(2).strip())
        indent = depth
        if depth == 0:
            return ".".join(reversed(keys))
    return ""


_KEY_WITHOUT_SPACE = re.compile(r"^(\s*(?:- )?)([^\s:#'\"]+):(?=\S)")


def _missing_colon(text: str, index: int) -> YamlMistake:
    """The line at `index` should be `key: value`: a Chinese colon, a colon without the
    space after it, or no colon at all."""
    line_start = text.rfind("\n", 0, index) + 1
    line = _line_of(text, index)
    wide = line.find("：")
    if wide > 0 and ":" not in line[:wide]:
        fixed = f"{line[:wide].rstrip()}: {line[wide + 1 :].lstrip()}".strip()
        return YamlMistake("yaml_fullwidth_colon", line_start + wide, {"example": fixed})
    match = _KEY_WITHOUT_SPACE.match(line)
    if match:
        fixed = f"{line[: match.end()]} {line[match.end() :]}".strip()
        return YamlMistake("yaml_colon_no_space", line_start + match.end() - 1, {"example": fixed})
    return YamlMistake("yaml_missing_colon", index)


def _example(text: str, index: int) -> dict[str, str]:
    """`example`: the line of `index` with the value that holds `index` put in quotes."""
    line, column = _line_of(text, index), _column_of(text, index)
    start = _value_start(line, column + 1)
    if start is None or start > column:
        start = column
    return {"example": _quote_example(line, start)}


def _reserved(text: str, index: int) -> YamlMistake:
    """A plain value starting with a character YAML keeps for itself (`@`, backtick, `*` …)."""
    return YamlMistake(
        "yaml_reserved_start", index, {"char": text[index : index + 1], **_example(text, index)}
    )
