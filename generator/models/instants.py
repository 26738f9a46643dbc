"""Days and instants in a site's time zone: today, and the instants a window spans, and nothing more."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local_today(zone: dt.tzinfo = SHANGHAI) -> dt.date:
    """Today in a site's time zone: the one function that reads the clock for a day.

    Logic takes the day as an argument; only the edges (CLI, MkDocs plugin) call this.
    """
    return dt.datetime.now(zone).date()


def as_datetime_pair(
    opens: dt.date | dt.datetime, closes: dt.date | dt.datetime, zone: dt.tzinfo = SHANGHAI
) -> tuple[dt.datetime, dt.datetime]:
    """The first and last instants of a window; a bare closing date lasts to the end of that day."""
    return _start_instant(opens, zone), _end_instant(closes, zone)


def _start_instant(value: dt.date | dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    return dt.datetime.combine(value, dt.time(0, 0), zone)


def _end_instant(value: dt.date | dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    return dt.datetime.combine(value, dt.time(23, 59, 59), zone)
