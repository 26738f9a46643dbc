"""督办统计: supervision figures per department and per category over a period, and nothing more.

A pure function of the site settings, the records, a period and a day: received, finished
on time, overdue now, the median of working days taken, dissatisfied ratings and reopenings.
Petitions count in the period they were received in; hidden (spam) petitions are left out.
Names are the Chinese ones of site.yaml, so nothing staff read is an English code.
"""

from __future__ import annotations

import datetime as dt
import functools
import statistics
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.csvsafe import excel_text
from generator.petitions import states
from generator.petitions.casebook import Casebook, site_calendar
from generator.petitions.limits import current_due, finished_on_time, is_overdue

if TYPE_CHECKING:
    from generator.content.workdays import WorkCalendar
    from generator.models.site import SiteConfig
    from generator.petitions.states import State
    from generator.petitions.store import Record

PERIODS = {"month": "本月", "quarter": "本季度", "year": "本年", "custom": "自定义"}
UNASSIGNED = "未分派"
HEADERS = (
    "收到", "已办结", "按时办结", "当前超期", "办理用时中位数（工作日）", "不满意评价", "重新办理",
)  # fmt: skip


class _RememberingCalendar:
    """The site's calendar with its answers remembered for one computation: petitions received
    on the same day with the same limit share their due date. Measured with
    benchmarks/answers.py (10,000 petitions, one year): 6.4 s before (each petition folded
    three times, every due date counted anew), 1.3 s with one fold and this memory."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self._calendar = calendar
        self.add_workdays = functools.cache(calendar.add_workdays)
        self.workdays_between = functools.cache(calendar.workdays_between)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._calendar, name)


class PeriodError(ValueError):
    """A period that cannot be used; the message is Chinese."""


def period_bounds(
    kind: str, today: dt.date, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The first and last day of the period `kind` that holds `today` (or `start`..`end`)."""
    if kind == "month":
        first = today.replace(day=1)
    elif kind == "quarter":
        first = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    elif kind == "year":
        first = today.replace(month=1, day=1)
    elif kind == "custom":
        if start is None or end is None:
            raise PeriodError("自定义期间请填写开始日期和结束日期")
        if start > end:
            raise PeriodError("开始日期不能晚于结束日期")
        return start, end
    else:
        raise PeriodError("未知的统计期间，可选：本月、本季度、本年、自定义")
    return first, today


@dataclass
class Row:
    """The figures of one department or category (or of all petitions)."""

    name: str
    received: int = 0
    finished: int = 0
    on_time: int = 0
    overdue: int = 0
    days: list[int] = field(default_factory=list)
    dissatisfied: int = 0
    reopened: int = 0

    @property
    def median_days(self) -> float | None:
        return float(statistics.median(self.days)) if self.days else None

    def cells(self) -> tuple:
        median = self.median_days
        shown = "—" if median is None else f"{median:g}"
        return (
            self.received, self.finished, self.on_time, self.overdue, shown,
            self.dissatisfied, self.reopened,
        )  # fmt: skip


@dataclass(frozen=True)
class Figures:
    """Figures of one period: by department, by category, and in total."""

    first: dt.date
    last: dt.date
    by_department: list[Row]
    by_category: list[Row]
    total: Row


@dataclass(frozen=True)
class _Facts:
    """What one petition adds to each row it counts in (worked out once per petition)."""

    finished: bool
    on_time: bool
    days: int | None
    overdue: bool
    dissatisfied: int
    reopened: bool


def _facts(record: Record, state: State, casebook: Casebook, today: dt.date) -> _Facts:
    zone = casebook.site.zone
    limits = casebook.limits(record.category)
    finished = state.status in states.FINISHED and state.finished_at is not None
    days = None
    if finished:
        days = casebook.calendar.workdays_between(
            record.received_at.astimezone(zone).date(), state.finished_at.astimezone(zone).date()
        )
    due = current_due(state, limits, casebook.calendar, zone)
    return _Facts(
        finished=finished,
        on_time=finished and bool(finished_on_time(state, limits, casebook.calendar, zone)),
        days=days,
        overdue=is_overdue(due, state, today),
        dissatisfied=sum(
            1 for e in record.events if e.kind == "rated" and e.data.get("rating") == "dissatisfied"
        ),
        reopened=any(e.kind == "reopened" for e in record.events),
    )


def _add(row: Row, facts: _Facts) -> None:
    row.received += 1
    row.finished += facts.finished
    row.on_time += facts.on_time
    if facts.days is not None:
        row.days.append(facts.days)
    row.overdue += facts.overdue
    row.dissatisfied += facts.dissatisfied
    row.reopened += facts.reopened


def compute_figures(
    records: list[Record],
    site: SiteConfig,
    first: dt.date,
    last: dt.date,
    today: dt.date,
    categories_shown: Collection[str] | None = None,
) -> Figures:
    """The figures of the petitions received from `first` to `last` (inclusive), for `today`;
    with `categories_shown`, the category rows listed are those (the caller picked the records)."""
    casebook = Casebook(site, _RememberingCalendar(site_calendar(site)))  # type: ignore[arg-type]
    departments = {code: Row(d.name) for code, d in site.departments.items()}
    categories = {
        code: Row(c.name)
        for code, c in site.petitions.categories.items()
        if categories_shown is None or code in categories_shown
    }
    unassigned = Row(UNASSIGNED)
    total = Row("合计")
    for record in records:
        received = record.received_at.astimezone(site.zone).date()
        if not first <= received <= last:
            continue
        state = record.state
        if state.status == states.HIDDEN:
            continue
        code = state.department
        department = departments.get(code) if code else unassigned
        if department is None:  # a department site.yaml no longer has: shown by its code
            department = departments.setdefault(code, Row(code))
        category = categories.get(record.category)
        if category is None:
            category = categories.setdefault(record.category, Row(record.category))
        facts = _facts(record, state, casebook, today)
        for row in (department, category, total):
            _add(row, facts)
    by_department = [*departments.values(), *([unassigned] if unassigned.received else [])]
    return Figures(first, last, by_department, list(categories.values()), total)


def figures_csv(figures: Figures) -> str:
    """The figures as CSV with Chinese headers, spreadsheet-safe, with a BOM for Excel."""
    rows: list[list[Any]] = [
        ["统计期间", f"{figures.first.isoformat()} 至 {figures.last.isoformat()}"]
    ]
    for heading, group in (("承办部门", figures.by_department), ("诉求类别", figures.by_category)):
        rows += [[], [heading, *HEADERS], *([row.name, *row.cells()] for row in group)]
    rows += [[], [figures.total.name, *figures.total.cells()]]
    return excel_text(rows)
