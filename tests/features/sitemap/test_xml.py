"""sitemap.xml dates each URL by its content, never the build day; robots.txt names it."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from generator.site import compile_site
from tests.features.feeds.conftest import TODAY, load

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def built(root, today=TODAY):
    index = load(root)
    build = compile_site(index, today)
    return index, build, {file.path: file.data for file in build.files}


def lastmods(data: bytes) -> dict[str, str | None]:
    tree = etree.fromstring(data)
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in tree.findall("s:url", NS)
    }


def test_each_item_is_dated_by_its_updated_day(write_tree, items):
    items["funds/closed-fund.md"]["updated"] = dt.date(2025, 8, 2)
    index, build, files = built(write_tree(items))
    dates = lastmods(files["sitemap.xml"])
    host = "https://feeds.example.gov.cn/"
    assert dates[host + "funds/closed-fund/"] == "2025-08-02"
    # No `updated`: the newest major change (the minor one of 11-12 does not count).
    assert dates[host + "funds/open-fund/"] == "2026-11-10"
    for item in index.all_items():
        assert dates[f"{host}{item.collection}/{item.id}/"] == index.updated(item).isoformat()


def test_lists_and_home_take_their_newest_item_and_pages_from_settings_have_none(tree):
    index, build, files = built(tree)
    dates = lastmods(files["sitemap.xml"])
    host = "https://feeds.example.gov.cn/"
    newest = max(index.updated(i) for i in index.all_items())
    assert dates[host] == newest.isoformat()
    funds = max(index.updated(i) for i in index.collection("funds"))
    assert dates[host + "funds/"] == funds.isoformat()
    assert dates[host + "petitions/lookup/"] is None
    assert dates[host + "sitemap/"] is None


def test_every_page_is_listed_once_and_the_build_day_changes_nothing(tree):
    _, build, files = built(tree)
    dates = lastmods(files["sitemap.xml"])
    assert len(dates) == len(build.pages)
    _, _, later = built(tree, TODAY + dt.timedelta(days=30))
    assert later["sitemap.xml"] == files["sitemap.xml"]


def test_robots_names_the_sitemap_and_keeps_crawlers_off_the_api(tree):
    _, _, files = built(tree)
    lines = files["robots.txt"].decode().splitlines()
    assert lines == [
        "User-agent: *",
        "Disallow: /api/petitions/",
        "Sitemap: https://feeds.example.gov.cn/sitemap.xml",
    ]
