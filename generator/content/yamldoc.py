"""Parse YAML text into values with the line and column of every key and value, and nothing more.

Positions are recorded only when a problem asks for them (the fast path is the C loader);
libyaml's errors are put in the editor's words by `generator.content.yaml_errors`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.content.yaml_errors import key_at, translate
from generator.content.yaml_schema import ContentLoader
from generator.problems import Problem

MAX_NODES = 50_000  # per document, after alias expansion: refuses alias bombs quickly
MAX_DEPTH = 64

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Pos:
    line: int
    column: int


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document stands in its file.

    Holds the parser's marks (or ready positions) and turns them into 1-based positions only
    when asked: most documents have no problem, so most positions are never needed.
    """

    values: dict[KeyPath, Any] = field(default_factory=dict)
    keys: dict[KeyPath, Any] = field(default_factory=dict)
    line_offset: int = 0
    # Text parsed on the fast path: its positions are recorded only when first asked for.
    pending: str | None = None

    def _fill(self) -> None:
        if self.pending is not None:
            text, self.pending = self.pending, None
            _parse_with_positions(text, "", self.line_offset, self)

    def _pos(self, mark: Any) -> Pos | None:
        if mark is None or isinstance(mark, Pos):
            return mark
        return Pos(mark.line + 1 + self.line_offset, mark.column + 1)

    def key(self, path: KeyPath) -> Pos | None:
        self._fill()
        return self._pos(self.keys.get(path))

    def value(self, path: KeyPath) -> Pos | None:
        self._fill()
        return self._pos(self.values.get(path))

    def locate(self, path: KeyPath) -> Pos:
        """The position of the deepest known part of `path` (a missing key: its parent mapping)."""
        for end in range(len(path), -1, -1):
            prefix = tuple(path[:end])
            key = self.key(prefix)
            value = self.value(prefix)
            if key is not None and (value is None or value.line != key.line):
                return key  # a block mapping or list: point at its key, not its first entry
            if value is not None:
                return value
        return Pos(1, 1)


class _TooLarge(Exception):
    def __init__(self, code: str, pos: Pos):
        self.code, self.pos = code, pos


def problem_at(rel: str, pos: Pos, code: str, key: str = "", **params: Any) -> Problem:
    return Problem(rel, pos.line, pos.column, "error", code, key, params)


class _Fallback(Exception):
    """The fast path met something only the positional parse handles well."""


_STR, _SEQ, _MAP = (
    yaml.CSafeLoader.DEFAULT_SCALAR_TAG,
    yaml.CSafeLoader.DEFAULT_SEQUENCE_TAG,
    yaml.CSafeLoader.DEFAULT_MAPPING_TAG,
)


class _FastLoader(ContentLoader):
    """The C loader, with keys kept as written and anything unusual sent to the careful path.

    Resolving tags and building values are PyYAML's general Python code, called for every
    node; the safe schema has no path or wildcard resolvers and the fast path sees no
    aliases, so the short versions below give the same values in less time.
    """

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def get_single_data(self):
        node = self.get_single_node()
        return None if node is None else self.build(node)

    def build(self, node):
        tag = node.tag
        if tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            return [self.build(child) for child in node.value]
        if tag == _MAP:
            return self.construct_mapping(node)
        return self.construct_object(node, deep=True)

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            raise _Fallback
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value in mapping:
                raise _Fallback  # complex or duplicate key: reported with its line
            mapping[key_node.value] = self.build(value_node)
        return mapping


def parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[Any, Positions, list[Problem]]:
    """Parse one YAML document; duplicate keys are errors; positions come on demand.

    Most files are clean, so they take the C loader's plain path and their positions are
    recorded only if a later check asks where something stands. Aliases, duplicate keys and
    any parse error take the positional path at once.
    """
    if not ("*" in text and "&" in text):
        loader = _FastLoader(text)
        try:
            data = loader.get_single_data()
        except (_Fallback, yaml.YAMLError, ValueError, OverflowError, RecursionError):
            pass
        else:
            return data, Positions(line_offset=line_offset, pending=text), []
        finally:
            loader.dispose()
    positions = Positions(line_offset=line_offset)
    problems: list[Problem] = []
    data, problems = _parse_with_positions(text, rel, line_offset, positions)
    return data, positions, problems


