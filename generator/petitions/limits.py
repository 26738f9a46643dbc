"""Due dates in working days: what the current step of a petition must be done by."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.petitions.states import ACCEPTED, OPEN, RECEIVED, State

if TYPE_CHECKING:
    from generator.content.workdays import WorkCalendar
    from generator.models.site import TimeLimits


@dataclass(frozen=True)
class Due:
    """The date a step is due; `provisional` when the holiday calendar lacked that year."""

    date: dt.date
    provisional: bool
    step: str


def route_due(
    state: State, limits: TimeLimits, calendar: WorkCalendar, zone: dt.tzinfo
) -> Due | None:
    """The due date of the answer on the petition's route (None before acceptance)."""
    if state.route is None:
        return None
    start = (state.reopened_at or state.received_at).astimezone(zone).date()
    days = getattr(limits, state.route) + state.extra_days
    due = calendar.add_workdays(start, days)
    return Due(due.date, due.provisional, state.route)


def current_due(
    state: State, limits: TimeLimits, calendar: WorkCalendar, zone: dt.tzinfo
) -> Due | None:
    """The due date of the step now open, or None when nothing is due."""
    if state.status == RECEIVED:
        start = state.received_at.astimezone(zone).date()
        due = calendar.add_workdays(start, limits.acknowledge + state.extra_days)
        return Due(due.date, due.provisional, "acknowledge")
    if state.status == ACCEPTED:
        return route_due(state, limits, calendar, zone)
    return None


def is_overdue(due: Due | None, state: State, today: dt.date) -> bool:
    return due is not None and state.status in OPEN and today > due.date


def finished_on_time(
    state: State, limits: TimeLimits, calendar: WorkCalendar, zone: dt.tzinfo
) -> bool | None:
    """Whether the answer came by its due date (None when not finished)."""
    due = route_due(state, limits, calendar, zone)
    if state.finished_at is None or due is None:
        return None
    return state.finished_at.astimezone(zone).date() <= due.date
