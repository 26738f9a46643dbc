"""Compiled pages held compressed: each unpacks to the page compiled, and a build keeps them so."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from generator.compile.packed import PackedPage, pack, unpack
from generator.content.loader import load_content
from generator.output import Page
from generator.site import compile_site
from tests.support.content_fixture import TODAY, write_content

DAY = dt.date.fromisoformat(TODAY)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return load_content(write_content(tmp_path_factory.mktemp("packed")), DAY).index


def test_every_page_unpacks_to_the_page_packed(index):
    pages = compile_site(index, DAY).pages
    assert any(page.fragments for page in pages) and any(page.toc for page in pages)
    for page in pages:
        again = unpack(pack(page))
        assert again == page
        assert repr(again) == repr(page)  # the build cache keys pages by their repr


def test_an_item_page_packs_to_a_fraction_of_its_size(index):
    page = max(compile_site(index, DAY).pages, key=lambda p: len(pickle.dumps(p)))
    packed = pack(page)
    assert len(packed.packed) < len(pickle.dumps(page)) / 2
    assert (packed.src_uri, packed.title, packed.meta) == (page.src_uri, page.title, page.meta)


def test_a_build_keeping_pages_packed_gives_the_same_pages(index):
    plain = compile_site(index, DAY)
    kept = compile_site(index, DAY, keep=pack)
    kinds = {type(page) for page in kept.pages}
    assert kinds == {Page, PackedPage}  # item and list pages packed; home, features, sitemap not
    items = [page for page in kept.pages if page.meta.get("page_kind") == "item"]
    assert items and all(isinstance(page, PackedPage) for page in items)
    lists = [page for page in kept.pages if page.src_uri == "policies/index.md"]
    assert lists and isinstance(lists[0], PackedPage)
    assert [unpack(page) for page in kept.pages] == plain.pages
    assert kept.files == plain.files


def test_a_page_is_returned_as_it_is():
    page = Page(src_uri="a.md", title="甲", content="正文")
    assert unpack(page) is page
