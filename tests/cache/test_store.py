"""The cache store: entries read back as written; missing, corrupt or unwritable ones are misses."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

from generator.cache.store import CacheStore, digest

DEADLINE_SECONDS = 60


def _entry_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_value_reads_back_as_written(tmp_path):
    store = CacheStore(tmp_path, "v1")
    value = {"html": "<p>政策原文</p>", "ids": frozenset({"a"})}
    store.put("pages", digest("key"), value)
    assert CacheStore(tmp_path, "v1").get("pages", digest("key")) == value


def test_another_code_version_or_key_is_a_miss(tmp_path):
    CacheStore(tmp_path, "v1").put("pages", digest("key"), "old")
    assert CacheStore(tmp_path, "v2").get("pages", digest("key")) is None
    assert CacheStore(tmp_path, "v1").get("pages", digest("other")) is None


def test_digest_parts_do_not_run_together():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest(b"x")


def test_a_flipped_byte_a_truncated_or_a_foreign_file_is_a_miss(tmp_path):
    store = CacheStore(tmp_path, "v1")
    keys = [digest(str(n)) for n in range(3)]
    for key in keys:
        store.put("pages", key, "正确的页面" * 100)
    flipped, truncated, foreign = (store._path("pages", key) for key in keys)
    data = bytearray(flipped.read_bytes())
    data[-5] ^= 0x01
    flipped.write_bytes(bytes(data))
    truncated.write_bytes(truncated.read_bytes()[:20])
    foreign.write_bytes(b"not a cache entry at all")
    assert [store.get("pages", key) for key in keys] == [None, None, None]
    assert store.misses == 3 and store.hits == 0


def test_a_folder_that_cannot_be_written_leaves_the_build_going(tmp_path):
    (tmp_path / "v1").write_text("a file where the version folder should be")
    store = CacheStore(tmp_path, "v1")
    store.put("pages", digest("key"), "value")
    assert store.get("pages", digest("key")) is None


def test_other_versions_are_forgotten(tmp_path):
    CacheStore(tmp_path, "old").put("pages", digest("key"), "value")
    current = CacheStore(tmp_path, "new")
    current.put("pages", digest("key"), "value")
    current.forget_other_versions()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new"]


def _write_repeatedly(root: str, value: str, times: int) -> None:
    store = CacheStore(Path(root), "v1")
    for _ in range(times):
        store.put("pages", digest("shared"), value)


def test_concurrent_writers_leave_a_whole_entry(tmp_path):
    first, second = "甲" * 50_000, "乙" * 50_000
    context = multiprocessing.get_context("spawn")
    writers = [
        context.Process(target=_write_repeatedly, args=(str(tmp_path), value, 300))
        for value in (first, second)
    ]
    for writer in writers:
        writer.start()
    store = CacheStore(tmp_path, "v1")
    deadline = time.monotonic() + DEADLINE_SECONDS
    while any(w.is_alive() for w in writers) and time.monotonic() < deadline:
        found = store.get("pages", digest("shared"))
        assert found in (None, first, second)
    for writer in writers:
        writer.join(timeout=DEADLINE_SECONDS)
        assert writer.exitcode == 0
    assert store.get("pages", digest("shared")) in (first, second)
    leftovers = [p.name for p in _entry_files(tmp_path) if p.name.startswith(".tmp-")]
    assert leftovers == []


def _age_entries(root: Path, seconds: float) -> None:
    """Date every entry file as touched `seconds` ago (builds long past)."""
    when = time.time() - seconds
    for path in _entry_files(root):
        if path.name != ".builds":
            os.utime(path, (when, when))


def test_a_sweep_keeps_what_this_build_used_and_removes_the_rest(tmp_path):
    earlier = CacheStore(tmp_path, "v1")
    keys = {name: digest(name) for name in ("read", "rewritten", "unused", "new")}
    for name in ("read", "rewritten", "unused"):
        earlier.put("pages", keys[name], name)
    _age_entries(tmp_path, 3600)
    leftover = tmp_path / "v1" / "pages" / ".tmp-killed"
    leftover.write_bytes(b"half an entry")
    os.utime(leftover, (time.time() - 2 * 86400, time.time() - 2 * 86400))
    writing = tmp_path / "v1" / "pages" / ".tmp-writing"
    writing.write_bytes(b"being written by a build running now")

    store = CacheStore(tmp_path, "v1")  # no whole build is on record before this one
    assert store.get("pages", keys["read"]) == "read"
    store.put("pages", keys["rewritten"], "again")
    store.put("pages", keys["new"], "new")
    assert store.sweep() == 2  # the unused entry and the killed build's temporary file

    after = CacheStore(tmp_path, "v1")
    assert [after.get("pages", keys[name]) for name in keys] == ["read", "again", None, "new"]
    assert writing.exists() and not leftover.exists()
    assert after.sweep() == 0  # the entries just read count as used


def _dated(path: Path, seconds_ago: float) -> None:
    when = time.time() - seconds_ago
    os.utime(path, (when, when))


def _builds_opened(root: Path, *seconds_ago: float) -> None:
    """Put on record whole builds that opened the cache `seconds_ago`."""
    now = time.time()
    (root / "v1" / ".builds").write_text("".join(f"{now - s!r}\n" for s in seconds_ago))


def test_entries_of_the_build_before_stay_those_of_the_one_before_that_go(tmp_path):
    # File times are set, not waited for: the file system's clock runs in coarse ticks.
    branch_a, branch_b = digest("page on branch a"), digest("page on branch b")
    store = CacheStore(tmp_path, "v1")
    store.put("pages", branch_a, "a")
    _dated(store._path("pages", branch_a), 290)  # made by a build that opened at -300
    _builds_opened(tmp_path, 300)
    second = CacheStore(tmp_path, "v1")
    second.put("pages", branch_b, "b")
    assert second.sweep() == 0  # a runner building two branches in turn keeps both
    _dated(second._path("pages", branch_b), 190)  # as if the second build opened at -200
    _builds_opened(tmp_path, 300, 200)
    third = CacheStore(tmp_path, "v1")
    assert third.get("pages", branch_b) == "b"
    assert third.sweep() == 1  # branch a's page was used by neither this build nor the last
    assert CacheStore(tmp_path, "v1").get("pages", branch_a) is None


def test_an_unreadable_builds_file_only_means_no_build_is_on_record(tmp_path):
    store = CacheStore(tmp_path, "v1")
    store.put("pages", digest("old"), "old")
    _age_entries(tmp_path, 3600)
    (tmp_path / "v1" / ".builds").write_bytes(b"\xff not times at all")
    assert CacheStore(tmp_path, "v1").sweep() == 1
    assert (tmp_path / "v1" / ".builds").read_text().count("\n") == 1
