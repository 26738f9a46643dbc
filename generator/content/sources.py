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

from generator.cache.memo import held, remembered
from generator.content.yamldoc import (
    KeyPath,
    Pos,
    Positions,
    parse_yaml,
)
from generator.content.yamldoc import problem_at as _problem
from generator.problems import Problem

MAX_FILE_BYTES = 5 * 1024 * 1024


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


def read_bytes(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """The file as text (BOM dropped, line ends made \\n), or the problem that stops it.

    Only a regular file is read: the file is opened without following a symbolic link and
    without blocking (a FIFO named `x.md` would otherwise wait for a writer forever), and
    what was opened is checked before a byte is read. Control characters are reported at
    their line and column and removed, so the rest of the file is still checked (and a value
    with one, such as `level: local<NUL>`, is not reported a second time as a wrong value).
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
    return _CONTROL.sub("", text), problems


def _looks_like_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


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
    doc, found = parse_item(text, rel)
    return doc, problems + found


@held("parsed-text")  # `mkdocs serve`: by the text itself, without a digest of it
@remembered("parsed")
def parse_item(text: str, rel: str) -> tuple[Document | None, list[Problem]]:
    """An item file's text as front matter data and body (remembered in the build cache,
    keyed by the text and the path: a rebuild parses only the files that changed)."""
    front, body, body_line, problems = split_front_matter(text, rel)
    if front is None:
        return None, problems
    data, positions, found = parse_yaml(front, rel, line_offset=1)
    problems += found
    wrong = _not_a_mapping(data, found, rel, "front_matter_empty", "front_matter_not_mapping", 2)
    if wrong is not None:
        return Document(rel, {}, positions, body, body_line, failed=True), [*problems, *wrong]
    return Document(rel, data, positions, body, body_line), problems


def _not_a_mapping(
    data: object, found: list[Problem], rel: str, empty: str, not_mapping: str, line: int
) -> list[Problem] | None:
    """None when `data` is a mapping; else what to add: `empty`, nothing (YAML errors in
    `found` already say it), or `not_mapping` at `line`."""
    if data is None:
        return [] if found else [_problem(rel, Pos(1, 1), empty)]
    if not isinstance(data, dict):
        return [_problem(rel, Pos(line, 1), not_mapping)]
    return None


def read_yaml_mapping(path: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    """Read a plain YAML file (site.yaml) whose top level must be a mapping."""
    text, problems = read_bytes(path, rel)
    if text is None:
        return None, problems
    data, positions, found = parse_yaml(text, rel)
    problems += found
    wrong = _not_a_mapping(data, found, rel, "yaml_empty", "yaml_not_mapping", 1)
    if wrong is not None:
        return None, [*problems, *wrong]
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
