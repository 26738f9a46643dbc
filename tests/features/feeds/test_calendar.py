"""The iCalendar files, parsed back: every deadline, stable UIDs, dates from content."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from generator.features.feeds import build_calendar_files, calendar_link
from generator.features.feeds.calendar import calendar_links, item_events
from tests.features.feeds.conftest import HOST, TODAY, as_date, by_name, load, read_front_matter


def events(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _last_day(collection: str, fm: dict) -> dt.date | None:
    """The last day an item's events reach, read from the front matter."""
    if collection in ("funds", "consultations"):
        return _day(fm["closes"])
    if collection == "announcements":
        return fm["publicity"]["end"]
    return None


def test_deadlines_hold_every_fund_close_and_publicity_end_of_this_year_and_later(tree):
    files = by_name(build_calendar_files(load(tree), TODAY))
    found = events(files["calendar/deadlines.ics"])
    content = read_front_matter(tree)
    expected_uids = set()
    for item_id, (collection, fm) in content.items():
        if as_date(fm["published"]) > TODAY:
            continue
        last = _last_day(collection, fm)
        if last is not None and last < dt.date(TODAY.year, 1, 1):
            continue  # before the window: only in the item's own calendar
        if collection == "funds":
            closes = found[f"{item_id}-closes@{HOST}"]
            start = closes.decoded("dtstart")
            assert _day(start) == (
                fm["closes"].date() if isinstance(fm["closes"], dt.datetime) else fm["closes"]
            )
            expected_uids |= {f"{item_id}-opens@{HOST}", f"{item_id}-closes@{HOST}"}
        elif collection == "consultations":
            opens = found[f"{item_id}-opens@{HOST}"]
            closes = found[f"{item_id}-closes@{HOST}"]
            assert opens.decoded("dtstart") == fm["opens"]
            assert closes.decoded("dtstart") == fm["closes"]
            assert str(closes["summary"]).startswith("【征求意见截止】")
            expected_uids |= {f"{item_id}-opens@{HOST}", f"{item_id}-closes@{HOST}"}
        elif collection == "announcements":
            span = found[f"{item_id}-publicity@{HOST}"]
            assert span.decoded("dtstart") == fm["publicity"]["start"]
            # DTEND of an all-day event is exclusive: the day after the last day of publicity.
            assert span.decoded("dtend") - dt.timedelta(days=1) == fm["publicity"]["end"]
            expected_uids.add(f"{item_id}-publicity@{HOST}")
    assert set(found) == expected_uids


def test_the_site_calendar_reaches_back_to_january_of_the_build_year(tree):
    index = load(tree)
    now = events(by_name(build_calendar_files(index, TODAY))["calendar/deadlines.ics"])
    last_year = dt.date(2025, 12, 1)
    then = events(by_name(build_calendar_files(index, last_year))["calendar/deadlines.ics"])
    # closed-fund closed on 2025-07-31: in 2025's calendar, not in 2026's, always in its own.
    assert f"closed-fund-closes@{HOST}" in then
    assert f"closed-fund-closes@{HOST}" not in now
    own = events(by_name(build_calendar_files(index, TODAY))["calendar/closed-fund.ics"])
    assert set(own) == {f"closed-fund-opens@{HOST}", f"closed-fund-closes@{HOST}"}
    assert f"open-fund-closes@{HOST}" in now and f"open-fund-closes@{HOST}" not in then


def test_bare_dates_are_all_day_and_times_are_in_shanghai(tree):
    files = by_name(build_calendar_files(load(tree), TODAY))
    found = events(files["calendar/deadlines.ics"]) | events(files["calendar/closed-fund.ics"])
    all_day = found[f"closed-fund-closes@{HOST}"]
    assert type(all_day.decoded("dtstart")) is dt.date
    assert all_day.decoded("dtend") == dt.date(2025, 8, 1)
    timed = found[f"open-fund-closes@{HOST}"]
    start = timed.decoded("dtstart")
    assert start == dt.datetime(2026, 12, 31, 9, 0, tzinfo=dt.UTC)
    assert str(timed["dtstart"].params["TZID"]) == "Asia/Shanghai"
    assert "DTEND" not in timed  # an instant


def test_stamps_come_from_content_not_the_clock(tree):
    index = load(tree)
    first = list(build_calendar_files(index, TODAY))
    assert [f.data for f in first] == [f.data for f in build_calendar_files(index, TODAY)]
    found = events(by_name(first)["calendar/deadlines.ics"])
    stamp = found[f"open-fund-opens@{HOST}"].decoded("dtstamp")
    # The fund's last major change (2026-11-10) at local midnight, in UTC.
    assert stamp == dt.datetime(2026, 11, 9, 16, 0, tzinfo=dt.UTC)


def test_each_fund_announcement_and_consultation_has_its_own_calendar(tree):
    index = load(tree)
    files = by_name(build_calendar_files(index, TODAY))
    for item in index.items.values():
        link = calendar_link(item)
        if item.collection in ("funds", "announcements", "consultations"):
            uids = set(events(files[link]))
            assert uids and all(u.startswith(f"{item.id}-") for u in uids)
        else:
            assert link is None


def test_the_add_to_calendar_link_is_there_exactly_when_the_item_has_events(tree):
    index = load(tree)
    for item in index.items.values():
        links = calendar_links(index, item)
        assert bool(links) == bool(item_events(index, item))
        assert [path for _, _, path in links] == ([calendar_link(item)] if links else [])


def test_withdrawn_items_are_cancelled_and_keep_their_uids(write_tree, items):
    items["funds/open-fund.md"]["withdrawn"] = {"date": dt.date(2026, 11, 25), "reason": "调整"}
    found = events(
        by_name(build_calendar_files(load(write_tree(items)), TODAY))["calendar/deadlines.ics"]
    )
    event = found[f"open-fund-closes@{HOST}"]
    assert str(event["status"]) == "CANCELLED"
    assert "已撤回" in str(event["summary"])
