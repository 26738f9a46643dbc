"""Public aggregate figures of petitions (no personal data), and the build-time snapshot."""

from __future__ import annotations

import datetime as dt
import os
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.petitions import states
from generator.petitions.limits import finished_on_time

if TYPE_CHECKING:
    from generator.content.workdays import WorkCalendar
    from generator.models.site import SiteConfig
    from generator.petitions.store import Record


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def compute_stats(
    records: list[Record], site: SiteConfig, calendar: WorkCalendar, now: dt.datetime
) -> dict[str, Any]:
    """Received, finished, on-time share, median working days and satisfaction, overall,
    by category and by month. Hidden (spam) petitions are not counted."""
    zone = site.zone
    categories = site.petitions.categories
    groups: dict[str, dict[str, list]] = {"all": defaultdict(list)}
    by_category: dict[str, dict[str, list]] = {code: defaultdict(list) for code in categories}
    by_month: dict[str, dict[str, list]] = {}
    for record in records:
        state = record.state
        if state.status not in states.VISIBLE:
            continue
        month = record.received_at.astimezone(zone).strftime("%Y-%m")
        buckets = [groups["all"], by_category.setdefault(record.category, defaultdict(list))]
        buckets.append(by_month.setdefault(month, defaultdict(list)))
        category = categories.get(record.category)
        limits = category.limits if category else None
        on_time = finished_on_time(state, limits, calendar, zone) if limits else None
        days = None
        if state.finished_at is not None:
            days = calendar.workdays_between(
                record.received_at.astimezone(zone).date(),
                state.finished_at.astimezone(zone).date(),
            )
        for bucket in buckets:
            bucket["received"].append(1)
            if state.status in states.FINISHED:
                bucket["finished"].append(1)
                bucket["on_time"].append(1 if on_time else 0)
                if days is not None:
                    bucket["days"].append(days)
            if state.rating:
                bucket["ratings"].append(state.rating)

    def summary(bucket: dict[str, list]) -> dict[str, Any]:
        finished = len(bucket["finished"])
        ratings = Counter(bucket["ratings"])
        rated = sum(ratings.values())
        return {
            "received": len(bucket["received"]),
            "finished": finished,
            "on_time_percent": _percent(sum(bucket["on_time"]), finished),
            "median_workdays": _median(bucket["days"]),
            "satisfaction": {code: ratings.get(code, 0) for code in states.RATINGS},
            "satisfied_percent": _percent(ratings["satisfied"] + ratings["fair"], rated),
        }

    return {
        "generated_at": now.astimezone(zone).isoformat(timespec="seconds"),
        **summary(groups["all"]),
        "by_category": [
            {
                "category": code,
                "name": categories[code].name if code in categories else code,
                **summary(b),
            }
            for code, b in by_category.items()
        ],
        "by_month": [{"month": month, **summary(by_month[month])} for month in sorted(by_month)],
    }


def load_stats_snapshot(
    database_url: str | None, site: SiteConfig | None = None, now: dt.datetime | None = None
) -> dict[str, Any] | None:
    """Figures for the 诉求办理情况 page at build time; None when no database is configured.

    `site` defaults to the file named by QINQING_CONFIG (content/site.yaml).
    """
    if not database_url:
        return None
    from generator.petitions.backends import open_store
    from generator.petitions.casebook import site_calendar
    from generator.petitions.config import load_site

    if site is None:
        site = load_site(Path(os.environ.get("QINQING_CONFIG", "content/site.yaml")))
    if (
        database_url.startswith("sqlite:///")
        and not Path(database_url.removeprefix("sqlite:///")).exists()
    ):
        return None
    store = open_store(database_url)
    try:
        records = store.all()
    finally:
        store.close()
    return compute_stats(records, site, site_calendar(site), now or dt.datetime.now(dt.UTC))
