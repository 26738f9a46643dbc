"""Search in real headless Chromium over the built sample site."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.content.loader import load_content
from generator.content.status import STATUSES, WITHDRAWN
from generator.features.search.docnumber import parse_doc_number
from generator.features.search.markup import search_fields, shown_status
from generator.features.search.names import code_key, name_core, name_key
from tests.features.search.runner import (
    Outcome,
    load_queries,
    search_by_typing,
    search_via_url,
    wait_for_results,
)
from tests.support.axe import axe_check, format_violations

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[3]
QUERIES = load_queries()
TABLE = yaml.safe_load((Path(__file__).parent / "doc_numbers.yaml").read_text("utf-8"))
NAMES = yaml.safe_load((Path(__file__).parent / "names.yaml").read_text("utf-8"))
SAMPLE_DAY = dt.date(2026, 11, 26)
# In page.evaluate: the search page's script as a module.
MODULE = "import(new URL('assets/qinqing/search.js', document.baseURI + '../').href)"
STATUS_LABELS = {s.label for group in STATUSES.values() for s in group} | {WITHDRAWN.label}
# Start from different kinds of page: the header box must work everywhere.
START_PAGES = ("", "policies/", "funds/tech-renovation-2026-h1/", "petitions/")


@pytest.fixture(scope="module")
def sample_index():
    return load_content(REPO / "content", SAMPLE_DAY).index


@pytest.mark.parametrize("case", QUERIES, ids=[q["query"] for q in QUERIES])
def test_query_typed_in_the_header_finds_the_expected_item_in_the_top_three(
    case, shared_page, site_url
):
    start = START_PAGES[QUERIES.index(case) % len(START_PAGES)]
    outcome = Outcome.of(case, search_by_typing(shared_page, site_url, case["query"], start))
    assert outcome.hit, (case["query"], outcome.got[:5], outcome.missing)


def test_browser_normalizes_doc_numbers_like_the_build(new_page, site_url):
    page = new_page()
    page.goto(site_url + "search/")
    typed = [row["typed"] for row in TABLE]
    parsed = page.evaluate(
        f"""async (rows) => {{
            const m = await {MODULE};
            return rows.map((t) => {{ const d = m.parseDocNumber(t); return d && [d.issuer, d.year, d.number, m.docKey(d)]; }});
        }}""",
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
        (
            "department",
            "中共中央 国务院",
            lambda item: item.id == "cpc-state-council-entrepreneurs-2017",
        ),
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


def test_consultations_are_found_by_their_collection_and_words(new_page, site_url, sample_index):
    got = search_via_url(new_page(), site_url, "", collection="意见征集")
    expected = {i.id for i in sample_index.collection("consultations")}
    assert expected and {key.split("/")[1] for key in got} == expected
    found = search_via_url(new_page(), site_url, "数字化转型若干措施", collection="意见征集")
    assert [key.split("/")[1] for key in found][0] == "digital-transformation-measures-2027-draft"


def test_without_javascript_the_page_says_so_and_links_to_the_lists(new_page, site_url):
    page = new_page(javascript=False)
    page.goto(site_url + "search/?q=专精特新")
    notice = page.locator(".qq-search-noscript")
    assert "JavaScript" in notice.inner_text()
    for collection in ("policies", "funds", "guides", "announcements", "consultations"):
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


def test_browser_reduces_names_and_codes_like_the_build(new_page, site_url, sample_index):
    page = new_page()
    page.goto(site_url + "search/")
    recipients = [r for item in sample_index.collection("announcements") for r in item.recipients]
    names = [row["typed"] for row in NAMES] + [r.name for r in recipients]
    codes = [r.credit_code for r in recipients] + [r.credit_code.lower() for r in recipients]
    got = page.evaluate(
        f"""async ([names, codes]) => {{
            const m = await {MODULE};
            const affixes = JSON.parse(document.querySelector('[data-qq-search]').dataset.affixes);
            return [names.map((n) => [m.nameCore(n, affixes), m.nameKey(n, affixes)]),
                    codes.map((c) => m.codeKey(c))];
        }}""",
        [names, codes],
    )
    assert got[0] == [[name_core(n), name_key(n)] for n in names]
    assert got[1] == [code_key(c) for c in codes]


@pytest.mark.parametrize("shift", [-400, 0, 6, 40, 400])
def test_browser_status_at_a_time_is_the_status_the_build_gives_that_day(
    new_page, site_url, sample_index, shift
):
    day = SAMPLE_DAY + dt.timedelta(days=shift)
    items = [i for i in sample_index.items.values() if shown_status(sample_index, i, SAMPLE_DAY)]
    metas = [search_fields(sample_index, i, SAMPLE_DAY)["meta"] for i in items]
    page = new_page()
    page.goto(site_url + "search/")
    got = page.evaluate(
        f"""async ([metas, now]) => {{
            const m = await {MODULE};
            const statuses = JSON.parse(document.querySelector('[data-qq-search]').dataset.statuses);
            return metas.map((meta) => m.statusNow(meta, Date.parse(now), statuses)[0]);
        }}""",
        [metas, f"{day.isoformat()}T12:00:00+08:00"],
    )
    expected = [shown_status(sample_index, i, day).label for i in items]
    # Whether a fund's results are published is known only on the build day (as on item
    # pages): where that differs on `day`, the browser keeps the build's status.
    later_results = {
        n
        for n, i in enumerate(items)
        if i.collection == "funds"
        and sample_index.has_results(i.id, day) != sample_index.has_results(i.id, SAMPLE_DAY)
    }
    assert [g for n, g in enumerate(got) if n not in later_results] == [
        e for n, e in enumerate(expected) if n not in later_results
    ]


LATER = "2026-12-05T10:00:00+08:00"  # after the 新升规 publicity (to 2026-12-01) has ended
ON_THE_BUILD_DAY = f"{SAMPLE_DAY.isoformat()}T10:00:00+08:00"  # the publicity is running


def test_result_badge_follows_the_browser_clock(new_page, site_url, sample_index):
    notice = sample_index.get("new-above-scale-award-2026-publicity")
    assert shown_status(sample_index, notice, SAMPLE_DAY).label == "公示中"
    page = new_page()
    page.clock.set_fixed_time(LATER)
    search_via_url(page, site_url, notice.title)
    result = page.locator(".qq-result", has=page.locator(f"a[href$='{notice.id}/']"))
    assert result.locator(".qq-badge").inner_text() == "公示结束"


def test_status_filter_uses_the_status_on_the_browser_clock(new_page, site_url):
    notice = "announcements/new-above-scale-award-2026-publicity"
    page = new_page()
    page.clock.set_fixed_time(ON_THE_BUILD_DAY)  # not the machine's clock, which moves on
    assert notice in search_via_url(page, site_url, "", status="公示中")
    page = new_page()
    page.clock.set_fixed_time(LATER)
    assert notice not in search_via_url(page, site_url, "", status="公示中")
    assert notice in search_via_url(page, site_url, "", status="公示结束")
    assert notice in search_via_url(page, site_url, "奖励", status="公示结束")
    # The 状态 counts move the item too (once the filter is in use).
    page.wait_for_function(
        """() => document.querySelector("select[name=status] option[value='公示中']")
                 .textContent === '公示中（0）'"""
    )


def test_key_matches_show_the_summary_or_the_table_row_never_the_keys(
    shared_page, site_url, sample_index
):
    search_via_url(shared_page, site_url, "晋政规〔2025〕5号")
    policy = sample_index.get("jinjiang-tech-renovation-2025")
    excerpt = shared_page.locator(".qq-result__excerpt").first.inner_text()
    assert excerpt == policy.data.summary
    search_via_url(shared_page, site_url, "鸿峰鞋业")
    summaries = {i.data.summary for i in sample_index.collection("announcements")}
    for excerpt in shared_page.locator(".qq-result__excerpt").all_inner_texts()[:2]:
        assert excerpt in summaries
    # A credit code matches the recipients table itself: its row is the excerpt.
    search_via_url(shared_page, site_url, "91350582FE1KM2U9A0")
    excerpt = shared_page.locator(".qq-result__excerpt").first.inner_text()
    assert "91350582FE1KM2U9A0" in excerpt.upper()
    assert "鸿峰鞋业" in excerpt
    assert "91350582FE1KM2U9A0" in shared_page.locator(".qq-result__match").first.inner_text()
    assert "qy" not in shared_page.locator(".qq-results").inner_text()


def test_filter_counts_appear_once_the_filters_are_used(new_page, site_url, sample_index):
    page = new_page()
    search_via_url(page, site_url, "专精特新")
    option = page.locator("select[name=collection] option[value='结果公示']")
    assert option.inner_text() == "结果公示"  # no filter files fetched for a plain query
    page.focus("select[name=collection]")
    n = len(sample_index.collection("announcements"))
    page.wait_for_function(
        """(text) => document.querySelector("select[name=collection] option[value='结果公示']")
                     .textContent === text""",
        arg=f"结果公示（{n}）",
    )


@pytest.mark.parametrize("query", ["泉政规", "晋江市人民政府", "索引号", "源和", "发布日期"])
def test_excerpts_come_from_the_body_never_the_hidden_forms_or_the_facts(
    query, shared_page, site_url, sample_index
):
    from generator.features.search.markup import search_terms

    got = search_via_url(shared_page, site_url, query)
    assert got
    excerpts = shared_page.locator(".qq-result__excerpt").all_inner_texts()
    for key, excerpt in zip(got, excerpts, strict=True):
        item = sample_index.get(key.split("/")[1])
        forms = search_terms(item)[:-1]  # the doc number forms (the last is the plain title)
        doc_number = getattr(item.data, "doc_number", None)
        for form in forms:
            if form != doc_number:
                assert form not in excerpt, (key, form, excerpt)
        for label in ("发布机构", "发布日期", "索引号", "规范性文件登记号", "政策依据"):
            assert label not in excerpt, (key, label, excerpt)
        assert not re.search(r"\bwh[0-9a-f]{5,}|\bqy[0-9a-f]{10}", excerpt), excerpt
