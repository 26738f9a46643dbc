"""Fixture trees for the ops tests: a fresh site made by `qinqing init`, and a way to run the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli.init import InitOptions, init_site
from generator.cli.main import main
from tests.support.placeholders import fill_placeholders

INIT_DAY = dt.date(2026, 3, 10)


@pytest.fixture
def unfilled_site(tmp_path: Path) -> Path:
    """A site just created by `init` for INIT_DAY, with its placeholders."""
    root = tmp_path / "site-repo"
    init_site(root, InitOptions(), INIT_DAY)
    return root


@pytest.fixture
def new_site(unfilled_site: Path) -> Path:
    """A site created by `init` for INIT_DAY whose placeholders an editor filled in."""
    return fill_placeholders(unfilled_site)


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    def run(*args: str) -> Result:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return run


def write_item(content: Path, rel: str, front: str, body: str) -> Path:
    """Write one item; `front` is the YAML between the --- lines."""
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n---\n{body}", encoding="utf-8")
    return path
