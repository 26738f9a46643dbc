"""Count Chinese working days: public holidays, 调休 make-up days, and a site's own overrides."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

import chinese_calendar


def _years_with_data() -> frozenset[int]:
    return frozenset(d.year for d in chinese_calendar.holidays) | frozenset(
        d.year for d in chinese_calendar.workdays
    )


_KNOWN_YEARS = _years_with_data()


@functools.lru_cache(maxsize=8192)
def _package_is_workday(day: dt.date) -> bool:
    # chinese_calendar scans its whole table on every call; a day's answer never changes.
    return chinese_calendar.is_workday(day)


@dataclass(frozen=True)
class DueDate:
    """A date reached by counting working days; `provisional` when a year had no holiday data."""

    date: dt.date
    provisional: bool


@dataclass(frozen=True)
class WorkCalendar:
    """Answers whether a date is a working day, and counts working days forward.

    Site overrides win over the package data; for a year the package has no data for,
    only weekends are rest days and every answer that depended on it is provisional.
    """

    rest_days: frozenset[dt.date] = field(default_factory=frozenset)
    make_up_workdays: frozenset[dt.date] = field(default_factory=frozenset)

    @classmethod
    def from_overrides(
        cls, rest_days: Iterable[dt.date] = (), make_up_workdays: Iterable[dt.date] = ()
    ) -> WorkCalendar:
        return cls(frozenset(rest_days), frozenset(make_up_workdays))

    def has_data(self, year: int) -> bool:
        return year in _KNOWN_YEARS

    def is_workday(self, day: dt.date) -> bool:
        if day in self.make_up_workdays:
            return True
        if day in self.rest_days:
            return False
        if day.year in _KNOWN_YEARS:
            return _package_is_workday(day)
        return day.weekday() < 5

    def add_workdays(self, start: dt.date, days: int) -> DueDate:
        """The date `days` working days after `start`, counting from the day after it."""
        provisional = False
        day = start
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            provisional = provisional or not self.has_data(day.year)
            if self.is_workday(day):
                counted += 1
        return DueDate(day, provisional)

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in the span after `start` up to and including `end` (0 if end <= start)."""
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    def workdays_in(self, first: dt.date, last: dt.date) -> int:
        """Working days from `first` to `last`, both included."""
        return self.workdays_between(first - dt.timedelta(days=1), last)
