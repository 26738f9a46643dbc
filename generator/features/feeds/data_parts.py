"""Which open-data file each item is in: one per collection and year of `published`, split
into parts of at most `PART_LIMIT` record weights, and nothing more.

The year of `published` never changes, so an item stays in its file as the site grows; a
year heavier than a part holds is split into `{year}-1`, `{year}-2` … An item weighs one
record plus a tenth for each recipient on its list (a recipient is about a tenth of a
record's JSON), so a part of announcements with long lists is no bigger than one of
policies. The split depends on the content alone, so the 订阅 page can link the files
before they are made.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from generator.content.index import COLLECTION_ORDER, ContentIndex, Item
from generator.urls import DATA_DIR

# A record is about 2.2 KB of JSON and a recipient 0.2 KB (measured, issue 19): a part of
# 5,000 weights is about 11 MB, under the 20 MB a file may have.
PART_LIMIT = 5_000
RECIPIENTS_PER_RECORD = 10
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


def weight(item: Item) -> float:
    """An item's share of a part: one record, and a tenth of one per recipient."""
    return 1 + len(item.recipients) / RECIPIENTS_PER_RECORD


def _chunks(items: tuple[Item, ...], limit: float) -> list[tuple[Item, ...]]:
    """`items` in order, cut where the next one would take a chunk over `limit` (an item
    heavier than the limit alone gets a chunk of its own)."""
    chunks: list[list[Item]] = []
    load = 0.0
    for item in items:
        if not chunks or load + weight(item) > limit:
            chunks.append([])
            load = 0.0
        chunks[-1].append(item)
        load += weight(item)
    return [tuple(chunk) for chunk in chunks]


def data_parts(index: ContentIndex, limit: float = PART_LIMIT) -> list[DataPart]:
    """Every file's items: collection order, years newest first, parts in order; within a
    file the collection's order (newest `published` first)."""
    parts = []
    for collection in COLLECTION_ORDER:
        items = sorted(index.collection(collection), key=lambda i: -i.published.year)
        for year, group in groupby(items, lambda i: i.published.year):
            chunks = _chunks(tuple(group), limit)
            for number, chunk in enumerate(chunks, start=1):
                parts.append(DataPart(collection, year, number, len(chunks), chunk))
    return parts
