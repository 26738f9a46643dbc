"""The rules JSON and the 政策匹配 page as the build emits them."""

from __future__ import annotations

import json
import posixpath
from typing import get_args

import lxml.html

from generator.features.matching.pages import RULES_PATH, match_files, match_page, rules_file
from generator.models.rules import RuleField
from generator.urls import MATCH_PATH
from tests.features.matching.content import TODAY
from tests.features.matching.shell import render_content


def resolve(href: str) -> str:
    """A link on the /match/ page as a path from the site root."""
    return posixpath.normpath(posixpath.join(MATCH_PATH, href))


def test_rules_json_lists_funds_that_are_not_withdrawn_with_windows_in_the_site_zone(index):
    output = rules_file(index, TODAY)
    assert output.path == RULES_PATH == "data/fund-rules.json"
    data = json.loads(output.data)
    funds = {f["id"]: f for f in data["funds"]}
    assert set(funds) == {"tech-upgrade-2025", "specialized-2025", "high-tech-2025"}
    assert funds["tech-upgrade-2025"]["opens"] == "2025-06-01T00:00:00+08:00"
    # A bare closing date lasts to the end of that day; a time is kept.
    assert funds["tech-upgrade-2025"]["closes"] == "2025-06-30T23:59:59+08:00"
    assert funds["specialized-2025"]["closes"] == "2025-07-31T17:00:00+08:00"
    assert {f["status"] for f in funds.values()} == {"open", "upcoming", "closed"}
    assert funds["tech-upgrade-2025"]["url"] == "https://example.gov.cn/funds/tech-upgrade-2025/"
    assert funds["tech-upgrade-2025"]["path"] == "funds/tech-upgrade-2025/"
    conditions = funds["specialized-2025"]["conditions"]
    assert conditions[0] == {
        "text": "已认定为专精特新企业",
        "rule": {"field": "qualifications", "op": "has", "value": "专精特新"},
    }
    assert conditions[1] == {"text": "认定文件在有效期内", "rule": None}
    assert data["industries"] == {"textile": "纺织服装", "footwear": "制鞋", "food": "食品饮料"}
    assert data["timezone"] == "Asia/Shanghai"


def test_rules_json_is_the_same_bytes_for_the_same_day(index):
    assert rules_file(index, TODAY).data == rules_file(index, TODAY).data


def test_page_links_resolve_to_the_files_the_build_emits(index):
    page = match_page(index, TODAY)
    assert page.src_uri == "match/index.md" and page.title == "政策匹配"
    tree = lxml.html.fromstring(render_content(index, TODAY))
    emitted = {f.path for f in match_files(index, TODAY)}
    form = tree.get_element_by_id("qq-match-form")
    assert resolve(form.get("data-rules")) == RULES_PATH
    assert {resolve(s.get("src")) for s in tree.iter("script")} <= emitted
    assert {resolve(s.get("href")) for s in tree.iter("link")} <= emitted
    # Nothing is loaded from, or sent to, another host.
    assert not [a for a in tree.xpath("//@src|//@href|//@action") if "//" in a]


def test_form_is_labelled_grouped_and_hidden_until_the_script_runs(index):
    tree = lxml.html.fromstring(render_content(index, TODAY))
    form = tree.get_element_by_id("qq-match-form")
    assert form.get("hidden") is not None
    labelled = {label.get("for") for label in tree.iter("label") if label.get("for")}
    for control in form.xpath(".//select|.//input[@type='number']"):
        assert control.get("id") in labelled, control.get("name")
        for hint in control.get("aria-describedby").split():
            assert tree.get_element_by_id(hint).text_content().strip()
    for box in form.xpath(".//input[@type='checkbox']"):
        assert box.getparent().tag == "label" and box.getparent().text_content().strip()
    assert all(fs.find("legend") is not None for fs in form.iter("fieldset"))
    names = {c.get("name") for c in form.xpath(".//select|.//input")}
    assert {*get_args(RuleField), "remember"} <= names


def test_choices_come_from_site_industries_and_from_the_rules(index):
    tree = lxml.html.fromstring(render_content(index, TODAY))
    industries = [o.get("value") for o in tree.get_element_by_id("qq-industry").iter("option")]
    assert industries == ["", "textile", "footwear", "food"]
    places = [o.get("value") for o in tree.get_element_by_id("qq-registered_in").iter("option")]
    assert places[:2] == ["", "晋江市"] and len(places) == 3
    held = [b.get("value") for b in tree.xpath("//input[@name='qualifications']")]
    # The withdrawn fund's rules offer nothing; the others' qualification values all appear.
    assert sorted(held) == sorted(["失信企业", "专精特新", "高新技术企业", "科技型中小企业"])


def test_without_javascript_the_page_points_to_the_fund_list(index):
    tree = lxml.html.fromstring(render_content(index, TODAY))
    notice = tree.find(".//noscript")
    assert notice is not None and "JavaScript" in notice.text_content()
    links = [resolve(a.get("href")) for a in notice.iter("a")]
    assert links == ["funds"]
