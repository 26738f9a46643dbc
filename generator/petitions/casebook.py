"""What staff read from the petitions (due dates, work lists, overdue lists, export rows), and nothing more.

Pure functions of the site settings, the records and a day: the petition service, the
`qinqing petitions` commands and `qinqing report` all ask this one place, so a category's
time limits and the working-day calendar are worked out once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.content.workdays import WorkCalendar
from generator.models.site import TimeLimits
from generator.petitions.limits import Due, current_due, finished_on_time, is_overdue
from generator.petitions.states import OPEN, RATINGS

if TYPE_CHECKING:
    from generator.models.site import SiteConfig
    from generator.petitions.store import Record


def site_calendar(site: SiteConfig) -> WorkCalendar:
    """The working-day calendar of a site: the official one with its own overrides."""
    return WorkCalendar.from_overrides(site.holidays.rest_days, site.holidays.make_up_workdays)


@dataclass(frozen=True)
class Entry:
    """A record with its current due date and whether it is overdue on the day asked."""

    record: Record
    due: Due | None
    late: bool


class Casebook:
    """Due dates and lists over petition records, for one site."""

    def __init__(self, site: SiteConfig, calendar: WorkCalendar | None = None) -> None:
        self.site = site
        self.calendar = calendar or site_calendar(site)

    def limits(self, category: str) -> TimeLimits:
        """The category's time limits; the defaults for a category the site no longer has."""
        found = self.site.petitions.categories.get(category)
        return found.limits if found is not None else TimeLimits()

    def category_name(self, code: str) -> str:
        found = self.site.petitions.categories.get(code)
        return found.name if found else code

    def due(self, record: Record) -> Due | None:
        return current_due(
            record.state, self.limits(record.category), self.calendar, self.site.zone
        )

    def overdue(self, record: Record, today: dt.date) -> bool:
        return is_overdue(self.due(record), record.state, today)

    def entry(self, record: Record, today: dt.date) -> Entry:
        due = self.due(record)
        return Entry(record, due, is_overdue(due, record.state, today))

    def worklist(
        self,
        records: list[Record],
        today: dt.date,
        *,
        overdue_only: bool = False,
        due_within: int | None = None,
        include_finished: bool = False,
    ) -> list[Entry]:
        """Open petitions (all with `include_finished`), overdue first, then by due date."""
        entries = []
        for record in records:
            entry = self.entry(record, today)
            if not include_finished and record.state.status not in OPEN:
                continue
            if overdue_only and not entry.late:
                continue
            if due_within is not None and (
                entry.due is None or (entry.due.date - today).days > due_within
            ):
                continue
            entries.append(entry)
        return sorted(
            entries,
            key=lambda e: (not e.late, e.due.date if e.due else dt.date.max, e.record.receipt),
        )

    def overdue_entries(self, records: list[Record], today: dt.date) -> list[Entry]:
        """Petitions past the due date of their current step."""
        return [e for r in records if (e := self.entry(r, today)).late]

    def export_row(self, record: Record, today: dt.date) -> dict[str, Any]:
        """One petition as the export's columns (no contact details)."""
        state = record.state
        due = self.due(record)
        on_time = finished_on_time(
            state, self.limits(record.category), self.calendar, self.site.zone
        )
        return {
            "receipt": record.receipt, "category": record.category, "status": state.status,
            "route": state.route or "", "received_at": record.received_at.isoformat(timespec="seconds"),
            "due": due.date.isoformat() if due else "", "overdue": is_overdue(due, state, today),
            "finished_at": state.finished_at.isoformat(timespec="seconds") if state.finished_at else "",
            "on_time": "" if on_time is None else on_time, "rating": RATINGS.get(state.rating or "", ""),
            "enterprise": record.enterprise, "credit_code": record.credit_code or "",
            "related": record.related or "", "subject": record.subject,
        }  # fmt: skip
