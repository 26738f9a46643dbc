"""The fund action block for each state of a fund: open, upcoming, closed, offline only."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import html

from generator.compile.actions import fund_actions
from generator.compile.items import item_page
from generator.content.loader import load_content
from tests.support.content_fixture import TODAY, write_content

CALENDAR = [("calendar", "加入日历", "calendar/fund-open.ics")]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    result = load_content(write_content(tmp_path_factory.mktemp("actions")), dt.date(2026, 11, 26))
    assert result.ok, result.errors
    return result.index


def block(index, item_id: str, day: dt.date, links=()) -> html.HtmlElement:
    page = item_page(index, index.get(item_id), day, links=links)
    root = html.fromstring(f"<div>{page.full_content()}</div>")
    return root.cssselect("section.qq-fund-actions")[0]


def words(element) -> str:
    return " ".join(element.text_content().split())


def test_upcoming_fund_says_when_and_offers_the_entry_and_calendar(index):
    section = block(index, "fund-open", dt.date(2026, 10, 15), CALENDAR)
    assert "即将开始申报" in words(section) and "2026年11月1日开始申报" in words(section)
    links = {words(a): a.get("href") for a in section.cssselect("a")}
    assert links["申报入口"] == "https://hq.example.gov.cn/fund-open"
    assert links["加入日历"] == "../../calendar/fund-open.ics"
    assert "去申报" not in links


def test_offline_fund_says_where_to_go_and_automatic_delivery_stands_out(index):
    section = block(index, "fund-closed", dt.date(2025, 5, 1))
    assert "正在申报" in words(section)
    assert "线下办理：到测试市行政服务中心窗口办理" in words(section)
    assert "免申即享" in words(section.cssselect(".qq-fund-actions__automatic")[0])
    assert not [a for a in section.cssselect("a") if words(a) == "去申报"]


def test_closed_fund_without_results_says_so_and_offers_no_calendar(index):
    section = block(index, "fund-open", dt.date(2027, 1, 5), CALENDAR)
    assert "申报已截止" in words(section) and "评审结果尚未公示" in words(section)
    assert section.cssselect("a") == []


def test_actions_are_only_for_funds(index):
    assert fund_actions(index, index.get("guide-apply"), dt.date.fromisoformat(TODAY), "") is None
