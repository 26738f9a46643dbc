"""The search markup item pages carry: metadata, filters, sort and the hidden indexed text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from lxml import html

from generator.loader import load_content
from generator.search.docnumber import parse_doc_number
from generator.search.markup import search_block

REPO = Path(__file__).resolve().parents[2]
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
    assert filters["department"] == index.site.departments[policy.department].name
    assert filters["status"] == index.status(policy, TODAY).label
    meta = inline_values(block, "meta")
    assert meta["doc_number"] == policy.data.doc_number
    assert meta["date"] == policy.published.isoformat()
    assert meta["title"] == policy.title
    assert inline_values(block, "sort") == {"date": policy.published.isoformat()}


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
