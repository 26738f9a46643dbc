"""What a reader must see on each page type, read from the built HTML of the fixture set."""

from __future__ import annotations

from decimal import Decimal

from tests.support.content_fixture import HOSTILE_TITLE, ITEMS, RECIPIENTS


def text(node) -> str:
    return " ".join(node.text_content().split())


def facts(page) -> dict[str, str]:
    return {text(row.find("dt")): text(row.find("dd")) for row in page.cssselect(".qq-facts__row")}


def hrefs(page) -> list[str]:
    return [a.get("href") for a in page.cssselect("article a")]


def test_home_shows_open_funds_publicity_newest_cards_and_search(fixture_site):
    home = fixture_site.page("")
    open_section = text(home.cssselect("section[aria-labelledby=qq-open]")[0])
    assert ITEMS["funds/fund-open.md"]["title"] in open_section
    assert "还剩 35 天" in open_section  # 2026-11-26 -> 2026-12-31
    assert ITEMS["funds/fund-closed.md"]["title"] not in open_section
    assert ITEMS["funds/fund-withdrawn.md"]["title"] not in open_section
    publicity = text(home.cssselect("section[aria-labelledby=qq-publicity]")[0])
    assert ITEMS["announcements/notice-publicity.md"]["title"] in publicity
    assert ITEMS["announcements/notice-ended.md"]["title"] not in publicity
    cards = [a.get("href") for a in home.cssselect(".qq-cards a")]
    assert {"policies/", "funds/", "guides/", "announcements/"} <= set(cards)
    search = home.cssselect("form.qq-hero-search")[0]
    assert search.get("method") == "get" and search.cssselect("input[name=q]")
    footer = text(home.cssselect("footer")[0])
    assert "0595-9999999" in footer and "测试市工业和信息化局" in footer


def test_list_has_every_item_newest_first_with_filters(fixture_site):
    page = fixture_site.page("funds")
    rows = page.cssselect("tbody tr")
    titles = [text(r.cssselect("td a")[0]) for r in rows]
    funds = {k: v for k, v in ITEMS.items() if k.startswith("funds/")}
    by_date = sorted(funds.values(), key=lambda f: f["published"], reverse=True)
    assert titles == [f["title"] for f in by_date]
    headers = [text(th) for th in page.cssselect("thead th")]
    assert headers == ["标题", "状态", "申报截止", "发布机构", "发布日期"]
    statuses = {text(r.cssselect("td a")[0]): text(r.cssselect(".qq-status")[0]) for r in rows}
    assert statuses[ITEMS["funds/fund-open.md"]["title"]] == "申报中"
    assert statuses[ITEMS["funds/fund-closed.md"]["title"]] == "已公示结果"
    assert statuses[ITEMS["funds/fund-withdrawn.md"]["title"]] == "已撤回"
    current = {text(r.cssselect("td a")[0]): r.get("data-current") for r in rows}
    assert current[ITEMS["funds/fund-withdrawn.md"]["title"]] == "0"
    form = page.cssselect("form[data-qq-filters]")[0]
    assert form.get("method") == "get"
    names = [s.get("name") for s in form.cssselect("select")]
    assert names == ["dept", "year", "industry", "topic", "status"]
    assert form.cssselect("input[name=all]")


def test_policy_list_has_doc_numbers_levels_and_repealed_out_of_current(fixture_site):
    page = fixture_site.page("policies")
    assert "level" in [s.get("name") for s in page.cssselect("form select")]
    rows = {text(r.cssselect("td a")[0]): r for r in page.cssselect("tbody tr")}
    old = rows[ITEMS["policies/policy-old.md"]["title"]]
    assert old.get("data-current") == "0" and "测政规〔2020〕1号" in text(old)
    assert text(old.cssselect(".qq-status")[0]) == "已废止"


