"""Real builds, shared by the whole tests/site session (the machine has 2 cores)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html

from tests.site.content_fixture import TODAY, write_content, write_mkdocs_config

REPO = Path(__file__).resolve().parents[2]
EPOCH = "1790000000"


@dataclass
class Built:
    site: Path
    output: str
    content: Path

    def page(self, path: str) -> html.HtmlElement:
        target = self.site / path / "index.html" if not path.endswith(".html") else self.site / path
        return html.fromstring(target.read_bytes())


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}


def run_build(args: list[str], today: str = TODAY) -> str:
    done = subprocess.run(
        args, capture_output=True, text=True, env={**_env(), "QINQING_TODAY": today}, cwd=REPO
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output


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
    mkdocs = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(config),
        "-d",
        str(site),
    ]
    return Built(site, run_build(mkdocs), content)


@pytest.fixture(scope="session")
def fixture_site_again(fixture_tree, tmp_path_factory) -> Built:
    """The same content built again, through `qinqing build`, for the byte-identity test."""
    content, config = fixture_tree
    site = tmp_path_factory.mktemp("fixture-site-again")
    command = [sys.executable, "-m", "generator.cli", "build", "--config", str(config)]
    output = run_build([*command, "--site-dir", str(site), "--today", TODAY])
    return Built(site, output, content)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Built:
    """The repository's sample content, built with `qinqing build`."""
    site = tmp_path_factory.mktemp("sample-site")
    command = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)]
    output = run_build([*command, "--today", TODAY])
    return Built(site, output, REPO / "content")


# -- browser (minimal; tests/conftest.py may provide richer ones) ----------------------------


@pytest.fixture(scope="session")
def chromium():
    from tests.support.browser import CHROMIUM, launch_chromium
    from tests.support.env import missing_resource

    if not CHROMIUM.exists():
        missing_resource(f"{CHROMIUM} is not installed")
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def page_factory(chromium) -> Iterator:
    from tests.support.browser import PageFactory

    factory = PageFactory(chromium)
    yield factory
    factory.close()


@pytest.fixture(scope="session")
def served_fixture_site(fixture_site) -> Iterator[str]:
    from tests.support.servers import serve_directory

    with serve_directory(fixture_site.site) as base_url:
        yield base_url
