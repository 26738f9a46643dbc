"""Search in real headless Chromium over the built sample site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.loader import load_content
from generator.search.docnumber import parse_doc_number
from generator.status import STATUSES, WITHDRAWN
from tests.search.runner import (
    TOP,
    load_queries,
    search_by_typing,
    search_via_url,
    wait_for_results,
)
from tests.support.axe import axe_check, format_violations

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
QUERIES = load_queries()
TABLE = yaml.safe_load((Path(__file__).parent / "doc_numbers.yaml").read_text("utf-8"))
STATUS_LABELS = {s.label for group in STATUSES.values() for s in group} | {WITHDRAWN.label}
# Start from different kinds of page: the header box must work everywhere.
START_PAGES = ("", "policies/", "funds/tech-renovation-2026-h1/", "petitions/")


@pytest.fixture(scope="module")
def sample_index():
    return load_content(REPO / "content", dt.date(2026, 11, 26)).index


@pytest.mark.parametrize("case", QUERIES, ids=[q["query"] for q in QUERIES])
def test_query_typed_in_the_header_finds_the_expected_item_in_the_top_three(
    case, shared_page, site_url
):
    start = START_PAGES[QUERIES.index(case) % len(START_PAGES)]
    got = search_by_typing(shared_page, site_url, case["query"], start)
    assert any(key in case["expect"] for key in got[:TOP]), (case["query"], got[:5])


def test_browser_normalizes_doc_numbers_like_the_build(new_page, site_url):
    page = new_page()
    page.goto(site_url + "search/")
    typed = [row["typed"] for row in TABLE]
    parsed = page.evaluate(
        """async (rows) => {
            const m = await import(new URL('assets/qinqing/search.js', document.baseURI + '../').href);
            return rows.map((t) => { const d = m.parseDocNumber(t); return d && [d.issuer, d.year, d.number, m.docKey(d)]; });
        }""",
        typed,
    )
    for row, got in zip(TABLE, parsed, strict=True):
        expected = parse_doc_number(row["typed"])
        if expected is None:
            assert got is None, row
        else:
            assert got == [expected.issuer, expected.year, expected.number, expected.key], row


def test_result_shows_type_status_badge_and_date(shared_page, site_url, sample_index):
    search_via_url(shared_page, site_url, "晋政规[2025]5号")
    policy = sample_index.get("jinjiang-tech-renovation-2025")
    first = shared_page.locator(".qq-result").first
    assert first.locator(".qq-result__type").inner_text() == "政策文件"
    assert first.locator(".qq-badge").inner_text() in STATUS_LABELS
    assert first.locator("time").get_attribute("datetime") == policy.published.isoformat()
    assert first.locator(".qq-result__doc").inner_text() == policy.data.doc_number
    # The exact-match key is indexed text, but it must never be shown.
    assert "wh0" not in shared_page.locator(".qq-results").inner_text()


def test_collection_filter_from_the_form_narrows_results_and_the_address(new_page, site_url):
    page = new_page()
    everything = search_via_url(page, site_url, "专精特新")
    assert {key.split("/")[0] for key in everything} > {"funds"}
    page.select_option("select[name=collection]", "资金项目")
    page.wait_for_function("() => location.search.includes('collection=')")
    funds = wait_for_results(page, "专精特新")
    assert funds and all(key.startswith("funds/") for key in funds)
    assert parse_qs(urlsplit(page.url).query)["collection"] == ["资金项目"]


@pytest.mark.parametrize(
    ("name", "value", "check"),
    [
        ("year", "2017", lambda item: item.published.year == 2017),
        ("department", "晋江市工业和信息化局", lambda item: item.department == "jjgxj"),
        ("status", "现行有效", lambda item: item.collection == "policies"),
    ],
)
def test_filters_in_the_address_apply(new_page, site_url, sample_index, name, value, check):
    got = search_via_url(new_page(), site_url, "企业", **{name: value})
    assert got
    for key in got:
        assert check(sample_index.get(key.split("/")[1])), key


def test_filters_alone_list_items_newest_first(new_page, site_url, sample_index):
    got = search_via_url(new_page(), site_url, "", collection="结果公示")
    items = [sample_index.get(key.split("/")[1]) for key in got]
    assert {i.id for i in items} == {i.id for i in sample_index.collection("announcements")}
    dates = [i.published for i in items]
    assert dates == sorted(dates, reverse=True)


def test_without_javascript_the_page_says_so_and_links_to_the_lists(new_page, site_url):
    page = new_page(javascript=False)
    page.goto(site_url + "search/?q=专精特新")
    notice = page.locator(".qq-search-noscript")
    assert "JavaScript" in notice.inner_text()
    for collection in ("policies", "funds", "guides", "announcements"):
        link = notice.locator(f"a[href$='{collection}/']")
        assert link.count() == 1
        assert page.request.get(
            urlsplit(page.url)._replace(query="").geturl() + link.get_attribute("href")
        ).ok


def test_header_search_box_is_on_every_page_and_targets_the_search_page(new_page, site_url):
    page = new_page(javascript=False)
    for start in (*START_PAGES, "search/", "subscribe/"):
        page.goto(site_url + start)
        form = page.locator("form.qq-header-search")
        assert form.count() == 1, start
        action = page.evaluate("() => document.querySelector('form.qq-header-search').action")
        assert urlsplit(action).path == "/search/", start


def test_when_the_index_cannot_load_the_page_explains(new_page, site_url):
    page = new_page()
    page.route("**/pagefind/**", lambda route: route.abort())
    page.goto(site_url + "search/?q=专精特新")
    page.wait_for_selector(".qq-searchpage--unavailable")
    assert "暂时无法搜索" in page.locator(".qq-search-status").inner_text()


def test_search_page_with_results_has_no_serious_accessibility_problems(new_page, site_url):
    page = new_page()
    search_via_url(page, site_url, "技术改造")
    violations = axe_check(page)
    assert not violations, format_violations(violations)


def test_narrow_screen_keeps_the_header_box_usable(new_page, site_url):
    page = new_page(viewport_width=360)
    got = search_by_typing(page, site_url, "鸿峰鞋业")
    assert got
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
