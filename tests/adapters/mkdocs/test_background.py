"""Deferred files: made and written in a forked process while MkDocs renders, as inline.

The forked path runs in a fresh process (tests/support/fresh.py): this session's server
threads would, rightly, keep the fork helper from forking here.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest

from generator.adapters.mkdocs.background import BackgroundFiles
from generator.content.loader import load_content
from generator.output import OutputFile
from generator.site import compile_site
from tests.support.content_fixture import TODAY, write_content
from tests.support.fresh import in_fresh_process


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The fixture content compiled inline and with deferred files."""
    content = write_content(tmp_path_factory.mktemp("background"))
    index = load_content(content, dt.date.fromisoformat(TODAY)).index
    day = dt.date.fromisoformat(TODAY)
    return compile_site(index, day), compile_site(index, day, defer_files=True)


def _by_path(files: list[OutputFile]) -> dict[str, bytes]:
    return {f.path: f.data for f in files}


class Collected:
    """A writer keeping what it was given, in this process (a child's writes are lost)."""

    def __init__(self) -> None:
        self.files: list[OutputFile] = []

    def __call__(self, files: list[OutputFile]) -> None:
        self.files += files


def _write_into(root):
    def write(files: list[OutputFile]) -> None:
        for file in files:
            target = root / file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.data)

    return write


def _tree(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_deferring_leaves_pages_alone_and_the_files_for_later(builds):
    inline, deferred = builds
    assert [p.src_uri for p in deferred.pages] == [p.src_uri for p in inline.pages]
    assert [p.content for p in deferred.pages] == [p.content for p in inline.pages]
    assert deferred.deferred, "feeds, calendars and open data wait"
    later = [f for job in deferred.deferred for f in job()]
    assert any(f.path.startswith("feeds/") for f in later)
    assert not any(f.path.startswith("feeds/") for f in deferred.files)
    # Together, and in that order, they are what an inline compile gives.
    assert [f.path for f in later + deferred.files] == [f.path for f in inline.files]
    assert _by_path(later + deferred.files) == _by_path(inline.files)


def _forked_and_here(content: str, out: str) -> dict:
    """In a fresh process: the deferred files written by the child and made here."""
    day = dt.date.fromisoformat(TODAY)
    build = compile_site(load_content(Path(content), day).index, day, defer_files=True)
    background = BackgroundFiles(build.deferred, _write_into(Path(out) / "child")).start()
    parallel = background.parallel
    background.wait()
    _write_into(Path(out) / "here")([f for job in build.deferred for f in job()])
    return {"parallel": parallel, "cpu": background.cpu_seconds}


def test_a_forked_process_writes_the_same_files(tmp_path):
    content = write_content(tmp_path / "content")
    seen = in_fresh_process(_forked_and_here, str(content), str(tmp_path))
    assert seen["parallel"] and seen["cpu"] > 0
    assert _tree(tmp_path / "child") == _tree(tmp_path / "here")
    assert any(path.startswith("feeds/") for path in _tree(tmp_path / "child"))


def _broken() -> list[OutputFile]:
    raise ValueError("坏数据")


def _failing_child() -> tuple[bool, str]:
    background = BackgroundFiles([_broken], Collected()).start()
    try:
        background.wait()
    except RuntimeError as error:
        return background.parallel, str(error)
    return background.parallel, ""


def test_a_failing_job_is_reported_with_its_error():
    parallel, message = in_fresh_process(_failing_child)
    assert parallel
    assert "后台生成文件失败" in message and "坏数据" in message


def test_no_jobs_start_no_process():
    collected = Collected()
    background = BackgroundFiles([], collected).start()
    assert not background.parallel
    background.wait()
    assert collected.files == []


def _cancelled() -> tuple[bool, bool]:
    background = BackgroundFiles([lambda: [OutputFile("a.txt", b"a")]], Collected()).start()
    process = background._process
    background.cancel()
    background.cancel()  # idempotent
    return process is not None, process is not None and process.is_alive()


def test_cancel_stops_the_child():
    started, alive = in_fresh_process(_cancelled)
    assert started and not alive


def test_with_other_threads_running_the_files_are_made_here():
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    collected = Collected()
    try:
        background = BackgroundFiles([lambda: [OutputFile("a.txt", b"a")]], collected).start()
    finally:
        stop.set()
        worker.join()
    assert not background.parallel
    background.wait()
    assert collected.files == [OutputFile("a.txt", b"a")]


def _scheduling_policy() -> list[OutputFile]:
    return [OutputFile("policy.txt", str(os.sched_getscheduler(0)).encode())]


def _policies(idle: bool, out: str) -> tuple[bool, int]:
    background = BackgroundFiles([_scheduling_policy], _write_into(Path(out)), idle=idle).start()
    background.wait()
    return background.parallel, os.sched_getscheduler(0)


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="SCHED_IDLE is Linux only")
@pytest.mark.parametrize("idle", [True, False])
def test_an_idle_child_runs_at_idle_priority_and_the_build_keeps_its_own(idle, tmp_path):
    parallel, own = in_fresh_process(_policies, idle, str(tmp_path))
    assert parallel
    child_policy = int((tmp_path / "policy.txt").read_text())
    assert (child_policy == os.SCHED_IDLE) is idle
    assert own != os.SCHED_IDLE
