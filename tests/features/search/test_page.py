"""The /search/ page: filter choices from the content, no-JS notice, and its assets."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from lxml import html

from generator.content.loader import load_content
from generator.content.status import STATUSES
from generator.features.search.names import AFFIXES
from generator.features.search.page import search_files, search_page

REPO = Path(__file__).resolve().parents[3]


def test_search_page_offers_every_department_collection_and_year():
    index = load_content(REPO / "content", dt.date(2026, 11, 26)).index
    page = search_page(index)
    assert page.src_uri == "search.md"
    assert not page.in_nav
    tree = html.fromstring(page.content)
    options = {
        select.get("name"): {o.get("value") for o in select.iter("option") if o.get("value")}
        for select in tree.iter("select")
    }
    issuers = {i.data.issuer for i in index.collection("policies") if i.data.issuer}
    assert options["department"] == {d.name for d in index.site.departments.values()} | issuers
    assert "中共中央 国务院" in options["department"]
    assert options["collection"] == {"政策文件", "资金项目", "办事指南", "结果公示", "意见征集"}
    assert options["year"] == {str(i.published.year) for i in index.items.values()}
    assert "现行有效" in options["status"] and "公示中" in options["status"]


def test_form_submits_q_to_itself_and_noscript_links_the_lists():
    index = load_content(REPO / "content", dt.date(2026, 11, 26)).index
    tree = html.fromstring(search_page(index).content)
    form = tree.find(".//form")
    assert form.get("method") == "get" and form.get("action") == "./"
    assert form.find(".//input[@name='q']") is not None
    noscript = tree.find(".//noscript")
    assert noscript is not None and "JavaScript" in noscript.text_content()


def test_assets_are_the_packaged_script_and_style():
    files = {f.path: f for f in search_files()}
    assert set(files) == {"assets/qinqing/search.js", "assets/qinqing/search.css"}
    assert b"parseDocNumber" in files["assets/qinqing/search.js"].data


def test_page_hands_the_script_the_name_affixes_and_every_status_label():
    index = load_content(REPO / "content", dt.date(2026, 11, 26)).index
    root = html.fromstring(search_page(index).content).find(".//*[@data-qq-search]")
    assert json.loads(root.get("data-affixes")) == AFFIXES
    statuses = json.loads(root.get("data-statuses"))
    for collection, group in STATUSES.items():
        for status in group:
            assert statuses[collection][status.code] == [status.label, status.tone]
