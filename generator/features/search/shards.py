"""Which search index (shard) each item page goes to, newest items first, and nothing more.

Pagefind's browser search costs time in proportion to the pages matching a query times the
postings of its words (`search_term` in Pagefind 1.5.2 walks every posting for every
matching page), and every first query downloads the index's metadata, about 9 bytes a
page. At 50,000 items a common word took minutes and 2 MB. So items are indexed in shards
by recency: the newest SHARD_ITEMS in the first (`pagefind/`, where a site with few items
has everything), then shards twice as large as the one before while under SHARD_CAP items,
then shards of SHARD_CAP, older and older, each its own Pagefind bundle under `pagefind/`. The search page asks the newest
shard first and the older ones only while it has too few results (docs/search.md).

The cap bounds the build's memory: each shard is indexed by a Pagefind process of its own,
one at a time (generator/adapters/mkdocs/shard_index.py), and Pagefind holds about 240 KB a
page until it writes the bundle, so its peak follows the largest shard, not the site.
"""

from __future__ import annotations

from generator.content.index import ContentIndex
from generator.urls import item_path

SHARD_ITEMS = 2000
# Pagefind holds about 240 KB a page of its shard until it writes the bundle (1.2 GB at
# 5,000 a shard), and an edit indexes its item's whole shard again (about 4.4 ms a page, the
# Chinese text's segmentation): 2,000 bounds a process near 0.5 GB and an old item's edit
# near 9 s at 5,000 items (25 shards at 50,000); a common word's first results still come
# from the newest shard alone.
SHARD_CAP = 2000


def shard_sizes(count: int, first: int = SHARD_ITEMS, cap: int = SHARD_CAP) -> list[int]:
    """Items per shard for `count` items, newest first: `first`, then each twice the one
    before while under `cap`; the older items in shards of `cap` counted from the oldest,
    the newest of them holding what is left over."""
    sizes: list[int] = []
    size = min(first, cap)
    while count > 0:
        sizes.append(min(size, count))
        count -= sizes[-1]
        size *= 2
        if size >= cap:
            break
    if count > 0:
        blocks, left_over = divmod(count, cap)
        sizes += [left_over] * (left_over > 0) + [cap] * blocks
    return sizes or [0]


def shard_dir(shard: int) -> str:
    """A shard's bundle relative to the primary bundle (`pagefind/`): `` or `older-N/`."""
    return "" if shard == 0 else f"older-{shard}/"


def shard_list(
    count: int, first: int = SHARD_ITEMS, cap: int = SHARD_CAP
) -> list[dict[str, str | int]]:
    """What the search page carries (`data-shards`): each shard's directory and items."""
    return [
        {"dir": shard_dir(n), "items": size}
        for n, size in enumerate(shard_sizes(count, first, cap))
    ]


def shard_plan(
    index: ContentIndex, first: int = SHARD_ITEMS, cap: int = SHARD_CAP
) -> dict[str, int]:
    """Item page path (as MkDocs gives `page.file.url`: `policies/x/`) -> its shard."""
    items = index.all_items()
    plan: dict[str, int] = {}
    start = 0
    for shard, size in enumerate(shard_sizes(len(items), first, cap)):
        for item in items[start : start + size]:
            plan[item_path(item)] = shard
        start += size
    return plan
