"""Feeds, calendars, open data and the 订阅 page: everything subscribers and re-users fetch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.cache.memo import remembered_stream
from generator.cache.store import digest
from generator.compile.shape import bodies_key, shape_key
from generator.content.index import ContentIndex
from generator.features.feeds.calendar import build_calendar_files, calendar_link
from generator.features.feeds.catalog import feed_links_for_page, feed_specs
from generator.features.feeds.feeds import DEFAULT_LIMIT, build_feed_files
from generator.features.feeds.opendata import build_data_files
from generator.features.feeds.recipient_lists import list_files
from generator.features.feeds.subscribe import subscribe_page
from generator.output import OutputFile

__all__ = [
    "build_calendar_files",
    "build_data_files",
    "build_feed_files",
    "build_subscription_files",
    "calendar_link",
    "feed_links_for_page",
    "feed_specs",
    "subscribe_page",
]


def build_subscription_files(
    index: ContentIndex, today: dt.date, limit: int = DEFAULT_LIMIT
) -> Iterator[OutputFile]:
    """Feeds, calendars, open data and the announcements' list downloads: what the site build
    adds from this package, made one file at a time (a writer writes each as it comes)."""
    # With a build cache each part is read back while what it shows is unchanged: the
    # feeds' entries show bodies (an excerpt when there is no summary), the rest does not.
    shape = shape_key(index, today)
    feeds = digest(shape, bodies_key(index), "feeds", str(limit))
    yield from remembered_stream("files", feeds, lambda: build_feed_files(index, today, limit))
    rest = digest(shape, "calendars, open data, lists")
    yield from remembered_stream("files", rest, lambda: _shape_files(index, today))


def _shape_files(index: ContentIndex, today: dt.date) -> Iterator[OutputFile]:
    yield from build_calendar_files(index, today)
    yield from build_data_files(index, today)
    yield from list_files(index)
