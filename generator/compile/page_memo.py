"""Compiled item and list pages remembered in the build cache, keyed by everything they
show, and nothing more.

An item page shows its own item (front matter and body) and, of the rest of the site, the
configuration, the day's statuses, the git history, the published answers, attachment
sizes and other items' front matter (titles, dates, links, recipients), but never another
item's body (`generator/compile/items.py`; the contributors' blocks show the item's own
fields). A list page shows front matter only, and so do the features' pages and files
but their deferred ones (the feeds show excerpts of bodies). So the "shape" of the site, everything the
content holds except the bodies, plus the day, keys every such page together with the
item's own body: a body edit, the common edit, compiles that one item page again and
reuses all others; any front matter, site.yaml, git or day change compiles every page
again (conservative: never a stale page). The code version is added by the memo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from generator.cache.memo import caching, held_value, remembered_value
from generator.cache.store import digest
from generator.compile.shape import shape_key
from generator.content.index import ContentIndex, Item

LAYER = "compiled"
KEPT_LAYER = "compiled-kept"  # in memory only
Made = TypeVar("Made")


class PageMemo:
    """For one compile: jobs that read a page back from the cache (when one is active).

    With `keep` (the form a builder holds pages in, `compile.packed.pack`), a job gives its
    page(s) in that form; in `mkdocs serve` that form is kept in memory under the same key
    between rebuilds (`memo.held_value`), so a rebuild neither reads nor packs it again."""

    def __init__(
        self, index: ContentIndex, today: dt.date, keep: Callable[[Any], Any] | None = None
    ) -> None:
        self.shape = shape_key(index, today) if caching() else None
        self.keep = keep

    def item(self, item: Item, make: Callable[[], Made]) -> Callable[[], Any]:
        """`make` (an item's page), remembered under its item's id and body."""
        if self.shape is None:
            return make
        return self._job(digest(self.shape, "item", item.id, item.body), make)

    def collection(self, name: str, make: Callable[[], Made]) -> Callable[[], Any]:
        """`make` (a collection's list pages), remembered under the collection's name."""
        if self.shape is None:
            return make
        return self._job(digest(self.shape, "lists", name), make)

    def _job(self, key: str, make: Callable[[], Made]) -> Callable[[], Any]:
        remembered = partial(remembered_value, LAYER, key, make)
        if self.keep is None:
            return remembered
        return partial(held_value, KEPT_LAYER, key, partial(_kept, self.keep, remembered))

    def features(self, make: Callable[[], Made]) -> Made:
        """`make()` (the features' pages and files, without their deferred files), kept in
        memory under the shape between `mkdocs serve` rebuilds (`memo.held_value`): those
        pages show front matter only. Never written to disk (a build makes them once)."""
        if self.shape is None:
            return make()
        return held_value(LAYER, ("features", self.shape), make)


def _kept(keep: Callable[[Any], Any], make: Callable[[], Any]) -> Any:
    made = make()
    return [keep(page) for page in made] if isinstance(made, list) else keep(made)
