"""Runs axe-core inside a page and reports layout overflow; checks only, no fixing."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

BLOCKING_IMPACTS = frozenset({"serious", "critical"})

AXE_TIMEOUT_MS = 30_000

# Keep only what a failure message needs; axe's full result is large. The result is
# parked on window and polled for, because a page whose context has JavaScript disabled
# never settles the promise, and Playwright's evaluate would then wait forever.
_START_AXE = """(options) => {
    window.__qinqingAxe = null;
    axe.run(document, options).then((result) => {
        window.__qinqingAxe = result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.map((n) => n.target.join(" ")),
        }));
    });
}"""


@cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_check(page: Page, options: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Return the serious and critical axe-core violations on the page as loaded now.

    The script is evaluated rather than added as a <script> tag so a page's
    Content-Security-Policy cannot block it. The page's context needs JavaScript enabled.
    """
    page.evaluate(_axe_source())
    page.evaluate(_START_AXE, {"resultTypes": ["violations"], **(options or {})})
    try:
        done = page.wait_for_function(
            "() => window.__qinqingAxe !== null", polling=100, timeout=AXE_TIMEOUT_MS
        )
    except PlaywrightTimeoutError as error:
        raise AssertionError(
            "axe-core did not finish; was the page opened with javascript=False? "
            "Check accessibility on a JavaScript-enabled page."
        ) from error
    done.dispose()
    violations = page.evaluate("() => window.__qinqingAxe")
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One line per violation, for assertion messages."""
    return "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['targets'])}" for v in violations
    )


def no_horizontal_scroll(page: Page) -> bool:
    """True when the page is no wider than the viewport (nothing scrolls sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
