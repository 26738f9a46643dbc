"""The built fixture site in real headless Chromium: layout, accessibility, filters, clock."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.axe import axe_check, format_violations, no_horizontal_scroll
from tests.support.content_fixture import ITEMS

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "policies/",
    "funds/",
    "announcements/",
    "policies/policy-current/",
    "funds/fund-open/",
    "guides/guide-apply/",
    "announcements/notice-publicity/",
]


def visible_rows(page) -> int:
    return page.locator("tbody tr:visible").count()


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_at_320px(page_factory, served_fixture_site, path):
    page = page_factory(viewport_width=320)
    page.goto(served_fixture_site + path)
    assert no_horizontal_scroll(page)


@pytest.mark.parametrize(
    "path", ["", "funds/", "funds/fund-open/", "announcements/notice-publicity/"]
)
def test_no_serious_accessibility_violations(page_factory, served_fixture_site, path):
    page = page_factory()
    page.goto(served_fixture_site + path)
    violations = axe_check(page)
    assert violations == [], format_violations(violations)


def test_filters_act_at_once_and_round_trip_through_the_url(page_factory, served_fixture_site):
    page = page_factory()
    page.goto(served_fixture_site + "policies/")
    assert visible_rows(page) == 2  # the repealed policy is out of the current view
    page.select_option("select[name=level]", "municipal")
    assert visible_rows(page) == 1
    assert (
        page.locator("tbody tr:visible a").inner_text()
        == ITEMS["policies/policy-hostile.md"]["title"]
    )
    assert "level=municipal" in page.url
    shared = page_factory()
    shared.goto(page.url)
    assert shared.locator("select[name=level]").input_value() == "municipal"
    assert visible_rows(shared) == 1


def test_inactive_items_come_back_with_the_toggle(page_factory, served_fixture_site):
    page = page_factory()
    page.goto(served_fixture_site + "funds/")
    assert visible_rows(page) == 2
    page.check("input[name=all]")
    assert visible_rows(page) == 3
    assert "all=1" in page.url
    page.select_option("select[name=status]", "withdrawn")
    assert (
        page.locator("tbody tr:visible a").inner_text() == ITEMS["funds/fund-withdrawn.md"]["title"]
    )


def test_every_row_is_present_without_javascript(page_factory, served_fixture_site):
    page = page_factory(javascript=False)
    for collection in ("policies", "funds", "guides", "announcements", "consultations"):
        page.goto(served_fixture_site + collection + "/")
        expected = sum(1 for key in ITEMS if key.startswith(collection + "/"))
        assert visible_rows(page) == expected


def _at(page_factory, served, path: str, instant: str):
    page = page_factory()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(instant))
    page.goto(served + path)
    return page


def test_status_is_recomputed_in_the_browser_from_the_page_dates(page_factory, served_fixture_site):
    badge = ".qq-item-status .qq-status"
    before = _at(page_factory, served_fixture_site, "funds/fund-open/", "2026-12-31T23:59:00+08:00")
    assert before.locator(badge).inner_text() == "申报中"
    assert "今天截止" in before.locator(".qq-facts [data-qq-days]").inner_text()
    after = _at(page_factory, served_fixture_site, "funds/fund-open/", "2027-01-01T00:00:01+08:00")
    assert after.locator(badge).inner_text() == "已截止"
    assert after.locator(".qq-facts [data-qq-days]").is_hidden()
    listing = _at(page_factory, served_fixture_site, "announcements/", "2026-12-03T08:00:00+08:00")
    title = ITEMS["announcements/notice-publicity.md"]["title"]
    row = listing.locator("tbody tr", has_text=title)
    assert row.locator(".qq-status").inner_text() == "公示结束"


def test_policies_filter_by_issuer(page_factory, served_fixture_site):
    page = page_factory()
    page.goto(served_fixture_site + "policies/")
    page.select_option("select[name=issuer]", "测试市财政局")
    assert page.locator("tbody tr:visible a").all_inner_texts() == [
        ITEMS["policies/policy-hostile.md"]["title"]
    ]
    assert "issuer=" in page.url
