"""The shared test fixtures against small pages written here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.request import Request, urlopen

import pytest

from tests.support.axe import format_violations

CLEAN_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>测试页</title></head>
<body><main><h1>政策公开</h1><img src="logo.svg" alt="晋江市工信局标志"></main></body></html>
"""

# An image without alternative text is a critical axe violation (image-alt).
IMAGE_WITHOUT_ALT = CLEAN_PAGE.replace(' alt="晋江市工信局标志"', "")

WIDE_PAGE = CLEAN_PAGE.replace("</main>", '<div style="width: 2000px">宽表格</div></main>')

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'


def write_site(root: Path, page: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text(page, encoding="utf-8")
    (root / "logo.svg").write_text(LOGO, encoding="utf-8")
    return root


def fetch(url: str, data: bytes | None = None) -> tuple[int, str, str]:
    with urlopen(Request(url, data=data), timeout=10) as response:
        body = response.read().decode("utf-8")
        return response.status, response.headers.get("Content-Type", ""), body


def echo_app(environ, start_response):
    """A WSGI app that describes the request it got, as JSON."""
    size = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(size).decode("utf-8")
    answer = {"method": environ["REQUEST_METHOD"], "path": environ["PATH_INFO"], "body": body}
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps(answer).encode()]


def test_serve_dir_serves_files_and_directory_index(serve_dir, tmp_path):
    base_url = serve_dir(write_site(tmp_path / "site", CLEAN_PAGE))

    status, media_type, body = fetch(base_url)
    assert status == 200 and media_type.startswith("text/html")
    assert "政策公开" in body
    assert fetch(base_url + "logo.svg")[1] == "image/svg+xml"


def test_serve_wsgi_serves_static_files_first_then_the_app(serve_wsgi, tmp_path):
    base_url = serve_wsgi(echo_app, static_dir=write_site(tmp_path / "site", CLEAN_PAGE))

    assert "政策公开" in fetch(base_url)[2]
    assert "政策公开" in fetch(base_url + "index.html")[2]
    answer = json.loads(fetch(base_url + "api/petitions", data="诉求".encode())[2])
    assert answer == {"method": "POST", "path": "/api/petitions", "body": "诉求"}
    assert json.loads(fetch(base_url + "missing.html")[2])["method"] == "GET"


def test_static_files_cannot_escape_their_directory(serve_wsgi, tmp_path):
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    base_url = serve_wsgi(echo_app, static_dir=write_site(tmp_path / "site", CLEAN_PAGE))

    assert json.loads(fetch(base_url + "..%2Fsecret.txt")[2])["path"] == "/../secret.txt"


def test_axe_finds_an_image_without_alt(page_factory, serve_dir, axe_check, tmp_path):
    page = page_factory()
    page.goto(serve_dir(write_site(tmp_path / "site", IMAGE_WITHOUT_ALT)))

    violations = axe_check(page)
    assert [v["id"] for v in violations] == ["image-alt"]
    assert "img" in format_violations(violations)


def test_axe_passes_a_clean_page(page_factory, serve_dir, axe_check, tmp_path):
    page = page_factory()
    page.goto(serve_dir(write_site(tmp_path / "site", CLEAN_PAGE)))

    assert axe_check(page) == []


def test_axe_runs_despite_a_content_security_policy(page_factory, serve_dir, axe_check, tmp_path):
    strict = IMAGE_WITHOUT_ALT.replace(
        "<head>", "<head><meta http-equiv='Content-Security-Policy' content=\"script-src 'none'\">"
    )
    page = page_factory()
    page.goto(serve_dir(write_site(tmp_path / "site", strict)))

    assert [v["id"] for v in axe_check(page)] == ["image-alt"]


def test_axe_on_a_page_without_javascript_fails_clearly(page_factory, axe_check, monkeypatch):
    from tests.support import axe

    monkeypatch.setattr(axe, "AXE_TIMEOUT_MS", 1_000)
    page = page_factory(javascript=False)
    page.set_content(CLEAN_PAGE)

    with pytest.raises(AssertionError, match="javascript=False"):
        axe_check(page)


