"""The site digest: what the built site holds that subscribers have not heard of, and who gets what.

`qinqing notify digest --site site/` reads the open data of the build (`data/index.json` and its files),
compares each item's announcement version (its `feed_updated` date: publication, major
changes, withdrawal, repeal; minor changes never move it) and each fund's opening and
closing with what the `announced` table says was last sent, and queues one mail per
subscriber holding the new and majorly updated items of their choice, the funds that
opened and the funds that close within 3 working days. Messages and the new state commit
in one transaction; each message's key is the subscriber and the exact set of entries, so
several digests running at once (PostgreSQL) queue each mail once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.models.opendata import OpenDataError, read_records
from generator.notify.links import subscriber_links
from generator.notify.outbox import Message, Outbox
from generator.notify.subscriptions import Choices, Subscriber, Subscriptions

if TYPE_CHECKING:
    from generator.content.workdays import WorkCalendar
    from generator.models.site import SiteConfig

REMIND_WITHIN = 3  # working days


class DigestError(Exception):
    """The built site cannot be read (Chinese, for the operator)."""


@dataclass(frozen=True)
class Entry:
    """One thing to announce: an item (new or updated), a fund that opened, or a closing fund."""

    subject: str  # the announced table's key
    version: str
    section: str  # items | opened | reminders
    label: str
    title: str
    url: str
    collection: str
    department: str
    topics: tuple[str, ...]
    industries: tuple[str, ...]

    def shown(self) -> dict[str, str]:
        return {"label": self.label, "title": self.title, "url": self.url}


@dataclass(frozen=True)
class Outcome:
    """What one digest run did."""

    baseline: bool
    entries: int
    queued: int
    subscribers: int


def read_items(site_dir: Path) -> list[dict[str, Any]]:
    """Every record of the build's open data (`data/index.json` and the files it lists)."""
    try:
        return read_records(site_dir)
    except OpenDataError as err:
        raise DigestError(str(err)) from None


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def candidates(
    items: Iterable[dict[str, Any]], today: dt.date, calendar: WorkCalendar
) -> list[Entry]:
    """Every announceable fact of the build, with the version that says whether it was sent."""
    horizon = calendar.add_workdays(today, REMIND_WITHIN).date
    found = []
    for item in items:
        front = item.get("front_matter") or {}
        status = (item.get("status") or {}).get("code")
        base = dict(
            title=item["title"], url=item["url"], collection=item["collection"],
            department=(item.get("department") or {}).get("code", ""),
            topics=tuple(front.get("topics") or ()), industries=tuple(front.get("industries") or ()),
        )  # fmt: skip
        version = f"{item.get('feed_updated')}{'/withdrawn' if item.get('withdrawn') else ''}"
        label = f"【{item.get('collection_label', '')}】"
        found.append(
            Entry(f"item:{item['collection']}/{item['id']}", version, "items", label, **base)
        )
        if item["collection"] != "funds" or status != "open":
            continue
        found.append(
            Entry(f"open:{item['id']}", str(front.get("opens")), "opened", "【申报中】", **base)
        )
        closes = _day(front.get("closes"))
        if closes is not None and today <= closes <= horizon:
            label = f"【{closes.month}月{closes.day}日截止】"
            found.append(
                Entry(
                    f"deadline:{item['id']}", str(front.get("closes")), "reminders", label, **base
                )
            )
    return found


class _Wants:
    """Whether a subscriber with these choices hears of an entry: the choices as sets, asked of
    every entry (the digest's inner loop)."""

    def __init__(self, choices: Choices) -> None:
        self.open_funds, self.deadlines = choices.open_funds, choices.deadlines
        self.collections, self.departments = set(choices.collections), set(choices.departments)
        self.topics, self.industries = set(choices.topics), set(choices.industries)

    def __call__(self, entry: Entry) -> bool:
        if entry.section == "opened":
            return self.open_funds
        if entry.section == "reminders":
            return self.deadlines
        return (
            entry.collection in self.collections
            or entry.department in self.departments
            or not self.topics.isdisjoint(entry.topics)
            or not self.industries.isdisjoint(entry.industries)
        )


SECTIONS = ("reminders", "opened", "items")  # an item already listed in an earlier one is left out


def select(choices: Choices, fresh: list[Entry]) -> dict[str, list[Entry]]:
    """The entries of each section for one subscriber (`fresh` ordered by section)."""
    wants = _Wants(choices)
    sections: dict[str, list[Entry]] = {name: [] for name in SECTIONS}
    seen: set[str] = set()
    for entry in fresh:
        if entry.url not in seen and wants(entry):
            sections[entry.section].append(entry)
            seen.add(entry.url)
    return sections


def digest_message(
    site: SiteConfig, subscriber: Subscriber, sections: dict[str, list[Entry]]
) -> Message:
    entries = sorted(f"{e.subject}@{e.version}" for group in sections.values() for e in group)
    digest = hashlib.sha256("\n".join(entries).encode()).hexdigest()[:16]
    links = subscriber_links(site, subscriber.id, subscriber.token)
    payload = {
        "site": site.title, "manage": links["manage"], "unsubscribe": links["unsubscribe"],
        **{name: [e.shown() for e in group] for name, group in sections.items()},
    }  # fmt: skip
    return Message(
        f"digest.{subscriber.id}.{digest}",
        "email",
        subscriber.address,
        "subscription.digest",
        payload,
    )


def _labelled(entry: Entry, announced: dict[str, str]) -> Entry:
    if entry.section != "items":
        return entry
    what = "更新" if entry.subject in announced else "新发布"
    return replace(entry, label=f"{entry.label.removesuffix('】')}·{what}】")


def run_digest(
    outbox: Outbox,
    site: SiteConfig,
    items: list[dict[str, Any]],
    today: dt.date,
    calendar: WorkCalendar,
    now: float,
) -> Outcome:
    """Queue this build's digests and record what they announce, in one transaction."""
    store = outbox.store
    subscriptions = Subscriptions(store, outbox.keys)
    found = candidates(items, today, calendar)
    with store.tx() as conn:
        announced = dict(store.query(conn, "SELECT subject, version FROM announced"))
        baseline = not announced
        fresh = (
            []
            if baseline
            else [_labelled(e, announced) for e in found if announced.get(e.subject) != e.version]
        )
        queued = subscribers = 0
        if fresh:
            for subscriber in subscriptions.active(conn):
                subscribers += 1
                sections = select(subscriber.choices, fresh)
                if any(sections.values()):
                    queued += outbox.enqueue(conn, digest_message(site, subscriber, sections), now)
        # The first run records a marker too, so an empty site still leaves a baseline.
        done = [(e.subject, e.version) for e in (found if baseline else fresh)]
        for subject, version in [("baseline", str(today))] * baseline + done:
            store.query(
                conn,
                "INSERT INTO announced (subject, version, at) VALUES (?, ?, ?) "
                "ON CONFLICT (subject) DO UPDATE SET version = excluded.version, at = excluded.at",
                (subject, version, now),
            )
    return Outcome(baseline, len(fresh), queued, subscribers)
