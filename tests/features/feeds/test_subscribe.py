"""The 订阅 page: every feed and file is listed with its address and a labelled copy button."""

from __future__ import annotations

import json

from lxml import html

from generator.features.feeds import build_subscription_files, subscribe_page
from tests.features.feeds.conftest import HOST, TODAY, load


def test_lists_every_feed_calendar_and_data_file(write_tree, items):
    index = load(write_tree(items))
    page = subscribe_page(index, TODAY)
    assert page.src_uri == "subscribe/index.md" and page.title == "订阅"
    doc = html.fragment_fromstring(page.content, create_parent="div")
    shown = {code.text_content() for code in doc.iter("code")}
    files = {f.path: f.data for f in build_subscription_files(index, TODAY)}
    built = {
        f"https://{HOST}/{path}"
        for path in files
        if path.startswith("feeds/") or path == "calendar/deadlines.ics"
    }
    assert built <= shown
    # The open data: the index's address, and a link to each file it lists (one a year).
    assert f"https://{HOST}/data/index.json" in shown
    linked = {a.get("href") for a in doc.iter("a")}
    listed = {entry["url"] for entry in json.loads(files["data/index.json"])["files"]}
    assert listed and listed <= linked
    assert f"https://{HOST}/data/recipients/2026.csv" in listed


def test_copy_buttons_are_labelled_and_hidden_until_script_runs(write_tree, items):
    page = subscribe_page(load(write_tree(items)), TODAY)
    doc = html.fragment_fromstring(page.content, create_parent="div")
    buttons = doc.findall(".//button[@data-qq-copy]")  # the copy buttons (not the signup form's)
    assert buttons
    for button in buttons:
        assert button.get("type") == "button"
        assert button.get("hidden") is not None
        assert button.get("aria-label", "").startswith(button.text_content())
        # The address the button copies is the visible text right before it.
        assert button.getprevious().text_content() == button.get("data-qq-copy")
    assert "\n\n" not in page.content  # one raw HTML block for Markdown
    assert "navigator.clipboard" in page.content


def test_explains_readers_and_calendars_that_work_in_mainland_china(write_tree, items):
    text = subscribe_page(load(write_tree(items)), TODAY).content
    for phrase in ("RSS 阅读器", "Thunderbird", "订阅日历", "导入", ".ics"):
        assert phrase in text
    for blocked in ("Feedly", "Inoreader", "Google", "Blogtrottr"):
        assert blocked not in text


def test_long_feed_lists_are_folded_and_empty_feeds_say_so(write_tree, items):
    from generator.features.feeds.catalog import feed_items, feed_specs
    from tests.features.feeds.conftest import SITE

    site = {**SITE, "industries": {**SITE["industries"], "paper": {"name": "造纸"}}}
    index = load(write_tree(items, site))
    doc = html.fragment_fromstring(subscribe_page(index, TODAY).content, create_parent="div")
    groups = doc.cssselect("details.qq-feed-group")
    assert [g.find("summary").text_content()[:5] for g in groups] == [
        "按栏目订阅",
        "按发布机构",
        "按行业订阅",
        "按主题订阅",
    ]
    assert all(g.get("open") is None for g in groups)
    # 全站 (all updates, open funds) stays in view.
    assert len([b for b in doc.cssselect(".qq-feed") if b.getparent().tag != "details"]) == 2
    blocks = doc.cssselect(".qq-feed")
    specs = feed_specs(index, TODAY)
    assert len(blocks) == len(specs)
    empty = 0
    for block, spec in zip(blocks, specs, strict=True):
        count = len(feed_items(index, spec, TODAY))
        assert block.get("data-qq-feed-count") == str(count)
        note = block.cssselect(".qq-feed__count")[0].text_content()
        assert ("目前还没有内容" in note) == (count == 0), spec.name
        empty += count == 0
    assert empty, "the fixture should have an empty feed"
