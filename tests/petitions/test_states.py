"""Transitions refuse illegal moves; due dates follow the working-day calendar."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from generator.content.workdays import WorkCalendar
from generator.models.site import TimeLimits
from generator.petitions import states
from generator.petitions.limits import current_due, finished_on_time, is_overdue
from generator.petitions.states import Event, Refused, fold

ZONE = ZoneInfo("Asia/Shanghai")
CAL = WorkCalendar()


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=ZONE)


def received(day: str) -> list[Event]:
    return [Event(at(day), states.RECEIVED, "enterprise")]


def test_illegal_moves_are_refused():
    events = received("2026-11-26")
    state = fold(events)
    with pytest.raises(Refused):
        states.reply(state, "答复", at("2026-11-27"), "staff")
    with pytest.raises(Refused):
        states.close(state, at("2026-11-27"), "staff")
    with pytest.raises(Refused):
        states.accept(state, "elsewhere", at("2026-11-27"), "staff")
    with pytest.raises(Refused):
        states.rate(state, "satisfied", "", at("2026-11-27"))
    events.append(states.accept(state, "local", at("2026-11-27"), "staff"))
    with pytest.raises(Refused):
        states.accept(fold(events), "local", at("2026-11-27"), "staff")
    with pytest.raises(Refused):
        states.extend(fold(events), 3, "  ", at("2026-11-27"), "staff", dt.date(2026, 12, 1))


def test_acknowledge_due_skips_the_national_day_holiday():
    # Received Tuesday 2026-09-29; 10-01..10-07 are holidays; Sunday 10-11 is not a make-up day
    # in every year, so compare with the calendar rather than a hard-coded answer.
    state = fold(received("2026-09-30"))
    due = current_due(state, TimeLimits(acknowledge=1), CAL, ZONE)
    expected = dt.date(2026, 10, 1)
    while not CAL.is_workday(expected):
        expected += dt.timedelta(days=1)
    assert due.date == expected and due.date > dt.date(2026, 10, 7)
    assert not due.provisional


def test_route_limits_count_from_receipt_and_extension_moves_due():
    events = received("2026-11-26")  # Thursday
    events.append(states.accept(fold(events), "local", at("2026-11-26", 15), "staff"))
    limits = TimeLimits(local=2)
    due = current_due(fold(events), limits, CAL, ZONE)
    assert due.date == dt.date(2026, 11, 30)  # Fri 27, Mon 30
    new_due = CAL.add_workdays(due.date, 3).date
    events.append(
        states.extend(fold(events), 3, "需要现场核查", at("2026-11-27"), "staff", new_due)
    )
    assert current_due(fold(events), limits, CAL, ZONE).date == new_due == dt.date(2026, 12, 3)
    assert is_overdue(
        current_due(fold(events), limits, CAL, ZONE), fold(events), dt.date(2026, 12, 4)
    )
    events.append(states.reply(fold(events), "已答复", at("2026-12-02"), "staff"))
    assert finished_on_time(fold(events), limits, CAL, ZONE) is True
    assert current_due(fold(events), limits, CAL, ZONE) is None


def test_year_without_calendar_data_gives_provisional_due():
    state = fold(received("2031-03-03"))
    assert not CAL.has_data(2031)
    assert current_due(state, TimeLimits(), CAL, ZONE).provisional


def test_dissatisfied_rating_reopens_only_once():
    events = received("2026-11-26")
    for make in (
        lambda s: states.accept(s, "local", at("2026-11-26"), "staff"),
        lambda s: states.reply(s, "答复", at("2026-11-27"), "staff"),
        lambda s: states.close(s, at("2026-11-27"), "staff"),
    ):
        events.append(make(fold(events)))
    first = states.rate(fold(events), "dissatisfied", "", at("2026-11-28"))
    assert [e.kind for e in first] == ["rated", "reopened"]
    events += first
    assert fold(events).status == states.ACCEPTED
    events.append(states.reply(fold(events), "再答复", at("2026-11-30"), "staff"))
    events.append(states.close(fold(events), at("2026-11-30"), "staff"))
    second = states.rate(fold(events), "dissatisfied", "", at("2026-12-01"))
    assert [e.kind for e in second] == ["rated"]


def test_department_follows_the_received_event_then_each_hand_over():
    first = Event(at("2026-11-26"), states.RECEIVED, "enterprise", data={"department": "jjgxj"})
    assert fold([first]).department == "jjgxj"
    moved = Event(at("2026-11-27"), "transferred", "staff", data={"department": "jjkjj"})
    assert fold([first, moved]).department == "jjkjj"
    assert fold(received("2026-11-26")).department is None
