"""The search index in shards, newest first: the plan, and what the search page asks of each
shard, counted in real Chromium over the built sample site (one shard, as built) and over
a copy indexed again in small shards."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.adapters.mkdocs.search import index_built_site
from generator.content.loader import load_content
from generator.features.search.shards import (
    SHARD_CAP,
    shard_dir,
    shard_list,
    shard_plan,
    shard_sizes,
)
from tests.features.search.runner import search_via_url, wait_for_results
from tests.support.servers import serve_directory

REPO_CONTENT = Path(__file__).resolve().parents[3] / "content"
# The copy's shards: 10 items, then the rest in shards of CAP counted from the oldest (29
# sample items: 10, 9, 10), so more than two shards and capped ones, as at scale.
FIRST = 10
CAP = 10
# Counts what the page asks Pagefind's worker, without changing it.
SPY = """(() => { window.__asked = []; const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.method === 'search') window.__asked.push([message.instanceId, message.args[0]]);
    return post.call(this, message, ...rest); }; })();"""


def test_shards_are_newest_first_double_in_size_then_come_in_capped_blocks():
    assert shard_sizes(0) == [0]
    assert shard_sizes(1500) == [1500]
    assert shard_sizes(5000) == [2000, 1000, 2000]
    assert shard_sizes(6000) == [2000, 2000, 2000]
    assert shard_sizes(6001) == [2000, 1, 2000, 2000]
    assert shard_sizes(20_000) == [2000] * 10
    assert shard_sizes(50_000) == [2000] * 25
    assert shard_sizes(30, first=10, cap=15) == [10, 5, 15]
    # Under a larger cap the shards after the first double while under it.
    assert shard_sizes(6001, cap=5000) == [2000, 4000, 1]
    assert shard_sizes(20_000, cap=5000) == [2000, 4000, 4000, 5000, 5000]
    # A new item moves the first shards' boundaries, not the older capped shards'.
    assert shard_sizes(50_001)[2:] == shard_sizes(50_000)[1:] == [2000] * 24
    assert shard_sizes(50_001)[:2] == [2000, 1]


def test_no_shard_holds_more_than_the_cap_so_pagefind_memory_is_bounded_at_any_size():
    for count in (0, 1999, 2001, 5000, 20_000, 50_000, 123_457):
        sizes = shard_sizes(count)
        assert sum(sizes) == count
        assert max(sizes) <= SHARD_CAP
    assert SHARD_CAP <= 2000  # about 240 KB a page in Pagefind: 0.5 GB, not 1.2 (issue 19)
    assert [s["dir"] for s in shard_list(5000)] == ["", "older-1/", "older-2/"]


def test_the_plan_puts_every_item_in_one_shard_by_date():
    index = load_content(REPO_CONTENT).index
    plan = shard_plan(index, first=FIRST, cap=CAP)
    items = index.all_items()
    assert len(plan) == len(items)
    shards = [plan[f"{i.collection}/{i.id}/"] for i in items]
    assert shards == sorted(shards) and shards[0] == 0 and shards[-1] == 2
    assert shards.count(0) == FIRST and shards.count(1) == 9 and shards.count(2) == CAP


def _words_asked(page) -> list[tuple[str, str]]:
    """(Pagefind instance, term) of each search but those for an enterprise name key (`qy…`),
    which the page asks of the shards it reaches when the first results hold an announcement."""
    asked = page.evaluate("window.__asked")
    return [(instance, term) for instance, term in asked if not str(term).startswith("qy")]


def _names_asked(page) -> list[str]:
    """The Pagefind instances asked for an enterprise name key (`qy…`), in order."""
    return [instance for instance, term in page.evaluate("window.__asked") if term.startswith("qy")]


def _counting_page(new_page):
    page = new_page()
    page.add_init_script(SPY)
    fragments: list[str] = []
    page.on(
        "request", lambda r: fragments.append(r.url) if r.url.endswith(".pf_fragment") else None
    )
    return page, fragments


def test_a_common_word_asks_pagefind_once_and_loads_only_the_results_shown(new_page, site_url):
    page, fragments = _counting_page(new_page)
    got = search_via_url(page, site_url, "晋江")  # on every sample page: more than a page
    assert len(got) == 10 == len(set(fragments))
    assert _words_asked(page) == [("pf_0", "晋江")]
    page.click(".qq-results-more")
    page.wait_for_function("() => document.querySelectorAll('.qq-result').length > 10")
    shown = page.locator(".qq-result").count()
    assert len(set(fragments)) == shown
    assert _words_asked(page) == [("pf_0", "晋江")]


def _copy_listing_shards(sample_site, target):
    """A copy of the sample site whose search page lists shards of 10, 9 and 10 items."""
    shutil.copytree(sample_site, target)
    index = load_content(REPO_CONTENT).index
    page = target / "search" / "index.html"
    shards = html.escape(json.dumps(shard_list(len(index.items), FIRST, CAP)))
    page.write_text(
        re.sub(r'data-shards="[^"]*"', f'data-shards="{shards}"', page.read_text("utf-8")),
        "utf-8",
    )
    return index


@pytest.fixture(scope="module")
def sharded_url(sample_site, tmp_path_factory):
    """A copy of the sample site indexed in shards of 10, 9 and 10 items, served."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    index = _copy_listing_shards(sample_site, site)
    index_built_site(site, shard_plan(index, first=FIRST, cap=CAP))
    with serve_directory(site) as base_url:
        yield base_url


