"""Render RSS 2.0 and Atom 1.0 files with feedgen, with every date taken from content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from feedgen.feed import FeedGenerator

from generator.content.index import ContentIndex, Item
from generator.features.feeds.catalog import (
    ATOM_TYPE,
    RSS_TYPE,
    FeedSpec,
    feed_items_announced,
    feed_specs,
)
from generator.features.feeds.entries import FeedEntry, feed_entry, local_midnight
from generator.output import OutputFile
from generator.urls import absolute

DEFAULT_LIMIT = 50
GENERATOR = "qinqing"


class _SharedEntries:
    """Announced items newest first, and each item's entry made once for all feeds.

    The order is `newest_first`'s: local midnight of the feed date is monotonic in the date.
    """

    def __init__(self, index: ContentIndex, today: dt.date) -> None:
        self.index = index
        self.today = today
        self.announced = sorted(
            feed_items_announced(index, today),
            key=lambda item: (index.feed_updated(item), item.id),
            reverse=True,
        )
        self._made: dict[str, FeedEntry] = {}

    def entry(self, item: Item) -> FeedEntry:
        made = self._made.get(item.id)
        if made is None:
            made = self._made[item.id] = feed_entry(self.index, item, self.today)
        return made

    def newest(self, spec: FeedSpec, limit: int) -> list[FeedEntry]:
        """The `limit` most recently updated entries of one feed, newest first."""
        chosen = []
        for item in self.announced:
            if len(chosen) >= limit:
                break
            if spec.select(item):
                chosen.append(self.entry(item))
        return chosen


def _site_updated(index: ContentIndex, today: dt.date) -> dt.datetime:
    """An empty feed still needs a date: the newest announced change anywhere on the site."""
    days = [index.feed_updated(i) for i in index.items.values() if i.published <= today]
    return local_midnight(max(days) if days else today, index.site.zone)


def _generator(
    index: ContentIndex, spec: FeedSpec, entries: list[FeedEntry], today: dt.date, fmt: str
) -> FeedGenerator:
    site = index.site
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(absolute(site, spec.path("atom")))
    fg.title(f"{site.title} · {spec.title}")
    fg.subtitle(spec.blurb)  # also the RSS <description>, which RSS requires
    self_type = ATOM_TYPE if fmt == "atom" else RSS_TYPE
    fg.link(href=absolute(site, spec.path(fmt)), rel="self", type=self_type)
    # feedgen makes the last link RSS's <link>, which must be the HTML page.
    fg.link(href=absolute(site, spec.page_path), rel="alternate", type="text/html")
    fg.language("zh-CN")
    fg.author({"name": site.title, "uri": str(site.base_url)})
    fg.generator(GENERATOR)
    # feedgen stamps the clock by default; the feed is as new as its newest entry.
    fg.updated(entries[0].updated if entries else _site_updated(index, today))
    for entry in entries:
        fe = fg.add_entry(order="append")
        fe.id(entry.entry_id)
        fe.guid(entry.entry_id, permalink=False)
        fe.title(entry.title)
        fe.link(href=entry.link, rel="alternate", type="text/html")
        fe.summary(entry.summary)
        fe.author({"name": entry.author})
        for name in entry.categories:
            fe.category(term=name)
        fe.published(entry.published)
        fe.updated(entry.updated)
        # RSS has no per-item "updated"; Dublin Core's date carries it for readers that look.
        fe.dc.dc_date(entry.updated.isoformat())
    return fg


def render_feed(
    index: ContentIndex, spec: FeedSpec, entries: list[FeedEntry], today: dt.date
) -> list[OutputFile]:
    """The RSS and Atom files of one feed of `entries`, newest first."""
    rss = _generator(index, spec, entries, today, "rss").rss_str(pretty=True)
    atom = _generator(index, spec, entries, today, "atom").atom_str(pretty=True)
    return [
        OutputFile(spec.path("rss"), rss, RSS_TYPE),
        OutputFile(spec.path("atom"), atom, ATOM_TYPE),
    ]


def build_feed_files(
    index: ContentIndex, today: dt.date, limit: int = DEFAULT_LIMIT
) -> Iterator[OutputFile]:
    """Every RSS and Atom file of the site, in catalog order, each of the `limit` newest
    entries (so a feed's size does not grow with the site)."""
    shared = _SharedEntries(index, today)
    for spec in feed_specs(index, today):
        yield from render_feed(index, spec, shared.newest(spec, limit), today)