def test_policy_page_facts_interpretation_related_and_history(fixture_site):
    page = fixture_site.page("policies/policy-current")
    f = facts(page)
    assert f["文号"] == "测政规〔2025〕5号"
    assert f["发文机关"] == "测试市人民政府"
    assert f["成文日期"] == "2025年2月20日" and f["施行日期"] == "2025年3月1日"
    assert text(page.cssselect(".qq-item-status .qq-status")[0]) == "现行有效"
    assert page.cssselect("h2#interpretation")
    links = hrefs(page)
    assert "../../funds/fund-open/" in links and "../../funds/fund-closed/" in links
    assert "../../announcements/notice-publicity/" in links  # via the fund it is based on
    assert "../../policies/policy-old/" in links  # the policy it replaced
    assert "../../petitions/?related=policy-current" in links
    attachment = text(page.cssselect(".qq-attachments li")[0])
    assert "政策原文" in attachment and "PDF，12 KB" in attachment
    history = text(page.cssselect(".qq-history")[0])
    assert "2025年6月1日" in history and "更正附件" in history
    assert page.cssselect("link[rel=stylesheet][media=print]")


def test_repealed_and_withdrawn_pages_stay_with_a_banner(fixture_site):
    old = fixture_site.page("policies/policy-old")
    banner = text(old.cssselect(".qq-banner")[0])
    assert "废止" in banner and ITEMS["policies/policy-current.md"]["title"] in banner
    withdrawn = fixture_site.page("funds/fund-withdrawn")
    banner = text(withdrawn.cssselect(".qq-banner")[0])
    assert "撤回" in banner and "政策调整，另行发布" in banner
    assert text(withdrawn.cssselect(".qq-item-status .qq-status")[0]) == "已撤回"


def test_fund_page_dates_for_the_browser_and_both_way_links(fixture_site):
    page = fixture_site.page("funds/fund-open")
    badge = page.cssselect(".qq-item-status .qq-status")[0]
    assert text(badge) == "申报中"
    assert badge.get("data-qq-opens") == "2026-11-01T00:00:00+08:00"
    assert badge.get("data-qq-closes") == "2026-12-31T23:59:59+08:00"
    assert "还剩 35 天" in facts(page)["申报截止"]
    assert "../../guides/guide-apply/" in hrefs(page)
    guide = fixture_site.page("guides/guide-apply")
    assert "../../funds/fund-open/" in hrefs(guide)
    assert facts(guide)["承诺办结时限"] == "10 个工作日"


def test_announcement_page_recipients_total_and_objection_link(fixture_site):
    page = fixture_site.page("announcements/notice-publicity")
    rows = page.cssselect(".qq-recipients tbody tr")
    assert [text(r.cssselect("td")[1]) for r in rows] == [r[0] for r in RECIPIENTS]
    total = sum((r[2] for r in RECIPIENTS), Decimal(0))
    assert text(page.cssselect(".qq-recipients tfoot td")[0]) == f"{total:,.2f}"
    assert "../../petitions/?related=notice-publicity&category=objection" in hrefs(page)
    assert text(page.cssselect(".qq-item-status .qq-status")[0]) == "公示中"
    ended = fixture_site.page("announcements/notice-ended")
    assert not [h for h in hrefs(ended) if "category=objection" in h]


def test_every_field_is_escaped(fixture_site):
    for path in fixture_site.site.rglob("*.html"):
        assert b"<script>alert" not in path.read_bytes(), path
        assert b"<img src=x" not in path.read_bytes(), path
    page = fixture_site.page("policies/policy-hostile")
    assert text(page.cssselect("h1")[0]) == HOSTILE_TITLE
    assert HOSTILE_TITLE in text(page.cssselect("title")[0])
    assert "<img src=x onerror=alert(1)>" in text(page.cssselect("article")[0])
    assert page.cssselect("article code")[0].text == "<code>"
    assert "<丙>" in text(fixture_site.page("announcements/notice-publicity"))


def test_item_pages_have_no_docs_chrome(fixture_site):
    page = fixture_site.page("funds/fund-open")
    assert not page.cssselect(".md-sidebar, .md-source, .md-content__button")
    assert page.get("lang").startswith("zh")
