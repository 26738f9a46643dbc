"""Turn a libyaml error into the editor's mistake: a problem code, where it was made, and nothing more.

libyaml reports where it gave up, which is often a line after the mistake (an unclosed `[`
is noticed at the next key). Each translation below picks the mark that points at what
the editor wrote: the opening quote or bracket (the parser's context mark), or the
character that cannot stand where it is (the problem mark), and gathers what the message
needs to show the fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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


@dataclass(frozen=True)
class _Failure:
    """One libyaml error as the matchers read it: its texts, marks and the line it points at."""

    text: str
    context: str
    problem: str
    at: int  # the problem mark (where libyaml gave up)
    opened: int  # the context mark (what was open then)
    char: str
    line: str
    leading: str


def translate(exc: yaml.MarkedYAMLError, text: str) -> YamlMistake:
    """The editor's mistake behind one libyaml error in `text`."""
    at = _at_mark(text, exc.problem_mark or exc.context_mark)
    line = _line_of(text, at)
    failure = _Failure(
        text=text,
        context=(exc.context or "").strip(),
        problem=(exc.problem or "").strip(),
        at=at,
        opened=_at_mark(text, exc.context_mark or exc.problem_mark),
        char=text[at] if at < len(text) else "",
        line=line,
        leading=line[: len(line) - len(line.lstrip(" \t"))],
    )
    for matcher in _MATCHERS:
        mistake = matcher(failure)
        if mistake is not None:
            return mistake
    return YamlMistake("yaml_syntax", at)


# Each matcher recognises one kind of libyaml error and names the mistake, or answers None.
# They are asked in order (_MATCHERS): an earlier, more telling one wins.
_Matcher = Callable[[_Failure], YamlMistake | None]


def _when(
    code: str, mark: str = "at", *, problem: tuple[str, ...] = (), context: tuple[str, ...] = ()
) -> _Matcher:
    """A matcher for a mistake libyaml names plainly: any of the `problem` phrases in its
    problem, or of the `context` phrases in its context, is `code` at that `mark`."""

    def match(f: _Failure) -> YamlMistake | None:
        if any(p in f.problem for p in problem) or any(c in f.context for c in context):
            return YamlMistake(code, getattr(f, mark))
        return None

    return match


def _tab(f: _Failure) -> YamlMistake | None:
    indented_by_tab = "\t" in f.leading and _column_of(f.text, f.at) <= len(f.leading)
    if indented_by_tab or "tab character" in f.problem:
        tab = f.text.rfind("\n", 0, f.at) + 1 + f.leading.find("\t") if "\t" in f.leading else f.at
        return YamlMistake("yaml_tab", tab)
    if f.char == "\t" and "cannot start any token" in f.problem:
        return YamlMistake("yaml_tab", f.at)
    return None


def _open_quote_at_end(f: _Failure) -> YamlMistake | None:
    if "quoted scalar" in f.context and "end of stream" in f.problem:
        return _unclosed_quote(f.opened, f.text[f.opened : f.opened + 1] or '"')
    return None


def _bad_escape(f: _Failure) -> YamlMistake | None:
    if "unknown escape" in f.problem:
        return YamlMistake("yaml_bad_escape", f.at, {"escape": f.text[f.at : f.at + 2]})
    return None


def _flow(f: _Failure) -> YamlMistake | None:
    if "flow sequence" in f.context:
        return YamlMistake("yaml_unclosed_bracket", f.opened, {"open": "[", "close": "]"})
    if "flow mapping" in f.context:
        return YamlMistake("yaml_unclosed_bracket", f.opened, {"open": "{", "close": "}"})
    if "flow node" not in f.context:
        return None
    opener = _unclosed_bracket_before(f.text, f.at) if not f.text[f.at :].strip() else None
    if opener is not None:  # `topics: [` and nothing after it
        close = "]" if f.text[opener] == "[" else "}"
        return YamlMistake(
            "yaml_unclosed_bracket", opener, {"open": f.text[opener], "close": close}
        )
    return YamlMistake("yaml_flow_empty_entry", f.at)


def _undefined_alias(f: _Failure) -> YamlMistake | None:
    if "undefined alias" in f.problem:
        name = (f.text[f.at + 1 :].split(None, 1) or [""])[0].rstrip(",]}")
        return YamlMistake("yaml_undefined_alias", f.at, {"name": name, **_example(f.text, f.at)})
    return None


def _reserved_start(f: _Failure) -> YamlMistake | None:
    if "an alias" in f.context or "an anchor" in f.context or "a directive" in f.context:
        return _reserved(f.text, f.opened)
    if "cannot start any token" in f.problem or "mapping keys are not allowed" in f.problem:
        return _reserved(f.text, f.at)
    return None


def _quote_closed_later(f: _Failure) -> YamlMistake | None:
    quote = _multiline_quote_before(f.text, f.at)
    return _unclosed_quote(*quote) if quote is not None else None


def _text_after_quote(f: _Failure) -> YamlMistake | None:
    before = f.text[: f.at].rstrip(" ")
    if before.endswith(("'", '"')) and not before.endswith("\n") and _column_of(f.text, f.at) > 0:
        return YamlMistake("yaml_text_after_quote", f.at)
    return None


def _key_without_colon(f: _Failure) -> YamlMistake | None:
    if "simple key" in f.context and "expected ':'" in f.problem:
        return _missing_colon(f.text, f.opened)
    return None


def _reserved_in_flow(f: _Failure) -> YamlMistake | None:
    if "expected node content" in f.problem and f.char in "]},":
        return _reserved(f.text, f.at)
    return None


def _mapping_value_here(f: _Failure) -> YamlMistake | None:
    if "mapping values are not allowed" not in f.problem and "<document start>" not in f.problem:
        return None
    text, at, line = f.text, f.at, f.line
    start = _value_start(line, _column_of(text, at))
    if start is not None and ":" in line[_column_of(text, at) : _column_of(text, at) + 1]:
        return YamlMistake("yaml_colon_in_value", at, {"example": _quote_example(line, start)})
    line_start = text.rfind("\n", 0, at) + 1
    previous = _previous_line_start(text, line_start)
    above = _line_of(text, previous) if previous is not None else ":"
    if ":" not in above and not above.lstrip().startswith("- "):
        return _missing_colon(text, previous or 0)  # `title 标题`, then `level: x`
    return YamlMistake("yaml_bad_indent", line_start + len(f.leading))


_MATCHERS: tuple[_Matcher, ...] = (
    _tab,
    _open_quote_at_end,
    _bad_escape,
    _flow,
    _undefined_alias,
    _reserved_start,
    _when("yaml_block_scalar", "opened", context=("block scalar",)),
    _when("yaml_tag", problem=("constructor for the tag",), context=("a tag",)),
    _when("yaml_many_documents", problem=("another document",), context=("single document",)),
    _when("yaml_sequence_here", problem=("block sequence entries are not allowed",)),
    _quote_closed_later,
    _text_after_quote,
    _key_without_colon,
    _when("yaml_colon_in_flow", problem=("unexpected ':'",)),
    _when("yaml_complex_key", "opened", problem=("unhashable key",)),
    _reserved_in_flow,
    _mapping_value_here,
    _when(
        "yaml_bad_indent",
        problem=("expected key", "expected <block end>", "'-' indicator"),
    ),
)


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
