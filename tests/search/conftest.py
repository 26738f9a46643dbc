"""Search fixtures: the sample content built once per session, served, and one Chromium."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-26"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """`qinqing build --today 2026-11-26` of the repository's content/, search index included."""
    site = tmp_path_factory.mktemp("search-site") / "site"
    command = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)]
    done = subprocess.run(
        [*command, "--today", TODAY], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return site


@pytest.fixture(scope="session")
def site_url(sample_site) -> Iterator[str]:
    from tests.support.servers import serve_directory

    with serve_directory(sample_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def search_browser():
    from tests.support.browser import CHROMIUM, launch_chromium
    from tests.support.env import missing_resource

    if not CHROMIUM.exists():
        missing_resource(f"{CHROMIUM} is not installed")
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def new_page(search_browser) -> Iterator:
    """Opens pages (each in a fresh context); `new_page(javascript=False)` for no-JS visits."""
    from tests.support.browser import PageFactory

    factory = PageFactory(search_browser)
    yield factory
    factory.close()


@pytest.fixture(scope="module")
def shared_page(search_browser):
    """One page reused by the query-set tests (a context per query would triple the time)."""
    from tests.support.browser import PageFactory

    factory = PageFactory(search_browser)
    yield factory()
    factory.close()
