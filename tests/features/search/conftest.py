"""Search fixtures: the session's built sample site, served, under the names the tests use."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def site_url(sample_site_url) -> str:
    """The built sample site (search index included), served for the session."""
    return sample_site_url


@pytest.fixture
def new_page(page_factory):
    """Opens pages (each in a fresh context); `new_page(javascript=False)` for no-JS visits."""
    return page_factory


@pytest.fixture(scope="module")
def shared_page(chromium) -> Iterator:
    """One page reused by the query-set tests (a context per query would triple the time)."""
    from tests.support.browser import PageFactory

    factory = PageFactory(chromium)
    yield factory()
    factory.close()
