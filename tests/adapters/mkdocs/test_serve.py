"""`mkdocs serve` rebuilds when a content file changes (pages first, then feeds and open
data) and answers the petition API (serve_api)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.builds import REPO, SAMPLE_DAY

POLICY = "cpc-state-council-entrepreneurs-2017"
WAIT_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    """The page's text, or None while the server is not answering it yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, accept: Callable[[str], bool], server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped:\n" + log.read_text(encoding="utf-8")
        text = _get(url)
        if text is not None and accept(text):
            return
        time.sleep(0.25)
    pytest.fail(f"{url} not as expected within {WAIT_SECONDS} s:\n" + log.read_text("utf-8"))


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """content/, mkdocs.yml and site_overrides/ copied, so the test may change the content."""
    for folder in ("content", "site_overrides"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@pytest.fixture
def served(site_copy: Path) -> Iterator[tuple[str, subprocess.Popen, Path]]:
    """`mkdocs serve` of the copy on a free port; (base URL, process, log file)."""
    port = _free_port()
    log = site_copy / "serve.log"
    env = {
        **os.environ,
        "QINQING_TODAY": SAMPLE_DAY,
        "NO_MKDOCS_2_WARNING": "1",
        # The petition handler mkdocs.yml's serve_api names (as `make serve` sets it up).
        "QINQING_DATABASE_URL": f"sqlite:///{site_copy / 'petitions.db'}",
        "QINQING_ALLOWED_ORIGINS": f"http://127.0.0.1:{port}",
    }
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*command, "-f", str(site_copy / "mkdocs.yml")],
            cwd=site_copy,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}/", server, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_changing_a_policy_title_reloads_its_page(site_copy, served):
    base, server, log = served
    page_url = f"{base}policies/{POLICY}/"
    source = site_copy / "content" / "policies" / f"{POLICY}.md"
    text = source.read_text(encoding="utf-8")
    old_line = next(line for line in text.splitlines() if line.startswith("title: "))
    old_title, new_title = old_line.removeprefix("title: "), "关于服务测试的修订后标题"
    _wait_for(page_url, lambda page: old_title in page and new_title not in page, server, log)

    source.write_text(text.replace(old_line, f"title: {new_title}", 1), encoding="utf-8")

    _wait_for(page_url, lambda page: new_title in page, server, log)


def test_open_data_follows_an_edit_once_the_page_shows_it(site_copy, served):
    # Feeds, calendars and open data are made after the pages in preview (preview_files.py).
    base, server, log = served
    source = site_copy / "content" / "policies" / f"{POLICY}.md"
    text = source.read_text(encoding="utf-8")
    old_line = next(line for line in text.splitlines() if line.startswith("title: "))
    new_title = "关于开放数据随预览更新的修订后标题"
    _wait_for(f"{base}data/index.json", lambda index: "policies/" in index, server, log)

    source.write_text(text.replace(old_line, f"title: {new_title}", 1), encoding="utf-8")

    _wait_for(f"{base}policies/{POLICY}/", lambda page: new_title in page, server, log)

    def shows_new_title(index: str) -> bool:
        paths = [f["path"] for f in json.loads(index)["files"] if "policies/" in f["path"]]
        return any(new_title in (_get(f"{base}{path.lstrip('/')}") or "") for path in paths)

    _wait_for(f"{base}data/index.json", shows_new_title, server, log)


def test_the_preview_answers_the_petition_form_as_qinqing_serve_does(served):
    base, server, log = served
    _wait_for(f"{base}petitions/", lambda page: "data-qq-form" in page, server, log)
    petition = {
        "category": "consult",
        "subject": "预览中的表单提交",
        "content": "编辑在本机预览时试交一份诉求。",
        "enterprise": "晋江市某某纺织有限公司",
        "contact_name": "王先生",
        "phone": "13905951234",
        "consent": True,
    }
    request = urllib.request.Request(
        f"{base}api/petitions",
        data=json.dumps(petition).encode(),
        headers={"Content-Type": "application/json", "Origin": base.rstrip("/")},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 201
        receipt = json.load(answer)["receipt"]
    assert receipt and len(json.loads(_get(f"{base}api/stats") or "{}")) > 0
    assert "诉求办理情况" in (_get(f"{base}petitions/stats/") or "")


def test_the_preview_search_page_says_it_has_no_index_and_the_built_one_does_not(
    served, sample_site
):
    from generator.adapters.mkdocs.preview import SEARCH_NOTICE

    base, server, log = served
    _wait_for(f"{base}search/", lambda page: SEARCH_NOTICE in page, server, log)
    assert _get(f"{base}pagefind/pagefind.js") is None
    built = (sample_site / "search" / "index.html").read_text(encoding="utf-8")
    assert "预览模式" not in built and (sample_site / "pagefind" / "pagefind.js").is_file()