def test_a_shard_that_cannot_be_loaded_counts_as_empty(new_page, sample_site, tmp_path):
    # As after a build whose stream failed: one bundle of everything, the page listing shards.
    _copy_listing_shards(sample_site, tmp_path / "site")
    with serve_directory(tmp_path / "site") as base_url:
        page = new_page()
        got = search_via_url(page, base_url, "晋江")
        assert len(got) == 10
        more = page.locator(".qq-results-more")
        for shown in range(20, 40, 10):  # bounded: the sample has fewer than 40 items
            if more.is_hidden():
                break
            more.click()
            page.wait_for_function(
                "(n) => document.querySelectorAll('.qq-result').length >= n"
                " || document.querySelector('.qq-results-more').hidden",
                arg=shown,
            )
        expect(more).to_be_hidden()
        total = page.locator(".qq-result").count()
        assert total > 20
        assert page.inner_text(".qq-search-status") == f"找到 {total} 条结果。"  # all asked


def test_the_bundles_are_written_per_shard(sharded_url, sample_site, tmp_path_factory):
    root = next(tmp_path_factory.getbasetemp().glob("sharded*/site"))
    for n in range(3):
        assert (root / "pagefind" / shard_dir(n) / "pagefind-entry.json").is_file()
    for n in (1, 2):
        assert not (root / "pagefind" / shard_dir(n) / "pagefind.js").exists()


def test_a_common_word_asks_the_newest_shard_first_and_older_ones_for_more(new_page, sharded_url):
    page, fragments = _counting_page(new_page)
    got = search_via_url(page, sharded_url, "晋江")
    assert len(got) == 10 == len(set(fragments))
    assert _words_asked(page) == [("pf_0", "晋江")]  # the newest shard only
    assert "最近发布的 10 条" in page.inner_text(".qq-search-status")
    page.click(".qq-results-more")
    page.wait_for_function("() => document.querySelectorAll('.qq-result').length > 10")
    # More results: older shards in turn until a page (10) more; shard 1 holds only 9.
    assert _words_asked(page) == [("pf_0", "晋江"), ("pf_1", "晋江"), ("pf_2", "晋江")]
    expect(page.locator(".qq-result")).to_have_count(20)
    # Each shard asked loads the head of its results (a page: titles first within it), here
    # all 9 of shard 1 and 10 of shard 2, of which the next 显示更多结果 shows the rest.
    assert len(set(fragments)) == 10 + 9 + 10


def test_exact_keys_find_items_in_older_shards(new_page, sharded_url):
    index = load_content(REPO_CONTENT).index
    plan = shard_plan(index, first=FIRST, cap=CAP)
    old = [i for i in index.all_items() if plan[f"{i.collection}/{i.id}/"] >= 1]
    oldest = [i for i in old if plan[f"{i.collection}/{i.id}/"] == 2]
    policy = next(i for i in oldest if getattr(i.data, "doc_number", None))
    page = new_page()
    got = search_via_url(page, sharded_url, policy.data.doc_number)
    assert got[0] == f"policies/{policy.id}"
    notice = next(i for i in old if i.collection == "announcements")
    name = notice.recipients[0].name
    listing = {
        f"announcements/{i.id}"
        for i in index.collection("announcements")
        if any(r.name == name for r in i.recipients)
    }
    page = new_page()
    search_via_url(page, sharded_url, name)
    assert listing <= set(wait_for_results(page, name))


def _filter_counts(page, base_url) -> dict[str, list[str]]:
    """The filter options' labels with their counts, once the page has counted them."""
    page.goto(f"{base_url}search/")
    page.locator(".qq-search-filters").dispatch_event("focusin")
    page.wait_for_function(
        """() => [...document.querySelectorAll('.qq-search-filters option')]
          .filter((o) => o.value).every((o) => o.textContent.endsWith('）'))"""
    )
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.qq-search-filters select')]
          .map((s) => [s.name, [...s.options].filter((o) => o.value).map((o) => o.textContent)]))"""
    )


def test_filter_counts_add_up_over_every_shard(new_page, sharded_url, site_url):
    sharded = _filter_counts(new_page(), sharded_url)
    assert sharded == _filter_counts(new_page(), site_url)  # the one bundle of the sample
    counted = [
        int(label.rsplit("（", 1)[1][:-1]) for labels in sharded.values() for label in labels
    ]
    assert max(counted) > CAP  # a value whose items are in more than one shard


def test_a_common_word_asks_the_name_key_only_of_the_shards_it_reaches(new_page, sharded_url):
    page, _fragments = _counting_page(new_page)
    got = search_via_url(page, sharded_url, "晋江")
    # The premise: the first page holds a result announcement, so step 6 asks the name key.
    assert any(path.startswith("announcements/") for path in got)
    assert _names_asked(page) == ["pf_0"]
    opened = page.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")
    assert not [url for url in opened if "/pagefind/older-" in url]  # no older shard loaded
    page.click(".qq-results-more")
    page.wait_for_function("() => document.querySelectorAll('.qq-result').length > 10")
    # 显示更多结果 reached shards 1 and 2: their name keys are asked too, once each.
    assert _names_asked(page) == ["pf_0", "pf_1", "pf_2"]
