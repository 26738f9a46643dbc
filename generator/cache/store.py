"""Entries of the build cache on disk, one file each, written atomically, and nothing more.

An entry is `DIR/<code version>/<layer>/<key[:2]>/<key>`: a BLAKE2b digest of the payload,
then the pickled payload. A missing, truncated, corrupt or unreadable entry reads as a miss
(the caller makes the value again), never as an error or a wrong value: the digest is checked
before anything is unpickled. Writes go to a temporary file in the same folder and are
renamed into place, so concurrent builds see a whole entry or none. The cache folder is
run-time state of the build (as trusted as the code that reads it).

An entry read back is touched (its modification time set to now), and so is one written:
after a whole build, `sweep` removes the entries neither it nor the build before it used,
so entries of content that changed do not pile up within one code version, while a runner
that builds two branches in turn keeps both. Touching the file, not a set in memory,
counts the uses of the forked children too.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
import time
from contextlib import suppress
from pathlib import Path

from generator.writing import clock_on_disk

DIGEST_SIZE = 32
# A temporary file this old is left over from a build that was killed while writing.
LEFTOVER_SECONDS = 24 * 3600.0
KEPT_BUILDS = 2  # whole builds whose entries a sweep keeps: this one and the one before
BUILDS_FILE = ".builds"  # when the last KEPT_BUILDS whole builds opened the cache


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
        # When this build began, as the entries' file times count it (writing.clock_on_disk).
        self.opened = clock_on_disk(self.base) / 1e9

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
        path = self._path(layer, key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        with suppress(OSError):  # a cache this build may read but not change is still read
            os.utime(path)  # used by this build: `sweep` keeps it
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

    def keep(self, layer: str, key: str) -> bool:
        """Count the entry as used by this build without reading it (`sweep` keeps it);
        whether it is there."""
        try:
            os.utime(self._path(layer, key))
        except OSError:
            return False
        return True

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

    def sweep(self) -> int:
        """Remove this version's entries that neither this build nor the whole build before
        it used (read or wrote), and temporary files left by killed builds; the number of
        files removed. Call it after a whole build. An entry another build is using at the
        same time may go too: that build then makes it again."""
        opened = [*self._builds(), self.opened][-KEPT_BUILDS:]
        self._write_builds(opened)
        keep_since = min(opened)
        leftover_before = time.time() - LEFTOVER_SECONDS
        removed = 0
        for folder, _subfolders, names in os.walk(self.base):
            for name in names:
                if name.startswith(".") and not name.startswith(".tmp-"):
                    continue  # the builds file
                path = os.path.join(folder, name)
                try:
                    touched = os.stat(path).st_mtime
                    if touched < (leftover_before if name.startswith(".tmp-") else keep_since):
                        os.unlink(path)
                        removed += 1
                except OSError:
                    continue  # gone already, or not ours to remove
        return removed

    def _builds(self) -> list[float]:
        """When the last whole builds opened the cache (none when the file is unreadable)."""
        try:
            lines = (self.base / BUILDS_FILE).read_text(encoding="ascii").split()
            return sorted(float(line) for line in lines if float(line) < self.opened)
        except (OSError, ValueError):
            return []

    def _write_builds(self, opened: list[float]) -> None:
        target = self.base / BUILDS_FILE
        try:
            handle, temporary = tempfile.mkstemp(dir=self.base, prefix=".tmp-")
            with os.fdopen(handle, "w", encoding="ascii") as out:
                out.write("".join(f"{value!r}\n" for value in opened))
            os.replace(temporary, target)
        except OSError:
            return