def test_page_factory_sets_width_and_javascript(page_factory):
    narrow = page_factory(viewport_width=320)
    narrow.set_content("<p>窄屏</p>")
    assert narrow.evaluate("() => window.innerWidth") == 320

    no_script = page_factory(javascript=False)
    no_script.set_content(
        "<p id='p'>原文</p><script>document.getElementById('p').textContent = '改写'</script>"
    )
    assert no_script.text_content("#p") == "原文"


@pytest.mark.parametrize("width", [320, 1280])
def test_no_horizontal_scroll(page_factory, serve_dir, no_horizontal_scroll, tmp_path, width):
    site = write_site(tmp_path / "site", CLEAN_PAGE)
    (site / "wide.html").write_text(WIDE_PAGE, encoding="utf-8")
    base_url = serve_dir(site)
    page = page_factory(viewport_width=width)

    page.goto(base_url)
    assert no_horizontal_scroll(page)
    page.goto(base_url + "wide.html")
    assert not no_horizontal_scroll(page)


def test_postgres_url_accepts_connections(postgres_url):
    import psycopg

    with psycopg.connect(postgres_url, connect_timeout=10) as connection:
        row = connection.execute("select current_database(), version()").fetchone()
    assert row[0] and row[1].startswith("PostgreSQL")


def test_chromium_is_the_system_build(chromium):
    # The suite must never depend on a browser that Playwright downloaded.
    from tests.support.browser import CHROMIUM

    reported = subprocess.run(
        [str(CHROMIUM), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert chromium.version in reported


REPO = Path(__file__).resolve().parent.parent
SKIP_HOOK = """
from tests.support.skips import check_skips


def pytest_sessionfinish(session):
    check_skips(session)
"""
SKIPPING_TESTS = """
import pytest

from tests.support.env import missing_resource


def test_listed():
    pytest.skip("only on a full moon")


def test_unlisted():
    pytest.skip("chromium is not installed")


def test_missing_resource():
    missing_resource("the database is not there")
"""


def run_skipping_suite(tmp_path: Path, allowed: str, **env: str) -> subprocess.CompletedProcess:
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "conftest.py").write_text(SKIP_HOOK, encoding="utf-8")
    (suite / "test_skips.py").write_text(SKIPPING_TESTS, encoding="utf-8")
    (tmp_path / "allowed.txt").write_text(allowed, encoding="utf-8")
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"QINQING_TEST_QUICK", "PYTEST_ADDOPTS"}
    }
    environment |= {
        "PYTHONPATH": str(REPO),
        "QINQING_ALLOWED_SKIPS": str(tmp_path / "allowed.txt"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", str(suite)],
        cwd=suite,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_skip_not_in_the_allow_list_fails_the_run(tmp_path):
    result = run_skipping_suite(tmp_path, "# comment\nonly on a full moon\n")

    assert result.returncode == 1, result.stdout
    assert "1 skipped without a reason in allowed.txt" in result.stdout
    assert "test_skips.py::test_unlisted: chromium is not installed" in result.stdout
    assert "test_listed:" not in result.stdout.split("skipped without a reason")[1]


def test_a_missing_resource_fails_the_test_outside_a_quick_run(tmp_path):
    result = run_skipping_suite(tmp_path, "only on a full moon\nchromium is not installed\n")

    assert result.returncode == 1, result.stdout
    assert "1 failed, 2 skipped" in result.stdout
    assert "the database is not there: `make test` installs and starts" in result.stdout


def test_a_quick_run_may_skip_anything(tmp_path):
    result = run_skipping_suite(tmp_path, "", QINQING_TEST_QUICK="1")

    assert result.returncode == 0, result.stdout
    assert "3 skipped" in result.stdout


def test_every_allowed_skip_is_a_reason_some_test_gives():
    from tests.support.skips import ALLOWED_SKIPS, allowed_reasons

    sources = "".join(
        path.read_text(encoding="utf-8") for path in (REPO / "tests").rglob("test_*.py")
    )
    assert [reason for reason in allowed_reasons(ALLOWED_SKIPS) if reason not in sources] == []
