"""Fails a test run that skipped a test for a reason the allow-list does not name, and nothing more.

A skip hides a test; the only skips that may pass unnoticed are those whose reason is written
in `tests/allowed-skips.txt` (one reason a line, matched as a prefix). `make test-quick`, the
run that may skip the browser and database tests, is exempt.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.env import quick_run

ALLOWED_SKIPS = Path(__file__).resolve().parent.parent / "allowed-skips.txt"
ALLOWED_SKIPS_VARIABLE = "QINQING_ALLOWED_SKIPS"  # another list, for the tests of this module


def allowed_reasons(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def skip_reason(report: pytest.TestReport) -> str:
    """The reason a skipped report gives (`Skipped: ` and the location stripped)."""
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


def unlisted_skips(reports: list[pytest.TestReport], allowed: list[str]) -> list[str]:
    """`nodeid: reason` of every skip whose reason no allowed prefix starts."""
    return [
        f"{report.nodeid}: {reason}"
        for report in reports
        if not any((reason := skip_reason(report)).startswith(prefix) for prefix in allowed)
    ]


def check_skips(session: pytest.Session) -> None:
    """At the end of a run: unlisted skips turn a passing run into a failed one."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or quick_run():
        return
    listed = Path(os.environ.get(ALLOWED_SKIPS_VARIABLE) or ALLOWED_SKIPS)
    unlisted = unlisted_skips(reporter.stats.get("skipped", []), allowed_reasons(listed))
    if not unlisted:
        return
    reporter.write_sep("=", f"{len(unlisted)} skipped without a reason in {listed.name}", red=True)
    for line in unlisted:
        reporter.write_line(f"  {line}")
    reporter.write_line(
        f"  Install what the tests need (`make test` does as root), or list the reason in {listed}"
    )
    if session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
