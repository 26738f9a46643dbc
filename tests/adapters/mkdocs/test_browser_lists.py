"""Bounded list pages in real Chromium: the pager without JavaScript, one list with it."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.axe import axe_check, format_violations, no_horizontal_scroll
from tests.support.content_fixture import ITEMS

pytestmark = pytest.mark.browser


def titles(page) -> list[str]:
    return page.locator("tbody tr:visible td:first-child a").all_inner_texts()


def of(collection: str) -> set[str]:
    return {v["title"] for k, v in ITEMS.items() if k.startswith(collection + "/")}


def test_without_javascript_the_pager_leads_through_every_item(page_factory, served_paged_site):
    page = page_factory(javascript=False)
    page.goto(served_paged_site + "policies/")
    seen = []
    for _ in range(10):  # three pages; a deadline all the same
        seen += titles(page)
        following = page.locator("nav[aria-label=分页] a[rel=next]")
        if not following.count():
            break
        following.click()
        page.wait_for_load_state()
    assert sorted(seen) == sorted(of("policies"))
    assert page.url.endswith("policies/page/3/")
    assert page.locator("nav[aria-label=分页] [aria-current=page]").inner_text() == "3"


def test_without_javascript_a_filter_value_is_a_link(page_factory, served_paged_site):
    page = page_factory(javascript=False)
    page.goto(served_paged_site + "policies/")
    page.locator("nav.qq-browse a", has_text="测试市财政局").click()
    page.wait_for_load_state()
    assert "/policies/by/issuer/" in page.url
    assert titles(page) == [ITEMS["policies/policy-hostile.md"]["title"]]


def test_with_javascript_the_list_is_the_whole_collection(page_factory, served_paged_site):
    page = page_factory()
    page.goto(served_paged_site + "policies/")
    more = page.locator("[data-qq-more] button")
    more.wait_for(state="visible")  # the index is loaded: two current policies, one a page
    assert page.locator("nav.qq-pager").is_hidden()
    assert len(titles(page)) == 1 and "还有 1 条" in more.inner_text()
    more.click()
    page.locator("tbody tr:visible").nth(1).wait_for()
    current = of("policies") - {ITEMS["policies/policy-old.md"]["title"]}
    assert set(titles(page)) == current and more.is_hidden()
    # A filter acts on items that are on no page of this one: the repealed one is on page 3.
    page.select_option("select[name=status]", "repealed")
    page.wait_for_function("document.querySelectorAll('tbody tr').length === 1")
    assert titles(page) == [ITEMS["policies/policy-old.md"]["title"]]
    assert page.locator(".qq-status").inner_text() == "已废止"
    assert "status=repealed" in page.url
    page.select_option("select[name=status]", "")
    page.select_option("select[name=level]", "municipal")
    page.wait_for_function("document.querySelectorAll('tbody tr').length === 1")
    assert titles(page) == [ITEMS["policies/policy-hostile.md"]["title"]]


def test_with_javascript_a_shared_filter_and_the_sort_use_the_whole_list(
    page_factory, served_paged_site
):
    page = page_factory()
    page.goto(served_paged_site + "funds/?all=1&sort=published")
    more = page.locator("[data-qq-more] button")
    more.wait_for(state="visible")
    more.click()
    page.locator("tbody tr:visible").nth(1).wait_for()
    more.click()
    page.locator("tbody tr:visible").nth(2).wait_for()
    funds = sorted((v["published"], v["title"]) for k, v in ITEMS.items() if k.startswith("funds/"))
    assert titles(page) == [title for _, title in reversed(funds)]
    assert page.locator("nav.qq-sort a[aria-current]").inner_text() == "按发布日期"


def test_statuses_are_recomputed_in_rows_from_the_index(page_factory, served_paged_site):
    page = page_factory()
    page.clock.set_fixed_time(dt.datetime.fromisoformat("2026-12-03T08:00:00+08:00"))
    page.goto(served_paged_site + "announcements/?all=1")  # the publicity has ended by then
    page.locator("[data-qq-more] button").click()
    page.locator("tbody tr:visible").nth(1).wait_for()
    title = ITEMS["announcements/notice-publicity.md"]["title"]
    row = page.locator("tbody tr", has_text=title)
    assert row.locator(".qq-status").inner_text() == "公示结束"
    page.select_option("select[name=status]", "publicity")
    page.wait_for_function("!document.querySelector('[data-qq-empty]').hidden")
    assert titles(page) == []


@pytest.mark.parametrize("javascript", [True, False])
def test_a_later_page_fits_320px_and_has_no_serious_accessibility_violations(
    page_factory, served_paged_site, javascript
):
    narrow = page_factory(viewport_width=320, javascript=javascript)
    narrow.goto(served_paged_site + "policies/page/2/")
    assert no_horizontal_scroll(narrow)
    if javascript:
        page = page_factory()
        page.goto(served_paged_site + "policies/page/2/")
        assert page.locator("nav.qq-pager").is_visible()  # a later page stays as it is
        violations = axe_check(page)
        assert violations == [], format_violations(violations)


def test_the_care_mode_pager_has_large_targets(page_factory, served_paged_site):
    page = page_factory(javascript=False)
    page.goto(served_paged_site + "policies/page/2/#qq-care")
    box = page.locator("nav.qq-pager a[rel=next]").bounding_box()
    assert box is not None and box["height"] >= 48


def test_a_filter_list_with_javascript_starts_from_its_value(page_factory, served_paged_site):
    page = page_factory()
    page.goto(served_paged_site + "policies/by/level/municipal/")
    assert page.locator("select[name=level]").input_value() == "municipal"
    page.locator("nav.qq-pager, nav.qq-browse").first.wait_for(state="hidden")
    assert titles(page) == [ITEMS["policies/policy-hostile.md"]["title"]]
    page.select_option("select[name=level]", "")  # the whole collection, from the index
    page.locator("[data-qq-more] button").wait_for(state="visible")
    assert "level=" in page.url
    shared = page_factory()
    shared.goto(page.url)  # the cleared filter survives a reload of the filter list
    assert shared.locator("select[name=level]").input_value() == ""
