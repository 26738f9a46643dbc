"""The pager's pages, paths and links."""

from __future__ import annotations

from generator.compile.pager import Pager, chunks, page_path


def test_chunks_keep_every_row_once_and_an_empty_list_is_one_page():
    rows = list(range(7))
    assert chunks(rows, 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert chunks([], 3) == [[]]


def test_page_one_is_the_list_itself():
    assert page_path("policies/", 1) == "policies/"
    assert page_path("policies/by/topic/digital/", 4) == "policies/by/topic/digital/page/4/"


def test_links_show_the_ends_and_the_neighbours_with_gaps():
    pager = Pager("funds/", 10, 20)
    numbers = [link.number for link in pager.links()]
    assert numbers == [1, 0, 8, 9, 10, 11, 12, 0, 20]
    assert [link.number for link in pager.links() if link.current] == [10]
    assert pager.prev == "funds/page/9/" and pager.next == "funds/page/11/"
    first, last = Pager("funds/", 1, 3), Pager("funds/", 3, 3)
    assert first.prev is None and [link.number for link in first.links()] == [1, 2, 3]
    assert last.next is None and last.prev == "funds/page/2/"
