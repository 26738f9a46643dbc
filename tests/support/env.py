"""Decides what a missing test resource does: fail the test, or skip it in `make test-quick`."""

from __future__ import annotations

import os

import pytest

QUICK_VARIABLE = "QINQING_TEST_QUICK"


def quick_run() -> bool:
    """True in `make test-quick`, the one run where a missing browser or database may skip."""
    return os.environ.get(QUICK_VARIABLE, "").strip().lower() in {"1", "true", "yes"}


def missing_resource(reason: str) -> None:
    """Fail the current test, so a broken set-up cannot pass silently; skip it in a quick run."""
    if not quick_run():
        pytest.fail(
            f"{reason}: `make test` installs and starts what the suite needs "
            f"(`make test-quick` skips these tests instead)",
            pytrace=False,
        )
    pytest.skip(reason)
