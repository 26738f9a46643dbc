"""A long announcement list in real Chromium: the name / credit-code filter, with and without a script."""

from __future__ import annotations

import pytest

from tests.support.axe import axe_check, format_violations, no_horizontal_scroll

pytestmark = pytest.mark.browser

PAGE = "announcements/tech-renovation-2026-h1-results/"


def rows(page) -> int:
    return page.locator("table.qq-recipients tbody tr:visible").count()


def test_the_name_filter_finds_a_name_or_a_credit_code(page_factory, sample_site_url):
    page = page_factory(viewport_width=360)
    page.goto(sample_site_url + PAGE)
    total = page.locator("table.qq-recipients tbody tr").count()
    assert total > 30 and rows(page) == total
    box = page.locator("[data-qq-recipient-filter]")
    assert box.is_visible()
    first = page.locator("table.qq-recipients tbody tr").first
    name = first.locator("td[data-label=企业名称]").inner_text()
    code = first.locator("td[data-label=统一社会信用代码]").inner_text()
    page.fill("#qq-recipient-q", name)
    assert rows(page) == 1
    assert page.locator("[data-qq-recipient-count]").inner_text() == f"找到 1 家（共 {total} 家）"
    page.fill("#qq-recipient-q", code.lower())
    assert rows(page) == 1
    page.fill("#qq-recipient-q", "不存在的企业")
    assert rows(page) == 0
    page.fill("#qq-recipient-q", "")
    assert rows(page) == total
    assert no_horizontal_scroll(page)
    violations = axe_check(page)
    assert violations == [], format_violations(violations)


def test_without_javascript_the_whole_list_shows_and_no_dead_filter(page_factory, sample_site_url):
    page = page_factory(javascript=False)
    page.goto(sample_site_url + PAGE)
    assert rows(page) == page.locator("table.qq-recipients tbody tr").count() > 30
    assert page.locator("[data-qq-recipient-filter]").is_hidden()
    href = page.locator(".qq-downloads a", has_text="Excel").get_attribute("href")
    assert page.request.get(page.url + href).status == 200
