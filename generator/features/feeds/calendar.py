"""iCalendar files of fund application windows, announcement publicity periods and
consultation comment windows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from icalendar import Calendar, Event

from generator.content.index import ContentIndex, Item
from generator.features.feeds.entries import local_midnight, site_host
from generator.models.announcements import Announcement
from generator.models.consultations import Consultation
from generator.models.funds import Fund
from generator.output import OutputFile
from generator.urls import CALENDAR_DIR, item_url

ICS_TYPE = "text/calendar"
DEADLINES_PATH = f"{CALENDAR_DIR}deadlines.ics"
PRODID = "-//qinqing//policy disclosure calendar//ZH"


def calendar_link(item: Item) -> str | None:
    """The site-relative path of an item's own .ics (funds, announcements, consultations), else None."""
    if item.collection in ("funds", "announcements", "consultations"):
        return f"{CALENDAR_DIR}{item.id}.ics"
    return None


def calendar_links(index: ContentIndex, item: Item) -> list[tuple[str, str, str]]:
    """The action-block link to the item's own .ics, for items that have one (see build_calendar_files)."""
    # Every fund, announcement and consultation has events (item_events): making them here,
    # on every page that shows the item's actions, was 4% of compiling an item page.
    path = calendar_link(item)
    return [] if path is None else [("calendar", "加入日历", path)]


def _when(value: dt.date | dt.datetime, zone: dt.tzinfo) -> dt.date | dt.datetime:
    """Bare dates stay dates (all-day events); naive date-times are in the site's zone."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value


def _event(
    index: ContentIndex,
    item: Item,
    kind: str,
    label: str,
    start: dt.date | dt.datetime,
    end: dt.date | None,
    description: str,
) -> Event:
    site = index.site
    event = Event()
    event.add("uid", f"{item.id}-{kind}@{site_host(site)}")
    # DTSTAMP must be UTC; it is the last announced change, so the file does not churn daily.
    stamp = local_midnight(index.feed_updated(item), site.zone).astimezone(dt.UTC)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    prefix = "【已撤回】" if item.withdrawn else ""
    event.add("summary", f"{prefix}【{label}】{item.title}")
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    elif not isinstance(start, dt.datetime):
        event.add("dtend", start + dt.timedelta(days=1))
    # A date-time deadline is an instant: no DTEND means it lasts no time (RFC 5545 3.6.1).
    event.add("url", item_url(site, item))
    event.add("description", f"{description}\n{item_url(site, item)}")
    event.add("status", "CANCELLED" if item.withdrawn else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def item_events(index: ContentIndex, item: Item) -> list[Event]:
    """Opening and closing of a fund's or a consultation's window, or an announcement's
    publicity period."""
    data = item.data
    zone = index.site.zone
    if isinstance(data, Fund):
        summary = data.summary or data.funding
        return [
            _event(index, item, "opens", "申报开始", _when(data.opens, zone), None, summary),
            _event(index, item, "closes", "申报截止", _when(data.closes, zone), None, summary),
        ]
    if isinstance(data, Announcement):
        objections = data.objections
        text = f"公示期内如有异议，请联系：电话 {objections.phone}；地址 {objections.address}"
        if objections.email:
            text += f"；邮箱 {objections.email}"
        last = data.publicity.end + dt.timedelta(days=1)  # DTEND of an all-day span is exclusive
        return [_event(index, item, "publicity", "公示期", data.publicity.start, last, text)]
    if isinstance(data, Consultation):
        summary = data.summary or "征求意见期间可在网站上在线提交意见。"
        return [
            _event(index, item, "opens", "征求意见开始", data.opens, None, summary),
            _event(index, item, "closes", "征求意见截止", data.closes, None, summary),
        ]
    return []


def _sort_key(event: Event) -> tuple[str, str]:
    start = event.decoded("dtstart")
    instant = (
        start.astimezone(dt.UTC).isoformat()
        if isinstance(start, dt.datetime)
        else start.isoformat()
    )
    return instant, str(event["uid"])


def render_calendar(index: ContentIndex, name: str, events: list[Event]) -> bytes:
    return _calendar(index, name, [(_sort_key(e), e, e.to_ical()) for e in events])


# (sort key, event, its serialized VEVENT block)
_Rendered = tuple[tuple[str, str], Event, bytes]
_END = b"END:VCALENDAR\r\n"


def _calendar(index: ContentIndex, name: str, events: list[_Rendered]) -> bytes:
    """A VCALENDAR around events serialized once each (an event appears in two files).

    Same bytes as serializing the whole Calendar: icalendar puts VTIMEZONEs first, then the
    subcomponents in order, each as its own content lines.
    """
    site = index.site
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", site.timezone)
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    ordered = sorted(events, key=lambda rendered: rendered[0])
    for _key, event, _data in ordered:
        cal.add_component(event)
    cal.add_missing_timezones()
    cal.subcomponents = [c for c in cal.subcomponents if c.name == "VTIMEZONE"]
    head = cal.to_ical()
    assert head.endswith(_END)
    return head[: -len(_END)] + b"".join(data for _key, _event, data in ordered) + _END


def window_start(today: dt.date) -> dt.date:
    """The first day `deadlines.ics` reaches back to: 1 January of the build's year."""
    return dt.date(today.year, 1, 1)


def _last_day(events: list[Event]) -> dt.date:
    ends = [e.decoded("dtend") if "dtend" in e else e.decoded("dtstart") for e in events]
    return max(end.date() if isinstance(end, dt.datetime) else end for end in ends)


def build_calendar_files(index: ContentIndex, today: dt.date) -> Iterator[OutputFile]:
    """One file per item with all its events, then `calendar/deadlines.ics` with the events
    of every announced item whose dates reach this year or later (`window_start`: the file
    stays the size of a year or two of events however old the site is)."""
    events: list[_Rendered] = []
    since = window_start(today)
    for item in sorted(index.all_items(), key=lambda item: calendar_link(item) or ""):
        made = item_events(index, item)
        if not made:
            continue
        own = [(_sort_key(e), e, e.to_ical()) for e in made]
        if item.published <= today and _last_day(made) >= since:
            events += own
        yield OutputFile(calendar_link(item) or "", _calendar(index, item.title, own), ICS_TYPE)
    name = f"{index.site.title} · 申报截止与公示期"
    yield OutputFile(DEADLINES_PATH, _calendar(index, name, events), ICS_TYPE)
