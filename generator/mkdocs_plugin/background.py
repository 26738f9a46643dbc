"""Makes deferred files in a forked process while MkDocs renders pages, and nothing more.

MkDocs renders pages on one core. Feeds, calendars and open data need the loaded content but
no page, so a child forked after compiling makes them on the other core and hands them back
when the site has been written. Where `fork` does not exist, or the child fails to start,
or other threads are running, they are made in this process, at the same point, with the
same bytes.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import traceback
from collections.abc import Callable

from generator.compile.types import OutputFile

Job = Callable[[], list[OutputFile]]


def _make(jobs: list[Job]) -> list[OutputFile]:
    return [file for job in jobs for file in job()]


def _child(jobs: list[Job], connection) -> None:
    started = time.process_time()
    try:
        files = _make(jobs)
    except BaseException:  # noqa: BLE001 - every failure goes back to the parent as text
        connection.send(("error", traceback.format_exc(), 0.0))
    else:
        connection.send(("ok", files, time.process_time() - started))
    finally:
        connection.close()


class BackgroundFiles:
    """`start` the jobs; `result()` returns their files (and raises their error, if any)."""

    def __init__(self, jobs: list[Job]) -> None:
        self.jobs = jobs
        self.cpu_seconds = 0.0  # CPU time of the jobs, wherever they ran
        self.parallel = False
        self._process = None
        self._connection = None

    def start(self) -> BackgroundFiles:
        # As generator.parallel: no fork while other threads run (mkdocs serve's server).
        if not self.jobs or not hasattr(os, "fork") or threading.active_count() > 1:
            return self
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(self.jobs, send), daemon=True)
        try:
            process.start()
        except OSError:
            return self  # made in this process by result()
        send.close()
        self._process, self._connection, self.parallel = process, receive, True
        return self

    def result(self) -> list[OutputFile]:
        if self._process is None:
            started = time.process_time()
            files = _make(self.jobs)
            self.cpu_seconds = time.process_time() - started
            return files
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
        return value

    def cancel(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._connection.close()
            self._process = None