def _parse_with_positions(
    text: str, rel: str, line_offset: int, positions: Positions
) -> tuple[Any, list[Problem]]:
    """Compose with the C parser and build the values, recording every key's and value's mark."""
    problems: list[Problem] = []
    loader = ContentLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, problems
        builder = _Builder(loader, rel, line_offset, positions, problems)
        data = builder.build(node, ())
    except _TooLarge as exc:
        return None, [problem_at(rel, exc.pos, exc.code)]
    except yaml.MarkedYAMLError as exc:
        mistake = translate(exc, text)
        if mistake.code == "yaml_tab":  # every tab-indented line is wrong: report them all
            return None, [
                problem_at(rel, _pos_of(text, tab, line_offset), "yaml_tab", key_at(text, tab))
                for tab in _indenting_tabs(text) or [mistake.index]
            ]
        pos = _pos_of(text, mistake.index, line_offset)
        key = key_at(text, mistake.index)
        return None, [problem_at(rel, pos, mistake.code, key, **mistake.params)]
    except yaml.reader.ReaderError as exc:
        position = min(exc.position, len(text))
        codepoint = f"U+{exc.character:04X}" if isinstance(exc.character, int) else ""
        pos = _pos_of(text, position, line_offset)
        return None, [problem_at(rel, pos, "yaml_bad_character", codepoint=codepoint)]
    except yaml.YAMLError:
        return None, [problem_at(rel, Pos(1 + line_offset, 1), "yaml_syntax")]
    finally:
        loader.dispose()
    return data, problems


def _indenting_tabs(text: str) -> list[int]:
    """The index of the first tab in the indentation of each line indented with one."""
    found, start = [], 0
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            found.append(start + indent.index("\t"))
        start += len(line) + 1
    return found


def _pos_of(text: str, index: int, line_offset: int = 0) -> Pos:
    """The 1-based line and column of a character index into `text`."""
    line = text.count("\n", 0, index) + 1 + line_offset
    return Pos(line, index - (text.rfind("\n", 0, index) + 1) + 1)


class _Builder:
    """Turns a composed YAML node graph into Python values, recording where each one stands."""

    def __init__(self, loader, rel, line_offset, positions: Positions, problems: list[Problem]):
        self.loader, self.rel, self.offset = loader, rel, line_offset
        self.positions, self.problems = positions, problems
        self.count = 0

    def pos(self, node) -> Pos:
        return Pos(node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def build(self, node, path: KeyPath, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge("yaml_too_many_nodes", self.pos(node))
        if depth > MAX_DEPTH:
            raise _TooLarge("yaml_too_deep", self.pos(node))
        self.positions.values[path] = node.start_mark
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        try:
            return self.loader.construct_object(node)
        except (ValueError, OverflowError):
            # An impossible timestamp such as 2025-13-01: keep the text; validation names it.
            return node.value

    def build_mapping(self, node, path: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(problem_at(self.rel, self.pos(key_node), "yaml_complex_key"))
                continue
            key = key_node.value  # the key as written: `no:` stays "no", `2025:` stays "2025"
            key_path = (*path, key)
            if key in result:
                first = self.positions.key(key_path)
                self.problems.append(
                    problem_at(
                        self.rel,
                        self.pos(key_node),
                        "duplicate_key",
                        _dotted(key_path),
                        first_line=first.line,
                        field=key,
                    )
                )
                continue
            self.positions.keys[key_path] = key_node.start_mark
            result[key] = self.build(value_node, key_path, depth + 1)
        return result


def _dotted(path: KeyPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
