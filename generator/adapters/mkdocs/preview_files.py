"""In `mkdocs serve`, feeds, calendars and open data made after the pages are served, in a
thread, and nothing more.

A preview cannot fork the background files child (the server's threads run), so they were
made in the build's own process before MkDocs returned: seconds at thousands of items
before an edit showed. Here the build returns once the pages are written (the server
then shows them) and a thread makes and writes those files into the site a moment
later, with the same bytes. The next rebuild waits for the thread before it cleans the
site folder.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from mkdocs.plugins import get_plugin_logger

from generator.adapters.mkdocs.early import EarlyFiles

log = get_plugin_logger(__name__)


class FilesAfterPages:
    """`start` a thread running `background.wait()`; `join` waits for it (logs a failure)."""

    def __init__(self, background: EarlyFiles) -> None:
        self.background = background
        self.error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="qinqing-preview-files")
        self._lock = threading.Lock()
        self._done = False
        self._then: Callable[[], None] | None = None

    def start(self) -> FilesAfterPages:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self.background.wait()
        except Exception as error:  # noqa: BLE001 - a preview says it and keeps serving
            self.error = error
            log.warning("预览：订阅、日历和开放数据文件未能生成：%s", error)
            return
        log.info("预览：订阅、日历和开放数据文件已在页面之后生成")
        with self._lock:
            self._done, then = True, self._then
        if then is not None:
            then()

    def then(self, step: Callable[[], None]) -> None:
        """Run `step` once the files are written (now, if they are; never after a failure)."""
        with self._lock:
            done = self._done
            if not done:
                self._then = step
        if done:
            step()

    def join(self) -> None:
        self._thread.join()
