"""Real builds of the fixture content, shared by the whole tests/adapters/mkdocs session (2 cores)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html

from tests.support.builds import qinqing_build, run_build
from tests.support.content_fixture import TODAY, write_content, write_mkdocs_config


@dataclass
class Built:
    site: Path
    output: str
    content: Path

    def page(self, path: str) -> html.HtmlElement:
        target = self.site / path / "index.html" if not path.endswith(".html") else self.site / path
        return html.fromstring(target.read_bytes())


@pytest.fixture(scope="session")
def fixture_tree(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("fixture")
    content = write_content(root)
    return content, write_mkdocs_config(root, content)


@pytest.fixture(scope="session")
def fixture_site(fixture_tree, tmp_path_factory) -> Built:
    """The fixture content built with plain `mkdocs build --strict`."""
    content, config = fixture_tree
    site = tmp_path_factory.mktemp("fixture-site")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    return Built(site, run_build([*mkdocs, "-d", str(site)], TODAY), content)


@pytest.fixture(scope="session")
def fixture_site_again(fixture_tree, tmp_path_factory) -> Built:
    """The same content built again, through `qinqing build`, for the byte-identity test."""
    content, config = fixture_tree
    site = tmp_path_factory.mktemp("fixture-site-again")
    return Built(site, qinqing_build(site, TODAY, config), content)


@pytest.fixture(scope="session")
def served_fixture_site(fixture_site) -> Iterator[str]:
    from tests.support.servers import serve_directory

    with serve_directory(fixture_site.site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory) -> Built:
    """The fixture content with one row a list page (site.yaml `list_page_size: 1`), so every
    list has several pages; no search index (not needed here)."""
    root = tmp_path_factory.mktemp("paged")
    content = write_content(root)
    with (content / "site.yaml").open("a", encoding="utf-8") as site_yaml:
        site_yaml.write("list_page_size: 1\n")
    config = write_mkdocs_config(root, content, search=False)
    site = tmp_path_factory.mktemp("paged-site")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    return Built(site, run_build([*mkdocs, "-d", str(site)], TODAY), content)


@pytest.fixture(scope="session")
def served_paged_site(paged_site) -> Iterator[str]:
    from tests.support.servers import serve_directory

    with serve_directory(paged_site.site) as base_url:
        yield base_url
