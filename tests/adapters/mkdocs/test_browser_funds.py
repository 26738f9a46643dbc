"""The funds pages in real Chromium: the action block's links, the sort control, the 筛选 fold."""

from __future__ import annotations

import pytest

from tests.support.axe import axe_check, format_violations, no_horizontal_scroll
from tests.support.content_fixture import ITEMS

pytestmark = pytest.mark.browser

OPEN, CLOSED, WITHDRAWN = (
    ITEMS[f"funds/fund-{k}.md"]["title"] for k in ("open", "closed", "withdrawn")
)
BY_STATUS = [OPEN, CLOSED, WITHDRAWN]
BY_DATE = [OPEN, WITHDRAWN, CLOSED]


def titles(page) -> list[str]:
    return page.locator("tbody tr:visible td:first-child a").all_inner_texts()


def test_every_action_link_resolves(page_factory, served_fixture_site):
    page = page_factory()
    page.goto(served_fixture_site + "funds/fund-open/")
    block = page.locator("section.qq-fund-actions")
    hrefs = block.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) == 4
    for href in hrefs:
        if href.startswith(served_fixture_site):
            assert page.request.get(href).status == 200, href
        else:
            assert href == "https://hq.example.gov.cn/fund-open"
    ics = page.request.get(block.locator("a", has_text="加入日历").evaluate("a => a.href"))
    assert ics.text().startswith("BEGIN:VCALENDAR")
    closed = page_factory()
    closed.goto(served_fixture_site + "funds/fund-closed/")
    closed.locator(".qq-fund-actions a", has_text="查看结果公示").click()
    assert closed.locator("h1").inner_text() == ITEMS["announcements/notice-publicity.md"]["title"]


@pytest.mark.parametrize("javascript", [True, False])
def test_sort_control_works_with_and_without_javascript(
    page_factory, served_fixture_site, javascript
):
    page = page_factory(javascript=javascript)
    page.goto(served_fixture_site + "funds/")
    if javascript:  # without a script every row shows, the withdrawn one too
        assert titles(page) == BY_STATUS[:2]
        page.check("input[name=all]")
    assert titles(page) == BY_STATUS
    page.locator("nav.qq-sort a", has_text="按发布日期").click()
    page.wait_for_function(
        "() => document.querySelector('nav.qq-sort a[aria-current]').textContent === '按发布日期'"
    )
    assert titles(page) == BY_DATE
    if javascript:  # re-sorted in place, kept in the URL like the filters
        assert page.url.endswith("funds/?all=1&sort=published")
    else:  # the static page in that order
        assert page.url.endswith("funds/sort/published/")
    page.locator("nav.qq-sort a", has_text="按申报状态").click()
    page.wait_for_function(
        "() => document.querySelector('nav.qq-sort a[aria-current]').textContent === '按申报状态'"
    )
    assert titles(page) == BY_STATUS


def test_a_shared_sorted_url_opens_sorted(page_factory, served_fixture_site):
    page = page_factory()
    page.goto(served_fixture_site + "funds/?sort=published&all=1")
    assert titles(page) == BY_DATE


@pytest.mark.parametrize("javascript", [True, False])
def test_phone_filters_fold_behind_one_button_and_results_are_on_the_first_screen(
    page_factory, served_fixture_site, javascript
):
    page = page_factory(viewport_width=360, viewport_height=740, javascript=javascript)
    page.goto(served_fixture_site + "funds/")
    toggle = page.locator("summary.qq-filter-fold__toggle")
    assert toggle.is_visible() and toggle.inner_text() == "筛选"
    assert page.locator("select[name=dept]").is_hidden()
    first = page.locator("tbody tr").first.locator("a").bounding_box()
    assert first["y"] + first["height"] <= 740, "the first result is below the first screen"
    assert no_horizontal_scroll(page)
    toggle.click()
    assert page.locator("select[name=dept]").is_visible()
    if javascript:
        page.select_option("select[name=delivery]", "apply")
        assert titles(page) == [OPEN]
    rows = page.locator("tbody tr").count()
    assert rows == sum(1 for k in ITEMS if k.startswith("funds/"))


@pytest.mark.parametrize("javascript", [True, False])
def test_wide_screen_shows_the_filters_without_the_button(
    page_factory, served_fixture_site, javascript
):
    page = page_factory(javascript=javascript)
    page.goto(served_fixture_site + "funds/")
    assert page.locator("select[name=dept]").is_visible()
    assert page.locator("summary.qq-filter-fold__toggle").is_hidden()


@pytest.mark.parametrize("path", ["funds/", "funds/sort/published/", "funds/fund-open/"])
@pytest.mark.parametrize("width", [320, 1280])
def test_funds_pages_fit_and_are_accessible(page_factory, served_fixture_site, path, width):
    page = page_factory(viewport_width=width)
    page.goto(served_fixture_site + path)
    assert no_horizontal_scroll(page)
    violations = axe_check(page)
    assert violations == [], format_violations(violations)


def test_a_page_read_after_the_window_closed_offers_no_apply_link(
    page_factory, served_fixture_site
):
    import datetime as dt

    page = page_factory()
    page.clock.set_fixed_time(dt.datetime.fromisoformat("2027-01-01T00:00:01+08:00"))
    page.goto(served_fixture_site + "funds/fund-open/")
    block = page.locator("section.qq-fund-actions")
    assert block.locator("a", has_text="去申报").is_hidden()
    assert block.locator("a", has_text="加入日历").is_hidden()
    assert block.locator("[data-qq-when-closed]").is_visible()
    assert "申报已截止" in block.inner_text()
    before = page_factory()
    before.clock.set_fixed_time(dt.datetime.fromisoformat("2026-12-31T23:59:00+08:00"))
    before.goto(served_fixture_site + "funds/fund-open/")
    assert before.locator("section.qq-fund-actions a", has_text="去申报").is_visible()
    assert before.locator("[data-qq-when-closed]").is_hidden()
