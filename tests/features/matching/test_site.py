"""The 政策匹配 page of the built sample site: the browser agrees with `qinqing match`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.content.loader import load_content
from generator.features.matching.evaluate import match_funds
from generator.features.matching.profile import Profile
from tests.support.env import missing_resource

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "content"
TODAY = dt.date(2026, 11, 25)
NOON = dt.datetime(2026, 11, 25, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))

PROFILE = Profile(
    registered_in="晋江市",
    industry="textile",
    size="large",
    annual_revenue=50_000_000,
    employees=800,
    rd_ratio=3.5,
    qualifications=["规上工业企业"],
    years_established=6,
)


def fill(page) -> None:
    page.get_by_label("注册地").select_option(PROFILE.registered_in)
    page.get_by_label("所属行业").select_option(PROFILE.industry)
    page.get_by_label("企业规模").select_option(PROFILE.size)
    page.get_by_label("成立年限").fill(str(PROFILE.years_established))
    page.get_by_label("年营业收入（万元）").fill(str(PROFILE.annual_revenue // 10_000))
    page.get_by_label("从业人数").fill(str(PROFILE.employees))
    page.get_by_label("研发投入占营收比例（%）").fill(str(PROFILE.rd_ratio))
    for name in PROFILE.qualifications:
        page.get_by_label(name, exact=True).check()


def test_built_page_gives_the_verdicts_the_python_evaluator_gives(sample_site_url, page_factory):
    index = load_content(SAMPLE, TODAY).index
    expected = match_funds(index, PROFILE, TODAY)
    page = page_factory()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.clock.set_fixed_time(NOON)
    page.goto(sample_site_url + "match/")
    fill(page)
    page.get_by_role("button", name="查看匹配结果").click()
    page.locator("#qq-match-list > li").first.wait_for()
    rows = page.eval_on_selector_all(
        "#qq-match-results li.qq-match__fund",
        """items => items.map(li => [li.dataset.fund, li.dataset.verdict,
            [...li.querySelectorAll('.qq-match__reasons li')].map(r => r.textContent)])""",
    )
    assert rows == [[m.item.id, m.verdict.verdict, list(m.verdict.reasons)] for m in expected]
    # The sample gives more than one kind of answer, so the comparison means something.
    assert len({verdict for _, verdict, _ in rows}) >= 2
    assert errors == []
    # Each fund links to its page on the built site.
    page.locator("#qq-match-list a").first.click()
    assert page.url == sample_site_url + expected[0].item.collection + f"/{expected[0].item.id}/"


def own_violations(page, violations: list[dict]) -> list[dict]:
    """Violations on this page's own part (the theme's header and footer are tested elsewhere)."""
    inside = "t => { const e = document.querySelector(t); return !!(e && e.closest('.qq-match')); }"
    return [v for v in violations if any(page.evaluate(inside, t) for t in v["targets"])]


def test_built_page_is_accessible_and_fits_320_px(sample_site_url, page_factory):
    from tests.support.axe import AXE_SCRIPT, axe_check, format_violations, no_horizontal_scroll

    if not AXE_SCRIPT.exists():
        missing_resource("axe-core is not installed (npm ci)")
    page = page_factory(viewport_width=320)
    page.clock.set_fixed_time(NOON)
    page.goto(sample_site_url + "match/")
    fill(page)
    page.get_by_role("button", name="查看匹配结果").click()
    page.locator("#qq-match-list > li").first.wait_for()
    assert no_horizontal_scroll(page)
    violations = own_violations(page, axe_check(page))
    assert not violations, format_violations(violations)


def test_built_page_without_javascript_explains_and_fits_320_px(sample_site_url, page_factory):
    from tests.support.axe import no_horizontal_scroll

    # axe-core needs timers, which do not run with scripts disabled: layout and content only.
    page = page_factory(viewport_width=320, javascript=False)
    page.goto(sample_site_url + "match/")
    assert not page.locator("#qq-match-form").is_visible()
    assert page.locator(".qq-match__noscript").is_visible()
    assert no_horizontal_scroll(page)


def test_open_funds_offer_the_action_links_and_they_resolve(sample_site_url, page_factory):
    page = page_factory()
    page.clock.set_fixed_time(NOON)
    page.goto(sample_site_url + "match/")
    fill(page)
    page.get_by_role("button", name="查看匹配结果").click()
    page.locator("#qq-match-list > li").first.wait_for()
    live = page.locator("#qq-match-list > li")
    assert live.count() >= 2
    hrefs = page.eval_on_selector_all(
        "#qq-match-list .qq-match__actions a", "links => links.map(a => [a.textContent, a.href])"
    )
    labels = {label for label, _ in hrefs}
    assert {"去申报", "加入日历", "相关办事指南"} <= labels
    for label, href in hrefs:
        if href.startswith(sample_site_url):
            assert page.request.get(href).status == 200, (label, href)
        else:
            assert href.startswith("https://"), (label, href)
    # Closed funds are folded away, under one summary.
    assert page.locator("#qq-match-closed").is_visible()
    assert page.locator("#qq-match-closed-list > li").first.is_hidden()
