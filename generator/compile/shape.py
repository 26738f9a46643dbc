"""Cache keys of what the content shows in compiled output, and nothing more: the site's
"shape" (everything the content holds except the items' bodies) with the day, and the
bodies. See page_memo.py for why a page or file keyed by the shape alone is never stale.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.cache.memo import held_value
from generator.cache.store import digest
from generator.content.index import ContentIndex, Item

# Computed once per loaded content and day (the compile, the feeds child and the list
# index all ask), kept on the index object itself so it dies with it.
_STASH = "_qinqing_shape_keys"


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
    """`value` with its pydantic models as dicts of every field."""
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, (tuple, list)):
        return [_plain(member) for member in value]
    return value


def _canonical(value: Any) -> str:
    """The same text for equal values in any process: `repr` of plain data. Not pickle, whose
    bytes depend on which equal objects are shared (and a model's pickle on the order of
    its set of given fields, which varies from one process to the next)."""
    return repr(_plain(value))


def shape_key(index: ContentIndex, today: dt.date) -> str:
    """A key of everything the content holds except the items' bodies, and the day."""
    stash = index.__dict__.setdefault(_STASH, {})
    if today not in stash:
        stash[today] = _shape_key(index, today)
    return stash[today]


def bodies_key(index: ContentIndex) -> str:
    """A key of every item's body."""
    return digest(
        *(part for item_id in sorted(index.items) for part in (item_id, index.items[item_id].body))
    )


def _canonical_data(data: BaseModel) -> str:
    """`_canonical(data)`; in `mkdocs serve`, once for the same validated model (an item whose
    file did not change keeps it from one rebuild to the next: `memo.held_value`)."""
    kept, text = held_value("canonical", id(data), lambda: (data, _canonical(data)))
    return text if kept is data else _canonical(data)


def _shape_key(index: ContentIndex, today: dt.date) -> str:
    parts: list[bytes | str] = [
        today.isoformat(),
        _canonical(index.site),
        # The files' commits; not the head commit id, which only the footer shows (and the
        # rendered pages' key has the footer): a commit that changes no content file keeps
        # every compiled page.
        repr((index.git.available, index.git.shallow, index.git.commits, index.git.boundary)),
        _canonical(index.answers),
    ]
    for item_id in sorted(index.items):
        item = index.items[item_id]
        parts += [item.id, item.collection, item.path, _canonical_data(item.data)]
        parts += [_canonical(item.recipients), _canonical(item.recipient_rows)]
        parts.append(repr(_attachment_sizes(index, item)))
    return digest(*parts)
