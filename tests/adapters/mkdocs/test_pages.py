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


def test_fund_list_reads_open_first_with_amount_delivery_and_filters(fixture_site):
    page = fixture_site.page("funds")
    rows = page.cssselect("tbody tr")
    titles = [text(r.cssselect("td a")[0]) for r in rows]
    # Open first, then closed, the withdrawn one last (there is no upcoming fund here).
    order = ["funds/fund-open.md", "funds/fund-closed.md", "funds/fund-withdrawn.md"]
    assert titles == [ITEMS[k]["title"] for k in order]
    headers = [text(th) for th in page.cssselect("thead th")]
    assert headers == ["标题", "状态", "申报截止", "最高金额", "兑现方式", "发布机构", "发布日期"]
    cells = {
        text(r.cssselect("td a")[0]): {td.get("data-label"): text(td) for td in r.cssselect("td")}
        for r in rows
    }
    opened = cells[ITEMS["funds/fund-open.md"]["title"]]
    assert opened["最高金额"] == "200万元" and opened["兑现方式"] == "申报兑现"
    closed = cells[ITEMS["funds/fund-closed.md"]["title"]]
    assert closed["兑现方式"] == "免申即享" and closed["最高金额"] == "—"
    assert page.cssselect("td .qq-automatic")  # 免申即享 stands out
    statuses = {text(r.cssselect("td a")[0]): text(r.cssselect(".qq-status")[0]) for r in rows}
    assert statuses[ITEMS["funds/fund-open.md"]["title"]] == "申报中"
    assert statuses[ITEMS["funds/fund-closed.md"]["title"]] == "已公示结果"
    assert statuses[ITEMS["funds/fund-withdrawn.md"]["title"]] == "已撤回"
    current = {text(r.cssselect("td a")[0]): r.get("data-current") for r in rows}
    assert current[ITEMS["funds/fund-withdrawn.md"]["title"]] == "0"
    fold = page.cssselect("details.qq-filter-fold")[0]
    assert text(fold.cssselect("summary")[0]) == "筛选" and fold.get("open") is None
    form = fold.cssselect("form[data-qq-filters]")[0]
    assert form.get("method") == "get" and form.get("action") == "../funds/"
    names = [s.get("name") for s in form.cssselect("select")]
    assert names == ["dept", "delivery", "year", "industry", "topic", "status"]
    assert form.cssselect("input[name=all]")


def test_fund_list_sort_control_links_a_static_page_in_publishing_order(fixture_site):
    page = fixture_site.page("funds")
    links = page.cssselect("nav.qq-sort a")
    assert [(text(a), a.get("href")) for a in links] == [
        ("按申报状态", "../funds/"),
        ("按发布日期", "../funds/sort/published/"),
    ]
    assert links[0].get("aria-current") == "true" and links[1].get("aria-current") is None
    by_date = fixture_site.page("funds/sort/published")
    titles = [text(r.cssselect("td a")[0]) for r in by_date.cssselect("tbody tr")]
    funds = [v for k, v in ITEMS.items() if k.startswith("funds/")]
    assert titles == [f["title"] for f in sorted(funds, key=lambda f: f["published"], reverse=True)]
    current = by_date.cssselect("nav.qq-sort a[aria-current]")[0]
    assert text(current) == "按发布日期"
    assert by_date.cssselect("nav.qq-breadcrumbs a")[0].get("href") == "../../../"
    # Each row knows its place in both orders, for the script that re-sorts in place.
    ranks = sorted(int(r.get("data-rank-status")) for r in by_date.cssselect("tbody tr"))
    assert ranks == [0, 1, 2]


