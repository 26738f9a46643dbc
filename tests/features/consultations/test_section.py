"""A consultation's page in each status, its list, the home page and the policy it became,
from real builds of the sample content (`qinqing build`, MkDocs + Material)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from lxml import html

from generator.content.loader import load_content
from generator.features.consultations.section import consultation_section
from tests.support.builds import qinqing_build

OPEN = "consultations/digital-transformation-measures-2027-draft"
UPCOMING = "consultations/specialized-smes-cultivation-2027-draft"
ANSWERED = "consultations/green-manufacturing-awards-2026-draft"
POLICY = "policies/jinjiang-green-manufacturing-2027"
REPO = Path(__file__).resolve().parents[3]


def page(site: Path, path: str) -> html.HtmlElement:
    return html.fromstring((site / path / "index.html").read_bytes())


def text_of(tree: html.HtmlElement, selector: str) -> str:
    return " ".join(" ".join(e.text_content().split()) for e in tree.cssselect(selector))


def badge(tree: html.HtmlElement) -> str:
    return text_of(tree, ".qq-item-status .qq-status")


@pytest.fixture(scope="module")
def after_close(tmp_path_factory) -> Path:
    """The sample built for 2026-12-21: the open consultation has just closed."""
    site = tmp_path_factory.mktemp("consultations-closed") / "site"
    qinqing_build(site, "2026-12-21")
    return site


def test_an_open_consultation_takes_comments(sample_site):
    tree = page(sample_site, OPEN)
    assert badge(tree) == "征求意见中"
    facts = text_of(tree, ".qq-facts")
    assert "2026年11月20日 至 2026年12月20日" in facts and "还剩 24 天" in facts
    [form] = tree.cssselect("form.qq-comment-form")
    assert form.get("method") == "post"
    assert (
        form.get("action")
        == "/api/consultations/digital-transformation-measures-2027-draft/comments"
    )
    names = {e.get("name") for e in form.cssselect("input, textarea")}
    assert names == {"clause", "content", "enterprise", "contact", "consent", "website"}
    assert text_of(tree, "#explanation") == "起草说明"
    ways = text_of(tree, ".qq-consultation li")
    assert "xxk@jjgxj.example.gov.cn" in ways and "企业座谈会" in ways
    [count] = tree.cssselect("[data-qq-comment-count]")
    assert count.get("hidden") is not None  # shown by the script once the handler answers
    assert count.get("data-count-url").endswith("/comments/count")
    assert not tree.cssselect(".qq-feedback")


def test_an_upcoming_consultation_says_when_it_opens_and_has_no_form(sample_site):
    tree = page(sample_site, UPCOMING)
    assert badge(tree) == "即将开始"
    assert "届时可在本页在线提交意见" in text_of(tree, ".qq-consultation")
    assert not tree.cssselect("form.qq-comment-form")
    assert "zxk@jjgxj.example.gov.cn" in text_of(tree, ".qq-consultation li")


def test_an_answered_consultation_shows_its_feedback_and_its_policy(sample_site):
    tree = page(sample_site, ANSWERED)
    assert badge(tree) == "已反馈"
    assert not tree.cssselect("form.qq-comment-form")
    counts = [
        (d.findtext("dt"), d.findtext("dd")) for d in tree.cssselect(".qq-feedback__counts div")
    ]
    assert counts == [
        ("收到意见", "23 条"),
        ("采纳", "9 条"),
        ("部分采纳", "5 条"),
        ("未采纳", "6 条"),
    ]
    assert "由草案的 8% 调整为 10%" in text_of(tree, ".qq-feedback")
    [draft] = [a for a in tree.cssselect(".qq-facts a") if "征求意见稿" in a.text_content()]
    target = (sample_site / ANSWERED / draft.get("href")).resolve()
    assert target.is_file() and target.read_bytes().startswith(b"%PDF")
    policy = [
        a.get("href") for a in tree.cssselect(".qq-facts a") if "绿色制造" in a.text_content()
    ]
    assert policy == ["../../policies/jinjiang-green-manufacturing-2027/"]


def test_the_policy_links_back_to_its_consultation(sample_site):
    tree = page(sample_site, POLICY)
    section = text_of(tree, ".qq-consulted")
    assert section.startswith("本文件征求意见情况")
    assert "收到意见 23 条，采纳 9 条、部分采纳 5 条、未采纳 6 条" in section
    links = [a.get("href") for a in tree.cssselect(".qq-consulted a")]
    assert links == ["../../consultations/green-manufacturing-awards-2026-draft/"]
    related = text_of(tree, ".qq-related-block")
    assert "本文件征求意见情况" in related


def test_a_closed_consultation_without_feedback_says_so(after_close):
    tree = page(after_close, OPEN)
    assert badge(tree) == "已截止"
    assert "本次征求意见已于2026年12月20日截止" in text_of(tree, ".qq-consultation")
    assert not tree.cssselect("form.qq-comment-form")
    assert not tree.cssselect("[data-qq-comment-count]")
    assert "还剩" not in text_of(tree, ".qq-facts")


def test_the_list_shows_each_status_and_filters_by_it(sample_site):
    tree = page(sample_site, "consultations")
    statuses = {
        row.cssselect("a")[0].get("href").split("/")[-2]: row.get("data-status")
        for row in tree.cssselect("tbody tr")
    }
    assert statuses == {
        "digital-transformation-measures-2027-draft": "open",
        "specialized-smes-cultivation-2027-draft": "upcoming",
        "green-manufacturing-awards-2026-draft": "answered",
    }
    options = [o.text_content() for o in tree.cssselect("select[name=status] option")]
    assert {"即将开始", "征求意见中", "已截止", "已反馈"} <= set(options)
    assert "还剩 24 天" in text_of(tree, "tbody")


def test_the_home_page_lists_open_consultations_beside_open_funds(sample_site):
    tree = page(sample_site, "")
    [section] = [s for s in tree.cssselect(".qq-section") if "正在征求意见" in s.text_content()]
    titles = [a.text_content() for a in section.cssselect(".qq-feature-list__title")]
    assert titles == [
        "关于《晋江市支持工业企业数字化转型若干措施（征求意见稿）》公开征求意见的公告"
    ]
    headings = [h.text_content() for h in tree.cssselect(".qq-section h2")]
    assert headings.index("正在征求意见") == headings.index("正在申报的资金项目") + 1


def test_a_withdrawn_consultation_takes_no_comments(tmp_path):
    """Withdrawn during its window: the section says so and offers no form or count."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    draft = content / f"{OPEN}.md"
    head, sep, rest = draft.read_text(encoding="utf-8").partition("\n---\n")
    withdrawn = "withdrawn:\n  date: 2026-11-24\n  reason: 另行起草\n"
    draft.write_text(f"{head}\n{withdrawn}{sep.lstrip()}{rest}", encoding="utf-8")
    index = load_content(content).index
    assert index is not None
    item = index.get(OPEN.split("/")[1])
    section = html.fromstring(consultation_section(index, item, dt.date(2026, 11, 26)))
    assert "本征求意见已撤回，不再接收意见。" in section.text_content()
    assert not section.cssselect("form, [data-qq-comment-count]")
    assert "xxk@jjgxj.example.gov.cn" in section.text_content()  # other ways stay listed
