"""The built 订阅 page in Chromium: copy buttons only with JavaScript, no sideways scroll at 320 px."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.support.env import missing_resource

SAMPLE = Path(__file__).resolve().parents[2] / "content"
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    if "build" not in main.commands:
        missing_resource("`qinqing build` is not registered yet")
    from tests.support.servers import serve_directory

    site_dir = tmp_path_factory.mktemp("subscribe") / "site"
    result = CliRunner().invoke(
        main, ["build", "--site-dir", str(site_dir), "--today", TODAY.isoformat()]
    )
    assert result.exit_code == 0, result.output
    with serve_directory(site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def open_page():
    from tests.support.browser import CHROMIUM, PageFactory, launch_chromium

    if not CHROMIUM.exists():
        missing_resource("Chromium is not installed at /usr/bin/chromium")
    with launch_chromium() as browser:
        factory = PageFactory(browser)
        yield factory
        factory.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_subscribe_page_at_320_px(site_url, open_page, javascript):
    from tests.support.axe import axe_check, format_violations, no_horizontal_scroll

    page = open_page(viewport_width=320, javascript=javascript)
    page.goto(site_url + "subscribe/")
    page.wait_for_load_state("load")
    buttons = page.locator("button[data-qq-copy]")
    assert buttons.count() > 0
    assert buttons.first.is_visible() == javascript
    # The address itself is always readable text.
    assert page.locator("code", has_text="/feeds/all.atom.xml").first.is_visible()
    assert no_horizontal_scroll(page)
    if javascript:  # axe is injected as a script, which a page without JavaScript never runs
        # Only this page's own content is ours to answer for; the header belongs to the theme.
        violations = [
            v
            for v in axe_check(page)
            if any(
                page.evaluate("(s) => !!document.querySelector(s)?.closest('article')", t)
                for t in v["targets"]
            )
        ]
        assert not violations, format_violations(violations)
