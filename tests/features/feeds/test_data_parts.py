"""Which open-data file each item is in: one collection and year a file, parts no heavier
than the limit, every item once and in the collection's order."""

from __future__ import annotations

import pytest

from generator.features.feeds.data_parts import data_parts, weight
from tests.features.feeds.conftest import load


@pytest.mark.parametrize("limit", [5_000, 2, 1.2, 1])
def test_every_item_once_in_order_and_no_part_over_the_limit(tree, limit):
    index = load(tree)
    parts = data_parts(index, limit)
    for collection in ("policies", "funds", "guides", "announcements", "consultations"):
        mine = [item for part in parts if part.collection == collection for item in part.items]
        assert mine == index.collection(collection)
    for part in parts:
        assert {item.published.year for item in part.items} == {part.year}
        assert sum(map(weight, part.items)) <= limit or len(part.items) == 1


def test_recipients_make_an_announcement_heavier(tree):
    index = load(tree)
    listed = next(item for item in index.collection("announcements") if item.recipients)
    assert weight(listed) == 1 + len(listed.recipients) / 10
    assert weight(index.collection("policies")[0]) == 1


def test_parts_of_a_year_are_numbered_and_named_by_it(tree):
    parts = data_parts(load(tree), 1)
    split = [part for part in parts if part.parts > 1]
    assert split
    for part in split:
        assert part.path == f"data/{part.collection}/{part.year}-{part.part}.json"
    whole = [part for part in parts if part.parts == 1]
    assert all(part.path == f"data/{part.collection}/{part.year}.json" for part in whole)
