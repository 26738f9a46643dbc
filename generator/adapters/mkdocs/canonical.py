"""Rewrites Pagefind's filter indexes, and the metadata that names them, in a stable order.

Pagefind 1.5.2 collects filters in a Rust `HashMap` whose order is seeded at random per run,
and writes them in that order: the same site gives different filter files (and so different
file names, metadata file and entry manifest) on every build. Upstream sorts them in a later
version (`pagefind/src/index/mod.rs`, "sort once before encoding to produce a stable hash");
until a release has it, this module does the same to the written bundle, and nothing more:

- each `filter/*.pf_filter` gets its values sorted (page numbers ascending within a value),
- the metadata lists the filters sorted by name, with the new file names,
- files are named as Pagefind names them (language, `_`, SHA-1 of the CBOR body, shortened),
- `pagefind-entry.json` points at the rewritten metadata file.

Search results do not change: the browser looks filters up by name and values by key. Every
file is decoded and re-encoded first; if that does not give back the same bytes (a newer
Pagefind format), nothing is rewritten and an error says so.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
FILTER_DIR = "filter"


class BundleFormatError(Exception):
    """The bundle is not in the format this module understands."""


# --- CBOR, the subset Pagefind writes (minicbor, definite lengths, shortest heads) -----------


def _decode(data: bytes, at: int = 0):
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise BundleFormatError(f"unsupported CBOR head {head:#x}")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major == 2:
        return bytes(data[at : at + value]), at + value
    if major == 3:
        return data[at : at + value].decode("utf-8"), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], at
    raise BundleFormatError(f"unsupported CBOR major type {major}")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, value)
    raise BundleFormatError(f"CBOR value too large: {value}")


def _encode(value) -> bytes:
    if isinstance(value, bool) or value is None:
        return bytes([{False: 0xF4, True: 0xF5, None: 0xF6}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(map(_encode, value))
    raise BundleFormatError(f"cannot encode {type(value).__name__}")


def read_file(path: Path):
    """A Pagefind data file (gzip, signature, CBOR) -> its value; checks we can write it back."""
    return _read(path.read_bytes(), path.name)


def _read(data: bytes, name: str):
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise BundleFormatError(f"{name}: no Pagefind signature")
    body = raw[len(SIGNATURE) :]
    value, end = _decode(body)
    if end != len(body) or _encode(value) != body:
        raise BundleFormatError(f"{name}: does not round-trip")
    return value


def _pack(body: bytes) -> bytes:
    # mtime=0 as Pagefind does, so the gzip header carries no clock.
    return gzip.compress(SIGNATURE + body, compresslevel=9, mtime=0)


def _short_hash(language: str, body: bytes, length: int, taken: set[str]) -> str:
    """Pagefind's naming: `{language}_{sha1}` cut to `length`, longer on a collision."""
    full = f"{language}_{hashlib.sha1(body).hexdigest()}"
    cut = length
    while full[:cut] in taken and cut < len(full):
        cut += 1
    return full[:cut]


# --- the bundle ------------------------------------------------------------------------------


def _stable_filter(value) -> list:
    name, values = value
    return [name, sorted(([v, sorted(pages)] for v, pages in values), key=lambda pair: pair[0])]


def _check_meta(meta) -> None:
    ok = (
        isinstance(meta, list)
        and len(meta) == 6
        and isinstance(meta[3], list)
        and all(isinstance(f, list) and len(f) == 2 for f in meta[3])
    )
    if not ok:
        raise BundleFormatError("unexpected metadata layout")


def canonical_files(files: dict[str, bytes]) -> dict[str, bytes]:
    """A bundle's files (path in the bundle -> bytes) with the filter files and metadata of
    every language rewritten in their stable form; the other files as they were."""
    files = dict(files)
    entry_text = files[ENTRY].decode("utf-8")
    for language, info in sorted(json.loads(entry_text)["languages"].items()):
        old_meta_hash = info["hash"]
        old_meta = f"pagefind.{old_meta_hash}.pf_meta"
        meta = _read(files[old_meta], old_meta)
        _check_meta(meta)
        filters = []
        taken: set[str] = set()
        for name, old_hash in sorted(meta[3], key=lambda f: f[0]):
            old_path = f"{FILTER_DIR}/{old_hash}.pf_filter"
            body = _encode(_stable_filter(_read(files[old_path], old_path)))
            new_hash = _short_hash(language, body, len(language) + 8, taken)
            taken.add(new_hash)
            filters.append([name, new_hash, old_path, body])
        # Replace only after every file has been read: a new name may equal an old one.
        for _name, _hash, old_path, _body in filters:
            del files[old_path]
        for _name, new_hash, _old, body in filters:
            files[f"{FILTER_DIR}/{new_hash}.pf_filter"] = _pack(body)
        meta[3] = [[name, new_hash] for name, new_hash, _old, _body in filters]
        body = _encode(meta)
        new_meta_hash = _short_hash(language, body, 2 * len(language) + 9, set())
        del files[old_meta]
        files[f"pagefind.{new_meta_hash}.pf_meta"] = _pack(body)
        quoted = json.dumps(old_meta_hash)
        if entry_text.count(quoted) != 1:
            raise BundleFormatError(f"{ENTRY}: cannot find the metadata hash once")
        entry_text = entry_text.replace(quoted, json.dumps(new_meta_hash))
    files[ENTRY] = entry_text.encode("utf-8")
    return files


def canonicalize_bundle(bundle: Path) -> int:
    """Rewrite the filter files and metadata of every language in the bundle folder `bundle`
    (its other files and folders untouched); return the files rewritten."""
    names = [ENTRY, *(p.name for p in bundle.glob("pagefind.*.pf_meta"))]
    names += [f"{FILTER_DIR}/{p.name}" for p in (bundle / FILTER_DIR).glob("*.pf_filter")]
    before = {name: (bundle / name).read_bytes() for name in names}
    after = canonical_files(before)
    for name in before.keys() - after.keys():
        (bundle / name).unlink()
    changed = [name for name, data in after.items() if before.get(name) != data]
    for name in changed:
        (bundle / name).write_bytes(after[name])
    return len(changed)
