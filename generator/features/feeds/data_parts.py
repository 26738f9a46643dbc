"""Which open-data file each item is in: one per collection and year of `published`, split
into parts of at most `PART_LIMIT` items, and nothing more.

The year of `published` never changes, so an item stays in its file as the site grows; a
year with more items than a part holds is split into `{year}-1`, `{year}-2` … The split
depends on the content alone, so the 订阅 page can link the files before they are made.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from generator.content.index import COLLECTION_ORDER, ContentIndex, Item
from generator.urls import DATA_DIR

# About 2.2 KB an item as JSON (measured, issue 19): a part of 5,000 is about 11 MB, under
# the 20 MB a file may have.
PART_LIMIT = 5_000
RECIPIENTS_DIR = f"{DATA_DIR}recipients/"


@dataclass(frozen=True)
class DataPart:
    """The items of one file: a collection, a year of `published`, a part number."""

    collection: str
    year: int
    part: int
    parts: int  # how many parts the year has
    items: tuple[Item, ...]

    @property
    def stem(self) -> str:
        return f"{self.year}" if self.parts == 1 else f"{self.year}-{self.part}"

    @property
    def path(self) -> str:
        return f"{DATA_DIR}{self.collection}/{self.stem}.json"

    @property
    def recipients_path(self) -> str:
        """Announcements only: the recipients CSV of the same announcements."""
        return f"{RECIPIENTS_DIR}{self.stem}.csv"


def data_parts(index: ContentIndex, limit: int = PART_LIMIT) -> list[DataPart]:
    """Every file's items: collection order, years newest first, parts in order; within a
    file the collection's order (newest `published` first)."""
    parts = []
    for collection in COLLECTION_ORDER:
        items = index.collection(collection)
        by_year = groupby(
            sorted(items, key=lambda i: -i.published.year), lambda i: i.published.year
        )
        for year, group in by_year:
            listed = tuple(group)
            chunks = [listed[start : start + limit] for start in range(0, len(listed), limit)]
            for number, chunk in enumerate(chunks, start=1):
                parts.append(DataPart(collection, year, number, len(chunks), chunk))
    return parts
