"""Read content files: front matter, YAML with the line and column of every key, CSV rows.

This is the only module that opens content files. It never raises for bad input: every
problem comes back as a Problem value pointing at the line to fix.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem
from generator.yaml_errors import translate

MAX_FILE_BYTES = 5 * 1024 * 1024
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


@dataclass
class Document:
    """A parsed content file: its front matter data, positions, and the Markdown body."""

    rel: str
    data: dict[str, Any]
    positions: Positions
    body: str = ""
    body_line: int = 1
    failed: bool = False  # the front matter did not parse: `data` is empty, the body is known
    # For an item checked as a partial view: list key -> the index in this file of each
    # entry the view kept (entries that failed validation are left out of the view).
    view_entries: dict[str, list[int]] = field(default_factory=dict)

    def file_path(self, path: KeyPath) -> KeyPath:
        """`path` into the checked view as a path into this file."""
        kept = self.view_entries.get(path[0]) if len(path) > 1 else None  # type: ignore[arg-type]
        if kept is None or not isinstance(path[1], int):
            return path
        return (path[0], kept[path[1]], *path[2:])


class _TooLarge(Exception):
    def __init__(self, code: str, pos: Pos):
        self.code, self.pos = code, pos


def _problem(rel: str, pos: Pos, code: str, key: str = "", **params: Any) -> Problem:
    return Problem(rel, pos.line, pos.column, "error", code, key, params)


def read_bytes(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """The file as text (BOM dropped, line ends made \\n), or the problem that stops it.

    Only a regular file is read: the file is opened without following a symbolic link and
    without blocking (a FIFO named `x.md` would otherwise wait for a writer forever), and
    what was opened is checked before a byte is read. Control characters are reported at
    their line and column and replaced by U+FFFD, so the rest of the file is still checked.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW | _CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, [_problem(rel, Pos(1, 1), "not_regular_file", kind="symlink")]
        if exc.errno in (errno.ENXIO, errno.EWOULDBLOCK):  # a socket or a FIFO on some systems
            return None, [_problem(rel, Pos(1, 1), "not_regular_file", kind="special")]
        return None, [_problem(rel, Pos(1, 1), "file_unreadable", reason=exc.strerror or str(exc))]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [_problem(rel, Pos(1, 1), "not_regular_file", kind=_kind(info.st_mode))]
        if info.st_size > MAX_FILE_BYTES:
            size_mb = round(info.st_size / 1048576, 1)
            return None, [_problem(rel, Pos(1, 1), "file_too_large", size_mb=size_mb)]
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES and (chunk := os.read(fd, MAX_FILE_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        raw = b"".join(chunks)
    except OSError as exc:
        return None, [_problem(rel, Pos(1, 1), "file_unreadable", reason=exc.strerror or str(exc))]
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:  # grew while we read it
        return None, [_problem(rel, Pos(1, 1), "file_too_large", size_mb=5)]
    return decode_text(raw, rel)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_SPECIAL_KINDS = ((stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"))
_SPECIAL_KINDS += ((stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "folder"))


def _kind(mode: int) -> str:
    return next((kind for test, kind in _SPECIAL_KINDS if test(mode)), "special")


# C0 controls other than tab, line feed and carriage return, and a byte-order mark that is
# not the file's first character (two files pasted together): invisible, and refused.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufeff]")
MAX_CONTROL_REPORTS = 20


def decode_text(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """Bytes as UTF-8 text with \\n line ends; control characters reported and replaced."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [_problem(rel, Pos(1, 1), "utf16")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace"))
        hint = "gbk" if _looks_like_gbk(raw) else ""
        byte = f"0x{raw[exc.start]:02X}"
        return None, [_problem(rel, Pos(line, column + 1), "bad_utf8", hint=hint, byte=byte)]
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems: list[Problem] = []
    if _CONTROL.search(text) is None:
        return text, problems
    for match in _CONTROL.finditer(text):
        if len(problems) == MAX_CONTROL_REPORTS:
            break
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        char = match.group()
        code = "stray_bom" if char == "\ufeff" else "control_character"
        problems.append(_problem(rel, Pos(line, column), code, codepoint=f"U+{ord(char):04X}"))
    return _CONTROL.sub("\ufffd", text), problems


def _looks_like_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


class _Fallback(Exception):
    """The fast path met something only the positional parse handles well."""


_STR, _SEQ, _MAP = (
    yaml.CSafeLoader.DEFAULT_SCALAR_TAG,
    yaml.CSafeLoader.DEFAULT_SEQUENCE_TAG,
    yaml.CSafeLoader.DEFAULT_MAPPING_TAG,
)


class _FastLoader(yaml.CSafeLoader):
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
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, problems
        builder = _Builder(loader, rel, line_offset, positions, problems)
        data = builder.build(node, ())
    except _TooLarge as exc:
        return None, [_problem(rel, exc.pos, exc.code)]
    except yaml.MarkedYAMLError as exc:
        mistake = translate(exc, text)
        return None, [
            _problem(rel, _pos_of(text, mistake.index, line_offset), mistake.code, **mistake.params)
        ]
    except yaml.reader.ReaderError as exc:
        position = min(exc.position, len(text))
        codepoint = f"U+{exc.character:04X}" if isinstance(exc.character, int) else ""
        pos = _pos_of(text, position, line_offset)
        return None, [_problem(rel, pos, "yaml_bad_character", codepoint=codepoint)]
    except yaml.YAMLError:
        return None, [_problem(rel, Pos(1 + line_offset, 1), "yaml_syntax")]
    finally:
        loader.dispose()
    return data, problems


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
                self.problems.append(_problem(self.rel, self.pos(key_node), "yaml_complex_key"))
                continue
            key = key_node.value  # the key as written: `no:` stays "no", `2025:` stays "2025"
            key_path = (*path, key)
            if key in result:
                first = self.positions.key(key_path)
                self.problems.append(
                    _problem(
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


def list_folder(folder: Path, shown: str, root: Path) -> tuple[list[str], list[Problem]]:
    """The regular files below `folder` (paths below it, posix, sorted), and a problem for
    every entry that is not one.

    Nothing is followed: a symbolic link is refused (one pointing out of `root`, the
    content folder, as a leak; one inside it because a file name is an item's id and its
    history, which a link would duplicate, and git checks links out as text files on
    Windows). A FIFO, device or socket is refused without being opened. `shown` is the
    folder as messages name it. Names starting with a dot are skipped.
    """
    problems: list[Problem] = []
    if folder.is_symlink():
        return [], [_refused_link(folder, shown, root)]
    files: list[str] = []
    pending = [""]
    while pending:
        inner = pending.pop()
        try:
            with os.scandir(folder / inner if inner else folder) as entries:
                found = list(entries)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            problems.append(
                _problem(
                    f"{shown}/{inner}".rstrip("/"), Pos(1, 1), "file_unreadable", reason=reason
                )
            )
            continue
        for entry in found:
            if entry.name.startswith("."):
                continue
            name = f"{inner}/{entry.name}" if inner else entry.name
            rel = f"{shown}/{name}"
            if entry.is_symlink():
                problems.append(_refused_link(Path(entry.path), rel, root))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(name)
            elif entry.is_file(follow_symlinks=False):
                files.append(name)
            else:
                mode = entry.stat(follow_symlinks=False).st_mode
                problems.append(_problem(rel, Pos(1, 1), "not_regular_file", kind=_kind(mode)))
    return sorted(files, key=lambda name: name.split("/")), problems


def _refused_link(path: Path, rel: str, root: Path) -> Problem:
    target = os.path.realpath(path)
    inside = Path(target).is_relative_to(os.path.realpath(root))
    code = "symlink_inside" if inside else "symlink_outside"
    return _problem(rel, Pos(1, 1), code, target=os.readlink(path))


_NEAR_FENCE = re.compile(r"^\s*[-—－─]{3,}\s*$")


def split_front_matter(text: str, rel: str) -> tuple[str | None, str, int, list[Problem]]:
    """(front matter text, body, body's first line, problems). Front matter starts at line 2."""
    lines = text.split("\n")
    if not text.strip():
        return None, text, 1, [_problem(rel, Pos(1, 1), "file_empty")]
    if lines[0].rstrip() != "---":
        return None, text, 1, [_problem(rel, Pos(1, 1), "front_matter_missing")]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2, []
    # A closing line that is almost `---` (four dashes, Chinese dashes, spaces before) is
    # most likely where the editor meant to close.
    near = next((i for i in range(1, len(lines)) if _NEAR_FENCE.match(lines[i])), None)
    if near is not None:
        return None, "", 1, [_problem(rel, Pos(near + 1, 1), "front_matter_bad_fence")]
    return None, "", 1, [_problem(rel, Pos(1, 1), "front_matter_unterminated")]


def read_item(path: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    """Read one Markdown item: front matter (a mapping) and body.

    When the front matter is not a readable mapping, the document still comes back with
    its body and `failed` set (its data empty), so links into it can be checked.
    """
    text, problems = read_bytes(path, rel)
    if text is None:
        return None, problems
    front, body, body_line, found = split_front_matter(text, rel)
    problems += found
    if front is None:
        return None, problems
    data, positions, found = parse_yaml(front, rel, line_offset=1)
    problems += found
    failed = Document(rel, {}, positions, body, body_line, failed=True)
    if data is None and not found:
        return failed, [*problems, _problem(rel, Pos(1, 1), "front_matter_empty")]
    if data is None:
        return failed, problems
    if not isinstance(data, dict):
        return failed, [*problems, _problem(rel, Pos(2, 1), "front_matter_not_mapping")]
    return Document(rel, data, positions, body, body_line), problems


def read_yaml_mapping(path: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    """Read a plain YAML file (site.yaml) whose top level must be a mapping."""
    text, problems = read_bytes(path, rel)
    if text is None:
        return None, problems
    data, positions, found = parse_yaml(text, rel)
    problems += found
    if data is None and not found:
        return None, [*problems, _problem(rel, Pos(1, 1), "yaml_empty")]
    if data is None:
        return None, problems
    if not isinstance(data, dict):
        return None, [*problems, _problem(rel, Pos(1, 1), "yaml_not_mapping")]
    return Document(rel, data, positions), problems


@dataclass(frozen=True)
class CsvRow:
    """One record: its first line, its values by column name, and the 1-based column where
    each value starts on that line (1 when the record spans lines)."""

    line: int
    values: dict[str, str]
    columns: dict[str, int] = field(default_factory=dict)


def _cell_columns(line: str) -> list[int]:
    """The 1-based column where each cell of a one-line CSV record starts (past spaces)."""
    starts, quoted = [0], False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(i + 1)
    ends = [*[start - 1 for start in starts[1:]], len(line)]
    return [
        start + len(line[start:end]) - len(line[start:end].lstrip()) + 1
        for start, end in zip(starts, ends, strict=True)
    ]


def read_csv(path: Path, rel: str, columns: tuple[str, ...]) -> tuple[list[CsvRow], list[Problem]]:
    """Rows of a CSV with a header naming `columns` (extra columns are errors), each with its line."""
    text, problems = read_bytes(path, rel)
    if text is None:
        return [], problems
    lines = text.split("\n")
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error:
        return [], [*problems, _problem(rel, Pos(1, 1), "csv_syntax")]
    missing = [c for c in columns if c not in header and c != "project"]
    unknown = [h for h in header if h not in columns]
    if missing or unknown:
        got = ",".join(header)
        return [], [
            *problems,
            _problem(rel, Pos(1, 1), "csv_header", expected=",".join(columns), got=got),
        ]
    rows: list[CsvRow] = []
    end = reader.line_num
    try:
        for record in reader:
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                width = {"expected": len(header), "got": len(record)}
                problems.append(_problem(rel, Pos(line, 1), "csv_width", **width))
                continue
            starts = _cell_columns(lines[line - 1]) if end == line else []
            if len(starts) != len(header):
                starts = [1] * len(header)
            values = {h: cell.strip() for h, cell in zip(header, record, strict=True)}
            rows.append(CsvRow(line, values, dict(zip(header, starts, strict=True))))
    except csv.Error:
        problems.append(_problem(rel, Pos(end + 1, 1), "csv_syntax"))
    return rows, problems
