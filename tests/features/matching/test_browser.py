"""The 政策匹配 page in Chromium: fill the form, read the verdicts, check privacy and layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.features.matching.evaluate import VERDICT_LABELS
from tests.features.matching.content import TODAY
from tests.features.matching.shell import write_match_site
from tests.support.axe import AXE_SCRIPT, axe_check, format_violations, no_horizontal_scroll
from tests.support.env import missing_resource

pytestmark = pytest.mark.browser

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12, 0), SHANGHAI)


@pytest.fixture
def site_url(index, tmp_path: Path, serve_dir) -> str:
    return serve_dir(write_match_site(index, TODAY, tmp_path / "site"))


def open_match(page_factory, base_url: str, now: dt.datetime, **options):
    page = page_factory(**options)
    page.clock.set_fixed_time(now)
    page.goto(base_url + "match/")
    return page


def fill_full_profile(page) -> None:
    page.get_by_label("注册地").select_option("晋江市")
    page.get_by_label("所属行业").select_option(label="制鞋")
    page.get_by_label("企业规模").select_option(label="中型")
    page.get_by_label("成立年限").fill("6")
    page.get_by_label("年营业收入（万元）").fill("5000")
    page.get_by_label("从业人数").fill("300")
    page.get_by_label("研发投入占营收比例（%）").fill("3.2")
    page.get_by_label("专精特新").check()


def results(page) -> list[dict]:
    page.locator("#qq-match-results").wait_for()
    return page.eval_on_selector_all(
        "#qq-match-results li.qq-match__fund",
        """items => items.map(li => ({
            id: li.dataset.fund,
            verdict: li.dataset.verdict,
            status: li.querySelector('.qq-match__status').textContent,
            reasons: [...li.querySelectorAll('.qq-match__reasons li')].map(r => r.textContent),
            passed: [...li.querySelectorAll('.qq-match__passed li')].map(r => r.textContent),
            actions: [...li.querySelectorAll('.qq-match__actions a')].map(
                a => [a.textContent, a.getAttribute('href')]),
            folded: li.closest('details') !== null,
            href: li.querySelector('a').getAttribute('href'),
        }))""",
    )


def submit(page) -> list[dict]:
    page.get_by_role("button", name="查看匹配结果").click()
    return results(page)


def test_a_full_profile_gets_each_verdict_with_reasons_open_funds_first(page_factory, site_url):
    page = open_match(page_factory, site_url, noon(TODAY))
    fill_full_profile(page)
    rows = submit(page)
    assert [(r["id"], r["verdict"]) for r in rows] == [
        ("tech-upgrade-2025", "eligible"),
        ("specialized-2025", "unknown"),
        ("high-tech-2025", "ineligible"),
    ]
    assert rows[0]["status"] == "申报中（还剩 20 天截止）"
    assert rows[1]["status"] == "即将开始（21 天后开始申报，还剩 51 天截止）"
    assert rows[2]["status"] == "已截止"
    assert rows[0]["reasons"] == []
    assert rows[1]["reasons"] == ["此条件需人工核对：认定文件在有效期内"]
    assert rows[2]["reasons"] == ["不符合：持有高新技术企业或科技型中小企业资质"]
    assert rows[0]["href"] == "../funds/tech-upgrade-2025/"
    # Focus moves to the results so a screen reader announces them.
    assert page.evaluate("document.activeElement.id") == "qq-match-results-title"
    # What already fits is shown as well as what does not.
    assert "符合：注册地在晋江市" in rows[0]["passed"] and len(rows[0]["passed"]) == 8
    assert rows[1]["passed"] == ["符合：已认定为专精特新企业"] and rows[2]["passed"] == []
    # Open and upcoming funds carry the action block's links; the closed one is folded away.
    assert ["去申报", "https://hq.example.gov.cn/tech-upgrade-2025"] in rows[0]["actions"]
    assert [r["folded"] for r in rows] == [False, False, True]
    assert rows[2]["actions"] == []
    closed = page.locator("#qq-match-closed")
    assert closed.locator("summary").inner_text() == "已截止的资金项目（1 个）"
    assert not closed.evaluate("d => d.open")
    assert page.locator("[data-fund=high-tech-2025] h3").is_hidden()
    closed.locator("summary").click()
    assert page.locator("[data-fund=high-tech-2025] h3").is_visible()
    summary = page.locator("#qq-match-summary").text_content()
    assert f"{VERDICT_LABELS['eligible']} 1 个" in summary


def test_an_empty_form_leaves_every_ruled_condition_unknown(page_factory, site_url):
    page = open_match(page_factory, site_url, noon(TODAY))
    rows = submit(page)
    assert {r["verdict"] for r in rows} == {"unknown"}
    assert "未填写“注册地”，无法判断：注册地在晋江市" in rows[0]["reasons"]


def test_days_left_follow_the_readers_clock_not_the_build_day(page_factory, site_url):
    # Built on TODAY; read on 30 July: the June fund has closed, the July one closes tomorrow.
    page = open_match(page_factory, site_url, noon(dt.date(2025, 7, 30)))
    rows = submit(page)
    assert [r["id"] for r in rows] == ["specialized-2025", "tech-upgrade-2025", "high-tech-2025"]
    assert rows[0]["status"] == "申报中（还剩 1 天截止）"
    assert rows[1]["status"] == "已截止"
    # At 17:01 on the closing day the window (closes 17:00) is over.
    late = open_match(page_factory, site_url, dt.datetime(2025, 7, 31, 17, 1, tzinfo=SHANGHAI))
    assert submit(late)[0]["status"] == "已截止"


def test_none_of_the_qualifications_makes_qualification_rules_decidable(page_factory, site_url):
    page = open_match(page_factory, site_url, noon(TODAY))
    page.get_by_label("以上资质都没有").check()
    rows = {r["id"]: r for r in submit(page)}
    assert rows["high-tech-2025"]["verdict"] == "ineligible"
    assert rows["specialized-2025"]["verdict"] == "ineligible"
    # Ticking a qualification unticks "none" again.
    page.get_by_label("专精特新").check()
    assert not page.get_by_label("以上资质都没有").is_checked()


def test_profile_is_remembered_only_when_asked_and_forgotten_when_unticked(page_factory, site_url):
    page = open_match(page_factory, site_url, noon(TODAY))
    fill_full_profile(page)
    submit(page)
    assert page.evaluate("localStorage.length") == 0
    page.get_by_label("在本浏览器中记住我填写的信息").check()
    submit(page)
    assert page.evaluate("localStorage.length") == 1
    page.reload()
    assert page.get_by_label("从业人数").input_value() == "300"
    assert page.get_by_label("专精特新").is_checked()
    assert page.get_by_label("在本浏览器中记住我填写的信息").is_checked()
    page.get_by_label("在本浏览器中记住我填写的信息").uncheck()
    assert page.evaluate("localStorage.length") == 0
    page.reload()
    assert page.get_by_label("从业人数").input_value() == ""


def test_nothing_is_sent_anywhere(page_factory, site_url):
    page = page_factory()
    requests: list[tuple[str, str]] = []
    page.on("request", lambda r: requests.append((r.method, r.url.removeprefix(site_url))))
    page.clock.set_fixed_time(noon(TODAY))
    page.goto(site_url + "match/")
    fill_full_profile(page)
    submit(page)
    assert sorted(requests) == sorted(
        [
            ("GET", "match/"),
            ("GET", "assets/qinqing/match.css"),
            ("GET", "assets/qinqing/match.js"),
            ("GET", "data/fund-rules.json"),
        ]
    )


def test_without_javascript_the_page_explains_and_links_to_the_funds(page_factory, site_url):
    page = page_factory(javascript=False)
    page.goto(site_url + "match/")
    assert not page.locator("#qq-match-form").is_visible()
    # Playwright's text locators skip <noscript>, so find the notice by its class.
    notice = page.locator(".qq-match__noscript")
    assert notice.is_visible()
    assert "政策匹配需要在浏览器中启用 JavaScript" in notice.inner_text()
    notice.locator("a").click()
    assert page.url == site_url + "funds/"


def test_form_and_results_are_accessible_and_fit_320_px(page_factory, site_url):
    if not AXE_SCRIPT.exists():
        missing_resource("axe-core is not installed (npm ci)")
    page = open_match(page_factory, site_url, noon(TODAY), viewport_width=320)
    fill_full_profile(page)
    submit(page)
    assert no_horizontal_scroll(page)
    violations = axe_check(page)
    assert not violations, format_violations(violations)
