"""Compiled item and list pages remembered in the build cache, keyed by everything they
show, and nothing more.

An item page shows its own item (front matter and body) and, of the rest of the site, the
configuration, the day's statuses, the git history, the published answers, attachment
sizes and other items' front matter (titles, dates, links, recipients), but never another
item's body (`generator/compile/items.py`; the contributors' blocks show the item's own
fields). A list page shows front matter only. So the "shape" of the site, everything the
content holds except the bodies, plus the day, keys every such page together with the
item's own body: a body edit, the common edit, compiles that one item page again and
reuses all others; any front matter, site.yaml, git or day change compiles every page
again (conservative: never a stale page). The code version is added by the memo.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.cache.memo import caching, remembered_value
from generator.cache.store import digest
from generator.content.index import ContentIndex, Item

LAYER = "compiled"
Made = TypeVar("Made")


def _attachment_sizes(index: ContentIndex, item: Item) -> list[tuple[str, int]]:
    """The sizes pages show of an item's files (a missing file shows as 0)."""
    paths = [a.file for a in item.data.attachments if a.file]
    paths += [m.template for m in getattr(item.data, "materials", []) if m.template]
    sizes = []
    for path in paths:
        try:
            sizes.append((path, (Path(index.content_dir) / path).stat().st_size))
        except OSError:
            sizes.append((path, -1))
    return sizes


def _plain(value: Any) -> Any:
    """`value` with its pydantic models as dicts of every field: a model's own pickle holds
    the set of fields given, whose order differs from one process to the next."""
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, (tuple, list)):
        return [_plain(member) for member in value]
    return value


def _pickled(value: Any) -> bytes:
    return pickle.dumps(_plain(value), pickle.HIGHEST_PROTOCOL)


def shape_key(index: ContentIndex, today: dt.date) -> str:
    """A key of everything the content holds except the items' bodies, and the day."""
    parts: list[bytes | str] = [
        today.isoformat(),
        _pickled(index.site),
        pickle.dumps(index.git, pickle.HIGHEST_PROTOCOL),
        _pickled(index.answers),
    ]
    for item_id in sorted(index.items):
        item = index.items[item_id]
        parts += [item.id, item.collection, item.path, _pickled(item.data)]
        parts += [_pickled(item.recipients), _pickled(item.recipient_rows)]
        parts.append(repr(_attachment_sizes(index, item)))
    return digest(*parts)


class PageMemo:
    """For one compile: jobs that read a page back from the cache (when one is active)."""

    def __init__(self, index: ContentIndex, today: dt.date) -> None:
        self.shape = shape_key(index, today) if caching() else None

    def item(self, item: Item, make: Callable[[], Made]) -> Callable[[], Made]:
        """`make` (an item's page), remembered under its item's id and body."""
        if self.shape is None:
            return make
        return partial(
            remembered_value, LAYER, digest(self.shape, "item", item.id, item.body), make
        )

    def collection(self, name: str, make: Callable[[], Made]) -> Callable[[], Made]:
        """`make` (a collection's list pages), remembered under the collection's name."""
        if self.shape is None:
            return make
        return partial(remembered_value, LAYER, digest(self.shape, "lists", name), make)
