"""The 网站地图 page: the header's sections in order, with the pages below each and item counts."""

from __future__ import annotations

from lxml import html

from generator.site import compile_site
from tests.features.feeds.conftest import TODAY, load


def sitemap_html(tree):
    index = load(tree)
    build = compile_site(index, TODAY)
    page = next(p for p in build.pages if p.src_uri == "sitemap.md")
    return index, build, html.fromstring(page.content)


def test_sections_follow_the_header_and_hold_their_pages(tree):
    index, build, doc = sitemap_html(tree)
    top = [a.text for a in doc.xpath("./ul/li/a")]
    assert top[: len(build.nav)] == [title for title, _ in build.nav]
    petitions = doc.xpath("./ul/li[a='企业诉求']/ul/li/a")
    assert {a.get("href") for a in petitions} == {"../petitions/lookup/", "../petitions/stats/"}
    counts = doc.xpath("./ul/li[a='资金项目']/ul/li[@class='qq-meta']/text()")
    assert counts == [f"共 {len(index.collection('funds'))} 项"]


def test_every_link_is_a_page_of_the_build_and_items_are_not_listed(tree):
    _, build, doc = sitemap_html(tree)
    from generator.features.sitemap.urls import page_path

    paths = {page_path(p.src_uri) for p in build.pages}
    hrefs = [a.get("href") for a in doc.iter("a")]
    for href in hrefs:
        assert href.removeprefix("../").removeprefix("./") in paths | {""}
    assert not any(h.startswith("../funds/") and h != "../funds/" for h in hrefs)
    assert "../search/" in hrefs


def test_a_list_in_many_pages_is_named_once(write_tree, items):
    from tests.features.feeds.conftest import SITE

    index = load(write_tree(items, {**SITE, "list_page_size": 1}))
    build = compile_site(index, TODAY)
    later = [p for p in build.pages if "/page/" in p.src_uri]
    assert later, "one item a page: every list with two items has a page 2"
    page = next(p for p in build.pages if p.src_uri == "sitemap.md")
    hrefs = [a.get("href") for a in html.fromstring(page.content).iter("a")]
    assert not any("/page/" in h or "/by/" in h for h in hrefs)
    assert len(hrefs) == len(sitemap_html(write_tree(items))[2].xpath("//a"))
