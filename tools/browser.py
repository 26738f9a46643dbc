"""How qinqing starts a headless browser: the system Chromium and its flags, and nothing more."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM_PATH = Path("/usr/bin/chromium")

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


def start_chromium(playwright: Playwright, executable: Path = CHROMIUM_PATH) -> Browser:
    """Launch headless Chromium from `executable` with CHROMIUM_ARGS through Playwright."""
    return playwright.chromium.launch(
        executable_path=str(executable), args=list(CHROMIUM_ARGS), headless=True
    )
