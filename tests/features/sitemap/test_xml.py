"""The sitemap index and its files: valid, every page once, each URL dated by its content
(never the build day); robots.txt names the index."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from lxml import etree

from generator.features.sitemap.urls import last_modified
from generator.features.sitemap.xml import URL_LIMIT, sitemap_files
from generator.site import compile_site
from generator.urls import page_path
from tests.features.feeds.conftest import HOST, TODAY, load

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = f"https://{HOST}/"
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def built(root, today=TODAY):
    index = load(root)
    build = compile_site(index, today)
    return index, build, {file.path: file.data for file in build.files}


def sitemap_urls(files: dict[str, bytes]) -> list[tuple[str, str | None, str]]:
    """(loc, lastmod, the sitemap file it is in) of every URL the index leads to, in order;
    checks each file's root element and namespace on the way."""
    index = etree.fromstring(files["sitemap.xml"])
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    found = []
    for sitemap in index.findall("s:sitemap", NS):
        loc = sitemap.findtext("s:loc", namespaces=NS)
        assert loc.startswith(BASE)
        path = loc.removeprefix(BASE)
        tree = etree.fromstring(files[path])
        assert tree.tag == f"{{{NS['s']}}}urlset"
        assert {child.tag for child in tree} == {f"{{{NS['s']}}}url"}
        entries = [
            (url.findtext("s:loc", namespaces=NS), url.findtext("s:lastmod", namespaces=NS), path)
            for url in tree.findall("s:url", NS)
        ]
        dates = [day for _loc, day, _path in entries if day]
        assert sitemap.findtext("s:lastmod", namespaces=NS) == max(dates, default=None)
        found += entries
    return found


def lastmods(files: dict[str, bytes]) -> dict[str, str | None]:
    return {loc: day for loc, day, _path in sitemap_urls(files)}


def test_each_item_is_dated_by_its_updated_day(write_tree, items):
    items["funds/closed-fund.md"]["updated"] = dt.date(2025, 8, 2)
    index, build, files = built(write_tree(items))
    dates = lastmods(files)
    assert dates[BASE + "funds/closed-fund/"] == "2025-08-02"
    # No `updated`: the newest major change (the minor one of 11-12 does not count).
    assert dates[BASE + "funds/open-fund/"] == "2026-11-10"
    for item in index.all_items():
        assert dates[f"{BASE}{item.collection}/{item.id}/"] == index.updated(item).isoformat()


def test_lists_and_home_take_their_newest_item_and_pages_from_settings_have_none(tree):
    index, build, files = built(tree)
    dates = lastmods(files)
    newest = max(index.updated(i) for i in index.all_items())
    assert dates[BASE] == newest.isoformat()
    funds = max(index.updated(i) for i in index.collection("funds"))
    assert dates[BASE + "funds/"] == funds.isoformat()
    # Every other list page of a collection (another order, a later page) shows its items.
    for page in build.pages:
        if page.meta.get("page_kind") == "list" and page.meta.get("collection") == "funds":
            assert dates[BASE + page_path(page.src_uri)] == funds.isoformat()
    assert dates[BASE + "petitions/lookup/"] is None
    assert dates[BASE + "sitemap/"] is None


def test_every_page_is_listed_once_and_the_build_day_changes_nothing(tree):
    _, build, files = built(tree)
    found = [loc for loc, _day, _path in sitemap_urls(files)]
    assert sorted(found) == sorted(BASE + page_path(page.src_uri) for page in build.pages)
    assert len(set(found)) == len(found)
    _, _, later = built(tree, TODAY + dt.timedelta(days=30))
    sitemap = {path: data for path, data in files.items() if path.startswith("sitemap")}
    assert sitemap == {path: later[path] for path in sitemap}


@pytest.mark.parametrize("limit", [1, 3, 7])
def test_a_lower_url_limit_splits_the_urls_into_several_files(tree, limit):
    index = load(tree)
    build = compile_site(index, TODAY)
    days = last_modified(index, build.pages)
    files = {f.path: f.data for f in sitemap_files(index.site, build.pages, days, url_limit=limit)}
    urls = sitemap_urls(files)
    per_file: dict[str, int] = {}
    for _loc, _day, path in urls:
        per_file[path] = per_file.get(path, 0) + 1
    assert len(per_file) == -(-len(build.pages) // limit) > 1
    assert max(per_file.values()) == limit
    assert sorted(per_file) == sorted(p for p in files if p.startswith("sitemaps/"))
    everywhere = [loc for loc, _day, _path in urls]
    assert sorted(everywhere) == sorted(BASE + page_path(p.src_uri) for p in build.pages)
    assert len(set(everywhere)) == len(everywhere)
    in_order = sorted(build.pages, key=lambda page: page_path(page.src_uri))
    expected = [days[p.src_uri].isoformat() if p.src_uri in days else None for p in in_order]
    assert [day for _loc, day, _path in urls] == expected


def test_a_byte_limit_also_starts_a_new_file(tree):
    index = load(tree)
    build = compile_site(index, TODAY)
    files = sitemap_files(index.site, build.pages, {}, byte_limit=1000)
    assert len(files) > 2
    assert all(len(f.data) <= 1000 for f in files[1:])


def test_the_sample_site_fits_one_file_of_valid_locs_and_dates(tree):
    _, build, files = built(tree)
    urls = sitemap_urls(files)
    assert {path for _loc, _day, path in urls} == {"sitemaps/sitemap-1.xml"}
    assert len(urls) <= URL_LIMIT
    for loc, day, _path in urls:
        assert loc.startswith(BASE) and " " not in loc
        assert day is None or DAY.match(day) and dt.date.fromisoformat(day)


def test_robots_names_the_sitemap_index_and_keeps_crawlers_off_the_api(tree):
    _, _, files = built(tree)
    lines = files["robots.txt"].decode().splitlines()
    assert lines == [
        "User-agent: *",
        "Disallow: /api/petitions/",
        "Sitemap: https://feeds.example.gov.cn/sitemap.xml",
    ]
