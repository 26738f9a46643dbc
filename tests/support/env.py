"""Decides whether a missing test resource skips a test (locally) or fails it (in CI)."""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    """True when running under CI, where every resource the suite needs must be present."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def missing_resource(reason: str) -> None:
    """Skip the current test locally; fail it in CI so a broken set-up cannot pass silently."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true, so this is an error, not a skip)", pytrace=False)
    pytest.skip(reason)
