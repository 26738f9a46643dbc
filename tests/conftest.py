"""Fixtures shared by the whole suite; the machinery lives in tests/support/."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.env import missing_resource
from tests.support.skips import check_skips

# Tests using these fixtures get the matching marker, so `-m "not browser"` deselects them.
_MARKER_FIXTURES = {"browser": {"chromium", "page_factory"}, "postgres": {"postgres_url"}}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in _MARKER_FIXTURES.items():
            if used & fixtures:
                item.add_marker(marker)


def pytest_sessionfinish(session: pytest.Session) -> None:
    check_skips(session)


@pytest.fixture(scope="session")
def chromium():
    """Headless system Chromium (a Playwright Browser), shared by the session."""
    from tests.support.browser import CHROMIUM, launch_chromium

    if not CHROMIUM.exists():
        missing_resource(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def page_factory(chromium):
    """`page_factory(viewport_width=1280, javascript=True)` -> a Page in a fresh context."""
    from tests.support.browser import PageFactory

    factory = PageFactory(chromium)
    yield factory
    factory.close()


@pytest.fixture
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """`serve_dir(path) -> base_url`: serve a directory over HTTP until the test ends."""
    from tests.support.servers import serve_directory

    with ExitStack() as stack:
        yield lambda path: stack.enter_context(serve_directory(Path(path)))


@pytest.fixture
def serve_wsgi() -> Iterator[Callable[..., str]]:
    """`serve_wsgi(app, static_dir=None) -> base_url`: serve a WSGI app until the test ends."""
    from tests.support.servers import serve_wsgi_app

    with ExitStack() as stack:
        yield lambda app, static_dir=None: stack.enter_context(serve_wsgi_app(app, static_dir))


@pytest.fixture
def axe_check():
    """`axe_check(page) -> [violation]`: serious and critical axe-core findings."""
    from tests.support import axe

    if not axe.AXE_SCRIPT.exists():
        missing_resource(f"{axe.AXE_SCRIPT} is missing (run `make test` or `npm ci`)")
    return axe.axe_check


@pytest.fixture
def no_horizontal_scroll():
    """`no_horizontal_scroll(page) -> bool`: the page fits the viewport's width."""
    from tests.support.axe import no_horizontal_scroll

    return no_horizontal_scroll


@dataclass(frozen=True)
class SampleBuild:
    """The sample site as built, and what the build printed."""

    site: Path
    output: str


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> SampleBuild:
    """`qinqing build --today 2026-11-26` of the repository's content/, once per session."""
    from tests.support.builds import qinqing_build

    site = tmp_path_factory.mktemp("sample") / "site"
    return SampleBuild(site, qinqing_build(site))


@pytest.fixture(scope="session")
def sample_site(sample_build: SampleBuild) -> Path:
    """The folder of the built sample site (shared by the session: read it, never change it)."""
    return sample_build.site


@pytest.fixture(scope="session")
def sample_site_url(sample_site: Path) -> Iterator[str]:
    """The built sample site served over HTTP for the whole session; its base URL."""
    from tests.support.servers import serve_directory

    with serve_directory(sample_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A PostgreSQL URL from QINQING_TEST_POSTGRES_URL (`.ci/run` starts one)."""
    url = os.environ.get("QINQING_TEST_POSTGRES_URL", "")
    if not url:
        missing_resource(
            "QINQING_TEST_POSTGRES_URL is not set (tools/test-services starts a server)"
        )
    return url
