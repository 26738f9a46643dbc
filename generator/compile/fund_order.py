"""The order enterprises read funds in: open by closing date, upcoming by opening date, then
closed (latest closed first), withdrawn last; and nothing more."""

from __future__ import annotations

import datetime as dt

from generator.content.index import ContentIndex, Item
from generator.models.instants import as_datetime_pair

# Status code -> group, in reading order; anything else (closed, results) is group 2.
_GROUPS = {"open": 0, "upcoming": 1}


def fund_order_key(index: ContentIndex, item: Item, today: dt.date) -> tuple:
    """Sort key of a fund for `today` (ties by id, so the order is total)."""
    opens, closes = as_datetime_pair(item.data.opens, item.data.closes, index.site.zone)
    if item.withdrawn:
        return (3, -closes.timestamp(), item.id)
    status = index.status(item, today)
    group = _GROUPS.get(status.code if status else "", 2)
    if group == 0:
        return (0, closes.timestamp(), item.id)
    if group == 1:
        return (1, opens.timestamp(), item.id)
    return (2, -closes.timestamp(), item.id)


def funds_in_order(index: ContentIndex, items: list[Item], today: dt.date) -> list[Item]:
    return sorted(items, key=lambda item: fund_order_key(index, item, today))
