"""Deferred files: made and written in a forked process while MkDocs renders, as inline.

The forked path runs in a fresh process (tests/support/fresh.py): this session's server
threads would, rightly, keep the fork helper from forking here.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
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

    def __call__(self, files) -> None:
        self.files += files


def _write_into(root):
    def write(files) -> None:
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


def _scheduling() -> list[OutputFile]:
    policy, nice = os.sched_getscheduler(0), os.getpriority(os.PRIO_PROCESS, 0)
    return [OutputFile("policy.txt", f"{policy} {nice}".encode())]


def _own_and_child(out: str) -> tuple[bool, str]:
    background = BackgroundFiles([_scheduling], _write_into(Path(out))).start()
    background.wait()
    return background.parallel, f"{os.sched_getscheduler(0)} {os.getpriority(os.PRIO_PROCESS, 0)}"


def test_the_child_runs_at_the_builds_own_priority(tmp_path):
    """No SCHED_IDLE or nice: another busy process on the machine would starve the child
    and the build would wait for it (issue 19)."""
    parallel, own = in_fresh_process(_own_and_child, str(tmp_path))
    assert parallel
    assert (tmp_path / "policy.txt").read_text() == own
    assert int(own.split()[0]) == os.SCHED_OTHER


def _streamed(out: str) -> list[str]:
    """Which files were on disk when the job made each next one, written by the child."""
    root = Path(out)

    def job():
        for name in ("a.txt", "b.txt", "c.txt"):
            on_disk = sorted(p.name for p in root.glob("*.txt"))
            yield OutputFile(name, ",".join(on_disk).encode())

    background = BackgroundFiles([job], _write_into(root)).start()
    background.wait()
    return [background.parallel, *((root / n).read_text() for n in ("a.txt", "b.txt", "c.txt"))]


def test_each_file_is_written_as_soon_as_it_is_made(tmp_path):
    parallel, *seen = in_fresh_process(_streamed, str(tmp_path))
    assert parallel
    assert seen == ["", "a.txt", "a.txt,b.txt"]


def _reported() -> tuple[bool, float | None, int | None]:
    background = BackgroundFiles([lambda: [OutputFile("a.txt", b"a")]], Collected()).start()
    background.wait()
    return background.parallel, background.finished_at, background.peak_rss_kb


def test_the_child_reports_when_it_finished_and_its_peak_memory():
    started = time.time()
    parallel, finished_at, peak_kb = in_fresh_process(_reported)
    assert parallel
    assert started <= finished_at <= time.time()
    assert peak_kb > 1000  # a forked Python process holds megabytes
