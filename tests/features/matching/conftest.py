"""Fixtures of the matching tests: a content tree in tmp_path, its index, a blank browser page."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.index import ContentIndex
from generator.content.loader import load_content
from tests.features.matching.content import TODAY, write_content


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    return write_content(tmp_path)


@pytest.fixture
def index(content_dir: Path) -> ContentIndex:
    result = load_content(content_dir, today=TODAY)
    assert result.ok, result.problems
    assert result.index is not None
    return result.index


@pytest.fixture
def blank_page(page_factory):
    page = page_factory()
    page.set_content("<!doctype html><html lang='zh-CN'><body></body></html>")
    return page
