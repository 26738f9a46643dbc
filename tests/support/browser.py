"""Launches the system Chromium through Playwright and opens pages in fresh contexts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.support.builds import SAMPLE_DAY
from tools.browser import CHROMIUM_PATH as CHROMIUM
from tools.browser import start_chromium

# Fail a stuck step quickly instead of after Playwright's default 30 s.
DEFAULT_TIMEOUT_MS = 15_000
# The sample site is built for SAMPLE_DAY and its script recomputes statuses from the browser's
# clock: pages open at that day's morning, so a test never depends on when it runs.
SAMPLE_MOMENT = f"{SAMPLE_DAY}T10:00:00+08:00"


class _SharedChromium:
    """One Playwright driver and one Chromium for the whole process, counted by users.

    Playwright's sync API cannot run two instances in one thread, and several conftests
    ask for a browser at session scope, so every launch shares this one.
    """

    def __init__(self) -> None:
        self._users = 0
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None

    def acquire(self, executable: Path) -> Browser:
        if self._browser is None:
            self._playwright = sync_playwright().start()
            try:
                self._browser = start_chromium(self._playwright, executable)
            except BaseException:
                self._stop()
                raise
        self._users += 1
        return self._browser

    def release(self) -> None:
        self._users -= 1
        if self._users == 0:
            self._stop()

    def _stop(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None


_shared = _SharedChromium()


@contextmanager
def launch_chromium(executable: Path = CHROMIUM) -> Iterator[Browser]:
    """Yield the shared headless Chromium; it closes when its last user is done."""
    browser = _shared.acquire(executable)
    try:
        yield browser
    finally:
        _shared.release()


class PageFactory:
    """Opens pages, each in its own browser context, and closes them all at `close()`."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser
        self._contexts: list[BrowserContext] = []

    def __call__(
        self,
        viewport_width: int = 1280,
        javascript: bool = True,
        viewport_height: int = 800,
        clock: str | None = SAMPLE_MOMENT,
    ) -> Page:
        """A page in a fresh context whose `Date` starts at `clock` (None: the machine's)."""
        context = self._browser.new_context(
            viewport={"width": viewport_width, "height": viewport_height},
            java_script_enabled=javascript,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        self._contexts.append(context)
        page = context.new_page()
        if clock is not None:
            page.clock.set_fixed_time(clock)
        return page

    def close(self) -> None:
        for context in self._contexts:
            context.close()
        self._contexts.clear()
