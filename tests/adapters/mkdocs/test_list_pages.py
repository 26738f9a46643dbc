"""Bounded list pages without JavaScript: every item is reachable from its list's pages and
from the lists of each filter value; the list index holds the whole collection."""

from __future__ import annotations

import json
import posixpath
from collections import deque

import pytest

from tests.support.content_fixture import ITEMS

COLLECTIONS = ("policies", "funds", "guides", "announcements", "consultations")


def _items(collection: str) -> set[str]:
    return {
        f"{collection}/{key.split('/')[1][:-3]}/" for key in ITEMS if key.startswith(collection)
    }


def _resolve(page_path: str, href: str) -> str:
    """A relative href on the page at `page_path` (e.g. `policies/page/2/`) as a site path."""
    joined = posixpath.normpath(posixpath.join(page_path, href))
    return "" if joined == "." else joined.strip("/") + "/"


def _rows(site, path: str) -> list:
    return site.page(path).cssselect("table.qq-list-table tbody tr")


def _item_paths(site, path: str) -> list[str]:
    return [_resolve(path, row.cssselect("td a")[0].get("href")) for row in _rows(site, path)]


def _pager_chain(site, first: str, limit: int = 100) -> list[str]:
    """The pages of one list, following 下一页 from the first (a deadline of `limit` pages)."""
    pages = [first]
    for _ in range(limit):
        nxt = site.page(pages[-1]).cssselect("nav.qq-pager a[rel=next]")
        if not nxt:
            return pages
        pages.append(_resolve(pages[-1], nxt[0].get("href")))
    raise AssertionError(f"{first}: more than {limit} pages")


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_the_pager_reaches_every_item_once_in_order(paged_site, collection):
    pages = _pager_chain(paged_site, f"{collection}/")
    seen = [p for page in pages for p in _item_paths(paged_site, page)]
    assert sorted(seen) == sorted(_items(collection))  # each exactly once
    assert all(len(_rows(paged_site, page)) == 1 for page in pages)  # list_page_size: 1
    if len(pages) > 1:
        assert pages[1] == f"{collection}/page/2/"


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_item_is_reachable_by_links_from_the_first_list_page(paged_site, collection):
    """Breadth first over the list's own links (pager, filter links), never an item page."""
    start = f"{collection}/"
    queue, seen_pages, items = deque([start]), {start}, set()
    while queue:
        path = queue.popleft()
        items.update(_item_paths(paged_site, path))
        links = paged_site.page(path).cssselect("nav.qq-pager a, nav.qq-browse a")
        for href in (a.get("href") for a in links):
            target = _resolve(path, href)
            if target not in seen_pages:
                assert len(seen_pages) < 500, "list pages without end"
                seen_pages.add(target)
                queue.append(target)
    assert items == _items(collection)


def test_the_pager_is_labelled_and_links_its_neighbours_in_the_head(paged_site):
    page = paged_site.page("policies/page/2")
    pager = page.cssselect("nav.qq-pager")[0]
    assert pager.get("aria-label") == "分页"
    words = pager.text_content()
    assert "上一页" in words and "下一页" in words and "第 2 页，共 3 页" in words
    assert pager.cssselect("a[aria-current=page]")[0].text_content() == "2"
    head = {link.get("rel"): link.get("href") for link in page.cssselect("head link[rel]")}
    assert _resolve("policies/page/2/", head["prev"]) == "policies/"
    assert _resolve("policies/page/2/", head["next"]) == "policies/page/3/"
    first = paged_site.page("policies")
    assert not first.cssselect("head link[rel=prev]") and first.cssselect("head link[rel=next]")
    assert "（第2页）" in page.cssselect("title")[0].text_content()


def test_the_fund_list_in_publishing_order_is_paginated_too(paged_site):
    pages = _pager_chain(paged_site, "funds/sort/published/")
    seen = [p for page in pages for p in _item_paths(paged_site, page)]
    published = sorted((v["published"], k) for k, v in ITEMS.items() if k.startswith("funds/"))
    assert seen == [f"funds/{k.split('/')[1][:-3]}/" for _, k in reversed(published)]


# A row's data attribute for each filter, and whether it holds several values.
ROW_ATTRIBUTE = {
    "dept": ("data-dept", False),
    "issuer": ("data-issuer", False),
    "level": ("data-level", False),
    "delivery": ("data-delivery", False),
    "year": ("data-year", False),
    "industry": ("data-industries", True),
    "topic": ("data-topics", True),
    "status": ("data-status", False),
}


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_each_filter_value_links_a_list_of_exactly_its_items(paged_site, collection):
    main_rows = [
        (page, row)
        for page in _pager_chain(paged_site, f"{collection}/")
        for row in _rows(paged_site, page)
    ]
    form = paged_site.page(collection).cssselect("form[data-qq-filters]")[0]
    browse = paged_site.page(collection).cssselect("nav.qq-browse")[0]
    checked = 0
    for select in form.cssselect("select"):
        name = select.get("name")
        attribute, several = ROW_ATTRIBUTE[name]
        for option in select.cssselect("option")[1:]:
            value, label = option.get("value"), option.text_content()

            def has(row, value=value, attribute=attribute, several=several):
                held = row.get(attribute) or ""
                return value in held.split() if several else held == value

            expected = sorted(
                _resolve(page, r.cssselect("a")[0].get("href")) for page, r in main_rows if has(r)
            )
            links = [a for a in browse.cssselect("a") if a.text_content().startswith(label + "（")]
            if not expected:
                assert not links, (name, value)
                continue
            assert len(links) == 1, (name, value)
            first = _resolve(f"{collection}/", links[0].get("href"))
            assert first.startswith(f"{collection}/by/{name}/")
            pages = _pager_chain(paged_site, first)
            rows = [row for page in pages for row in _rows(paged_site, page)]
            assert all(has(row) for row in rows), (name, value)
            got = sorted(p for page in pages for p in _item_paths(paged_site, page))
            assert got == expected, (name, value)
            checked += 1
    assert checked >= 2  # at least the publisher and the year


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_the_list_index_holds_every_item_of_the_collection(paged_site, collection):
    base = paged_site.site / "lists" / collection
    head = json.loads((base / "index.json").read_text(encoding="utf-8"))
    assert head["total"] == len(_items(collection))
    entries = [
        e
        for k in range(-(-head["total"] // head["entries"]))
        for e in json.loads((base / f"entries-{k}.json").read_text(encoding="utf-8"))
    ]
    tails = [
        t
        for k in range(-(-head["total"] // head["rows"]))
        for t in json.loads((base / f"rows-{k}.json").read_text(encoding="utf-8"))
    ]
    assert len(entries) == len(tails) == head["total"]
    # In the list's first order: the same items as its pages, in the same order.
    in_order = [
        p
        for page in _pager_chain(paged_site, f"{collection}/")
        for p in _item_paths(paged_site, page)
    ]
    assert [t.split('"')[0] for t in tails] == in_order
    names = [field[0] for field in head["fields"]]
    assert "status" not in names  # the browser computes it from the clock
    for entry in entries:
        assert len(entry) == len(names) + len(head["sorts"])