def test_fund_page_action_block_when_open(fixture_site):
    page = fixture_site.page("funds/fund-open")
    block = page.cssselect("section.qq-fund-actions")[0]
    # Near the top: before the facts and the body.
    article = page.cssselect("article")[0]
    order = [e for e in article.iter() if e is block or e.get("class") == "qq-facts"]
    assert order[0] is block
    words = text(block)
    assert "正在申报" in words and "还剩 35 天" in words and "登录测试市惠企平台申报" in words
    links = {text(a): a.get("href") for a in block.cssselect("a")}
    assert links["去申报"] == "https://hq.example.gov.cn/fund-open"
    assert links["加入日历"] == "../../calendar/fund-open.ics"
    assert links["相关办事指南"] == "../../guides/guide-apply/"
    assert links["申报表"] == "../../attachments/form.pdf"
    assert "下载申报材料" in words and "PDF，2 KB" in words
    for href in ("calendar/fund-open.ics", "attachments/form.pdf", "guides/guide-apply/index.html"):
        assert (fixture_site.site / href).is_file(), href


def test_fund_page_action_block_when_closed_links_the_results(fixture_site):
    page = fixture_site.page("funds/fund-closed")
    block = page.cssselect("section.qq-fund-actions")[0]
    words = text(block)
    assert "申报已截止" in words and "2025年5月31日" in words and "免申即享" in words
    links = {text(a): a.get("href") for a in block.cssselect("a")}
    assert links == {"查看结果公示": "../../announcements/notice-publicity/"}
    withdrawn = text(fixture_site.page("funds/fund-withdrawn").cssselect(".qq-fund-actions")[0])
    assert "已撤回" in withdrawn


def test_policy_list_has_doc_numbers_levels_and_repealed_out_of_current(fixture_site):
    page = fixture_site.page("policies")
    assert "level" in [s.get("name") for s in page.cssselect("form select")]
    # 发文机关 (the issuer), not the publishing department, as gov.cn's 政策文件库 does.
    assert "发文机关" in [text(th) for th in page.cssselect("thead th")]
    issuers = [o.get("value") for o in page.cssselect("select[name=issuer] option")][1:]
    assert issuers == sorted({v["issuer"] for k, v in ITEMS.items() if k.startswith("policies/")})
    current = page.cssselect("tbody tr")[0]
    issuer = ITEMS[f"policies/{current.cssselect('a')[0].get('href').split('/')[-2]}.md"]["issuer"]
    assert current.get("data-issuer") == issuer
    assert text(current.cssselect("td[data-label=发文机关]")[0]) == issuer
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
    downloads = {text(a): a.get("href") for a in page.cssselect(".qq-downloads a")}
    assert downloads == {
        "下载名单（Excel）": "../../data/announcements/notice-publicity.xlsx",
        "下载名单（CSV）": "../../data/announcements/notice-publicity.csv",
    }
    for href in downloads.values():
        assert (fixture_site.site / href.removeprefix("../../")).is_file()
    assert not page.cssselect("[data-qq-recipient-filter]")  # three rows need no filter
    assert facts(page)["公示名单"] == "3 家企业"
    assert not ended.cssselect(".qq-downloads")  # no list, nothing to download


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


def test_the_commit_id_is_in_a_meta_never_in_the_text(sample_site):
    import subprocess

    from lxml import html

    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    for path in ("index.html", "funds/digital-transformation-2026/index.html"):
        page = html.fromstring((sample_site / path).read_bytes())
        assert page.cssselect("meta[name=qinqing-revision]")[0].get("content") == head[:7]
        assert head[:7] not in text(page.cssselect("body")[0]), path
        assert "版本" not in text(page.cssselect("footer")[0])
    page = html.fromstring(
        (sample_site / "policies/qinqing-relations-2017/index.html").read_bytes()
    )
    history = text(page.cssselect(".qq-history")[0])
    assert "Add" not in history and "sample" not in history


def test_the_industry_filter_follows_the_eligibility_rules_too(sample_site):
    from lxml import html

    page = html.fromstring((sample_site / "funds/index.html").read_bytes())
    assert "medical" in [o.get("value") for o in page.cssselect("select[name=industry] option")]
    row = page.cssselect('tbody tr[data-industries~="medical"] a')
    hrefs = {a.get("href") for a in row}
    assert "../funds/tech-renovation-2026-h1/" in hrefs
    assert "../funds/digital-transformation-2026/" in hrefs
