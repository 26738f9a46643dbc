"""Fixtures of the matching tests: a content tree in tmp_path, its index, a headless browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.index import ContentIndex
from generator.loader import load_content
from tests.matching.content import TODAY, write_content


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    return write_content(tmp_path)


@pytest.fixture
def index(content_dir: Path) -> ContentIndex:
    result = load_content(content_dir, today=TODAY)
    assert result.ok, result.problems
    assert result.index is not None
    return result.index


@pytest.fixture(scope="session")
def match_browser():
    """One headless Chromium for the matching tests (the system build, never a download)."""
    from tests.support.browser import CHROMIUM, launch_chromium
    from tests.support.env import missing_resource

    if not CHROMIUM.exists():
        missing_resource(f"{CHROMIUM} is not installed")
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def open_page(match_browser):
    """Opens pages in fresh contexts (own storage each), closed after the test."""
    from tests.support.browser import PageFactory

    factory = PageFactory(match_browser)
    yield factory
    factory.close()


@pytest.fixture
def blank_page(open_page):
    page = open_page()
    page.set_content("<!doctype html><html lang='zh-CN'><body></body></html>")
    return page
