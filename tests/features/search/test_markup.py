"""The search markup item pages carry: metadata, filters, sort and the hidden indexed text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from lxml import html

from generator.content.loader import load_content
from generator.features.search.docnumber import parse_doc_number
from generator.features.search.markup import first_sentence, search_block
from generator.features.search.names import name_key

REPO = Path(__file__).resolve().parents[3]
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def index():
    result = load_content(REPO / "content", TODAY)
    assert result.index is not None, result.problems
    return result.index


def parse(fragment: str) -> html.HtmlElement:
    return html.fragment_fromstring(fragment)


def inline_values(block: html.HtmlElement, kind: str) -> dict[str, str]:
    found = {}
    for element in block.xpath(f".//*[@data-pagefind-{kind}]"):
        key, _, value = element.get(f"data-pagefind-{kind}").partition(":")
        assert element.text_content() == "", "inline values must add no indexed words"
        found[key] = value
    return found


def test_policy_block_has_filters_meta_and_sort(index):
    policy = index.get("jinjiang-tech-renovation-2025")
    block = parse(search_block(index, policy, TODAY))
    assert block.get("hidden") is not None
    filters = inline_values(block, "filter")
    assert filters["collection"] == "政策文件"
    assert filters["year"] == str(policy.published.year)
    assert filters["department"] == policy.data.issuer  # 发文机关, not the publisher
    assert filters["status"] == index.status(policy, TODAY).label
    meta = inline_values(block, "meta")
    assert meta["doc_number"] == policy.data.doc_number
    assert meta["date"] == policy.published.isoformat()
    assert meta["title"] == policy.title
    assert inline_values(block, "sort") == {"date": policy.published.isoformat()}


def test_the_issuer_not_the_republishing_department_is_shown_and_filtered(index):
    policy = index.get("cpc-state-council-entrepreneurs-2017")
    block = parse(search_block(index, policy, TODAY))
    assert inline_values(block, "filter")["department"] == "中共中央 国务院"
    assert inline_values(block, "meta")["department"] == "中共中央 国务院"
    fund = index.get("digital-transformation-2026")  # no issuer: its department
    block = parse(search_block(index, fund, TODAY))
    assert inline_values(block, "filter")["department"] == index.site.departments["jjgxj"].name


def test_policy_block_indexes_doc_number_forms_and_the_plain_title(index):
    policy = index.get("qinqing-relations-2017")
    text = parse(search_block(index, policy, TODAY)).text_content()
    parsed = parse_doc_number(policy.data.doc_number)
    assert parsed.key in text
    assert f"{parsed.issuer}{parsed.year} {parsed.number}" in text
    assert "构建亲清新型政商关系" in text


def test_guide_has_no_status_filter_and_announcement_has_one(index):
    guide = parse(search_block(index, index.collection("guides")[0], TODAY))
    assert "status" not in inline_values(guide, "filter")
    notice = parse(search_block(index, index.collection("announcements")[0], TODAY))
    assert inline_values(notice, "filter")["collection"] == "结果公示"
    assert "status" in inline_values(notice, "filter")


def test_values_with_quotes_and_markup_are_escaped(index):
    # A title is editor text: it must never break out of the attribute it sits in.
    original = index.get("qinqing-relations-2017")
    title = '关于"亲"<清>&若干意见, 第二条:说明'
    item = dataclasses.replace(original, data=original.data.model_copy(update={"title": title}))
    block = parse(search_block(index, item, TODAY))
    assert inline_values(block, "meta")["title"] == title
    assert len(block.xpath(".//*[@data-pagefind-meta]")) == len(inline_values(block, "meta"))


@pytest.mark.parametrize(
    "notice_id", ["tech-renovation-2026-h1-results", "digital-transformation-2025-results"]
)
def test_announcement_indexes_a_name_key_per_recipient(index, notice_id):
    # One announcement lists recipients in a CSV attachment, the other in YAML.
    notice = index.get(notice_id)
    words = set(" ".join(parse(search_block(index, notice, TODAY)).itertext()).split())
    assert notice.recipients
    for recipient in notice.recipients:
        assert name_key(recipient.name) in words, recipient.name


def test_policy_has_no_recipient_keys(index):
    text = parse(search_block(index, index.get("qinqing-relations-2017"), TODAY)).text_content()
    assert " qy" not in text


def test_meta_carries_the_summary_and_the_instants_item_pages_give_site_js(index):
    notice = index.get("new-above-scale-award-2026-publicity")
    meta = inline_values(parse(search_block(index, notice, TODAY)), "meta")
    assert meta["summary"] == notice.data.summary
    assert meta["kind"] == "announcements"
    assert meta["opens"] == f"{notice.data.publicity.start.isoformat()}T00:00:00+08:00"
    assert meta["closes"] == f"{notice.data.publicity.end.isoformat()}T23:59:59+08:00"


def test_changes_filter_is_the_first_day_the_status_may_differ(index):
    notice = index.get("new-above-scale-award-2026-publicity")
    block = parse(search_block(index, notice, TODAY))
    day_after = notice.data.publicity.end + dt.timedelta(days=1)
    assert inline_values(block, "filter")["changes"] == day_after.isoformat()
    assert index.status(notice, day_after) != index.status(notice, day_after - dt.timedelta(1))
    # A withdrawn item's status no longer follows the clock.
    withdrawn = next(i for i in index.items.values() if i.withdrawn)
    filters = inline_values(parse(search_block(index, withdrawn, TODAY)), "filter")
    assert "changes" not in filters
    assert inline_values(parse(search_block(index, withdrawn, TODAY)), "meta")["fixed"]


def test_without_a_summary_the_first_body_sentence_is_used(index):
    original = index.get("qinqing-relations-2017")
    body = "## 一、总则\n\n| a | b |\n\n为**进一步**构建[亲清](https://x.cn)政商关系，制定本意见。其余内容。\n"
    item = dataclasses.replace(
        original, body=body, data=original.data.model_copy(update={"summary": None})
    )
    meta = inline_values(parse(search_block(index, item, TODAY)), "meta")
    assert meta["summary"] == "为进一步构建亲清政商关系，制定本意见。"
    assert first_sentence("长" * 300).endswith("…") and len(first_sentence("长" * 300)) == 120
