"""The handler's ISO dates and times as people read them (2026年12月1日 09:30), and nothing more.

The API keeps ISO strings for machines; pages show these. petitions.js has the same rules
for what it renders in the browser.
"""

from __future__ import annotations

import datetime as dt


def chinese_date(value: str | dt.date | None) -> str:
    """`2026-12-01` (or a date, or the date of an ISO date-time) -> `2026年12月1日`."""
    if not value:
        return ""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_time(value: str | dt.datetime | None, zone: dt.tzinfo | None = None) -> str:
    """An ISO date-time -> `2026年12月1日 09:30`, in `zone` when given and the value has an offset."""
    if not value:
        return ""
    try:
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if zone is not None and moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return f"{chinese_date(moment.date())} {moment.hour:02d}:{moment.minute:02d}"


def chinese_month(value: str) -> str:
    """`2026-12` -> `2026年12月`."""
    year, _, month = value.partition("-")
    if not (year.isdigit() and month.isdigit()):
        return value
    return f"{int(year)}年{int(month)}月"
