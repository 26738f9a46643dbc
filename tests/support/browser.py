"""Launches the system Chromium through Playwright and opens pages in fresh contexts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")

# Nothing may download a browser or phone home: use the Debian build with these flags.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

# Fail a stuck step quickly instead of after Playwright's default 30 s.
DEFAULT_TIMEOUT_MS = 15_000


@contextmanager
def launch_chromium(executable: Path = CHROMIUM) -> Iterator[Browser]:
    """Start headless Chromium; yield the Playwright browser; close both on exit."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


class PageFactory:
    """Opens pages, each in its own browser context, and closes them all at `close()`."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser
        self._contexts: list[BrowserContext] = []

    def __call__(
        self, viewport_width: int = 1280, javascript: bool = True, viewport_height: int = 800
    ) -> Page:
        context = self._browser.new_context(
            viewport={"width": viewport_width, "height": viewport_height},
            java_script_enabled=javascript,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        self._contexts.append(context)
        return context.new_page()

    def close(self) -> None:
        for context in self._contexts:
            context.close()
        self._contexts.clear()
