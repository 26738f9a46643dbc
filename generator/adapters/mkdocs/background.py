"""Makes and writes deferred files in a forked process while MkDocs renders pages, and nothing more.

MkDocs renders pages on one core. Feeds, calendars and open data need the loaded content but
no page, so a child forked once the site directory has been cleaned makes them on the other
core and writes them into the site itself (handing tens of megabytes back to the parent to
write would cost the parent more than making them). Where `fork` does not exist, or the child
fails to start, or other threads are running, they are made and written in this process when
`wait()` is called, with the same bytes.

The child runs at the build's own priority. It once ran at Linux's idle priority
(SCHED_IDLE) to leave the cores to MkDocs and Pagefind, but then any other busy process on
the machine starved it: the build waited 48 s for files that take 1.5 s (issue 19). At
normal priority it shares the CPU fairly and finishes long before the last page.

Each file is written as soon as its job yields it (the writer takes an iterable), so the
child never holds all the files at once.
"""

from __future__ import annotations

import gc
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.output import OutputFile
from generator.parallel import start_child

Job = Callable[[], Iterable[OutputFile]]
Writer = Callable[[Iterable[OutputFile]], None]


def _make(jobs: list[Job], write: Writer) -> None:
    write(file for job in jobs for file in job())


def peak_rss_kb() -> int | None:
    """This process's peak resident memory (Linux's VmHWM), in KiB; None elsewhere."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def _child(jobs: list[Job], write: Writer, connection) -> None:
    # What the parent holds stays out of this process's collections (they would touch, and
    # so copy, its pages); the parent may have forked inside `long_lived()`, collections off.
    gc.freeze()
    gc.enable()
    started = time.process_time()
    try:
        _make(jobs, write)
    except BaseException:  # noqa: BLE001 - every failure goes back to the parent as text
        connection.send(("error", traceback.format_exc(), 0.0, time.time(), None))
    else:
        cpu = time.process_time() - started
        connection.send(("ok", None, cpu, time.time(), peak_rss_kb()))
    finally:
        connection.close()


class BackgroundFiles:
    """`start` the jobs; `wait()` until their files are written (raises their error, if any)."""

    def __init__(self, jobs: list[Job], write: Writer) -> None:
        self.jobs = jobs
        self.write = write
        self.cpu_seconds = 0.0  # CPU time of the jobs, wherever they ran
        self.finished_at: float | None = None  # time.time() when the last file was written
        self.peak_rss_kb: int | None = None  # the child's peak resident memory (Linux)
        self.parallel = False
        self._process = None
        self._connection = None

    def start(self) -> BackgroundFiles:
        child = start_child(_child, self.jobs, self.write) if self.jobs else None
        if child is not None:  # else made in this process by wait()
            self._process, self._connection = child
            self.parallel = True
            self.jobs = []  # the child has them; here they would keep the content alive
        return self

    def wait(self) -> None:
        if self._process is None:
            started = time.process_time()
            _make(self.jobs, self.write)
            self.cpu_seconds = time.process_time() - started
            self.finished_at = time.time()
            return
        try:
            status, value, cpu, finished_at, peak = self._connection.recv()
        except EOFError:
            raise RuntimeError(
                f"后台生成文件的进程意外退出（退出码 {self._process.exitcode}）"
            ) from None
        finally:
            self._connection.close()
            self._process.join()
            self._process = None
        if status != "ok":
            raise RuntimeError(f"后台生成文件失败：\n{value}")
        self.cpu_seconds = cpu
        self.finished_at = finished_at
        self.peak_rss_kb = peak

    def cancel(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._connection.close()
            self._process = None
