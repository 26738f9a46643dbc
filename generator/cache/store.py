"""Entries of the build cache on disk, one file each, written atomically, and nothing more.

An entry is `DIR/<code version>/<layer>/<key[:2]>/<key>`: a BLAKE2b digest of the payload,
then the pickled payload. A missing, truncated, corrupt or unreadable entry reads as a miss
(the caller makes the value again), never as an error or a wrong value: the digest is checked
before anything is unpickled. Writes go to a temporary file in the same folder and are
renamed into place, so concurrent builds see a whole entry or none. The cache folder is
run-time state of the build (as trusted as the code that reads it).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path

DIGEST_SIZE = 32


def digest(*parts: bytes | str) -> str:
    """A hex key naming `parts` (each length-prefixed, so no two sequences collide)."""
    hasher = hashlib.blake2b(digest_size=DIGEST_SIZE)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


class CacheStore:
    """The entries of one code version under `root`; older versions' folders are removed."""

    def __init__(self, root: Path, version: str) -> None:
        self.root = Path(root)
        self.base = self.root / version
        self.hits = 0
        self.misses = 0

    def forget_other_versions(self) -> None:
        """Remove the entries written by other versions of the code (they never hit again)."""
        try:
            others = [p for p in self.root.iterdir() if p.is_dir() and p != self.base]
        except OSError:
            return
        for other in others:
            shutil.rmtree(other, ignore_errors=True)

    def _path(self, layer: str, key: str) -> Path:
        return self.base / layer / key[:2] / key

    def get(self, layer: str, key: str) -> object | None:
        """The value stored under `key`, or None when there is no sound entry."""
        try:
            data = self._path(layer, key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        check, payload = data[:DIGEST_SIZE], data[DIGEST_SIZE:]
        if (
            len(check) != DIGEST_SIZE
            or hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest() != check
        ):
            self.misses += 1
            return None
        try:
            value = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - an entry from an incompatible object layout
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, layer: str, key: str, value: object) -> None:
        """Store `value` under `key`; a folder that cannot be written leaves the cache as it was."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        check = hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest()
        target = self._path(layer, key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(check)
                    out.write(payload)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return
