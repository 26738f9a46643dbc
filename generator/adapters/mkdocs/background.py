"""Makes and writes deferred files in a forked process while MkDocs renders pages, and nothing more.

MkDocs renders pages on one core. Feeds, calendars and open data need the loaded content but
no page, so a child forked once the site directory has been cleaned makes them on the other
core and writes them into the site itself (handing tens of megabytes back to the parent to
write would cost the parent more than making them). Where `fork` does not exist, or the child
fails to start, or other threads are running, they are made and written in this process when
`wait()` is called, with the same bytes.

With `idle=True` the child runs at Linux's idle priority (SCHED_IDLE): it then takes only CPU
that no one else wants. The search index's Pagefind process is the third busy process of a
build on two cores; the files are needed only at the end, so the child's work best fills the
time when MkDocs waits for Pagefind's bundle, instead of slowing both of them before.
"""

from __future__ import annotations

import contextlib
import os
import time
import traceback
from collections.abc import Callable

from generator.output import OutputFile
from generator.parallel import start_child

Job = Callable[[], list[OutputFile]]
Writer = Callable[[list[OutputFile]], None]


def _make(jobs: list[Job], write: Writer) -> None:
    write([file for job in jobs for file in job()])


def _child(jobs: list[Job], write: Writer, idle: bool, connection) -> None:
    if idle:
        with contextlib.suppress(AttributeError, OSError):  # not Linux: normal priority
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    started = time.process_time()
    try:
        _make(jobs, write)
    except BaseException:  # noqa: BLE001 - every failure goes back to the parent as text
        connection.send(("error", traceback.format_exc(), 0.0))
    else:
        connection.send(("ok", None, time.process_time() - started))
    finally:
        connection.close()


class BackgroundFiles:
    """`start` the jobs; `wait()` until their files are written (raises their error, if any)."""

    def __init__(self, jobs: list[Job], write: Writer, *, idle: bool = False) -> None:
        self.jobs = jobs
        self.write = write
        self.idle = idle
        self.cpu_seconds = 0.0  # CPU time of the jobs, wherever they ran
        self.parallel = False
        self._process = None
        self._connection = None

    def start(self) -> BackgroundFiles:
        child = start_child(_child, self.jobs, self.write, self.idle) if self.jobs else None
        if child is not None:  # else made in this process by wait()
            self._process, self._connection = child
            self.parallel = True
        return self

    def wait(self) -> None:
        if self._process is None:
            started = time.process_time()
            _make(self.jobs, self.write)
            self.cpu_seconds = time.process_time() - started
            return
        try:
            status, value, cpu = self._connection.recv()
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

    def cancel(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._connection.close()
            self._process = None
