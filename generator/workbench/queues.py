"""The staff queues over the queue index: which rows, how many, in what order, and nothing more.

Every query carries the account's visibility condition (access.visible_clause), so a
petition an account may not see is absent from lists and counts alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.petitions.queue_index import COLUMNS
from generator.workbench.access import Staff, visible_clause

if TYPE_CHECKING:
    from generator.content.workdays import WorkCalendar
    from generator.petitions.store import Store

QUEUES = {
    "overdue": "已超期",
    "today": "今日到期",
    "soon": "3个工作日内到期",
    "unassigned": "待分派",
    "mine": "我的",
    "open": "全部在办",
    "all": "全部",
}
OPEN_STATUSES = ("received", "accepted")
PER_PAGE = 50
SOON_WORKDAYS = 3


@dataclass(frozen=True)
class Filters:
    """What the queue page was asked for (already checked against the known codes)."""

    queue: str = "open"
    category: str = ""
    status: str = ""
    department: str = ""  # a code, "none" for the unassigned, "" for any
    receipt: str = ""
    page: int = 1

    @property
    def narrowed(self) -> bool:
        """Whether anything beyond the queue itself narrows the list."""
        return bool(self.category or self.status or self.department or self.receipt)


@dataclass(frozen=True)
class Row:
    """One line of a queue: the index row."""

    receipt: str
    category: str
    department: str | None
    assignee: str | None
    status: str
    due: dt.date | None
    received_at: str
    updated: str
    subject: str
    enterprise: str

    @classmethod
    def of(cls, values: tuple[Any, ...]) -> Row:
        data = dict(zip(COLUMNS, values, strict=True))
        data.pop("phone_hash")
        due = data["due"]
        data["due"] = dt.date.fromisoformat(due) if due else None
        return cls(**data)


@dataclass
class Listing:
    rows: list[Row] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1


class Queues:
    """The queue queries for one store and calendar."""

    def __init__(self, store: Store, calendar: WorkCalendar) -> None:
        self.store = store
        self.calendar = calendar

    def _conditions(self, today: dt.date, login: str, departments: list[str]) -> dict[str, Any]:
        soon = self.calendar.add_workdays(today, SOON_WORKDAYS).date.isoformat()
        open_ = "status IN ('received', 'accepted')"
        mine = "assignee = ?"
        mine_params: tuple[str, ...] = (login,)
        if departments:
            mine = f"(assignee = ? OR department IN ({', '.join('?' for _ in departments)}))"
            mine_params = (login, *departments)
        return {
            "overdue": (f"{open_} AND due < ?", (today.isoformat(),)),
            "today": (f"{open_} AND due = ?", (today.isoformat(),)),
            "soon": (f"{open_} AND due > ? AND due <= ?", (today.isoformat(), soon)),
            "unassigned": (f"{open_} AND department IS NULL", ()),
            "mine": (f"{open_} AND {mine}", mine_params),
            "open": (open_, ()),
            "all": ("1 = 1", ()),
        }

    def counts(self, account: Staff, today: dt.date) -> dict[str, int]:
        """How many visible petitions each queue holds, in one query."""
        conditions = self._conditions(today, account.login, sorted(set(account.departments)))
        visible, params = visible_clause(account)
        sums = ", ".join(
            f"SUM(CASE WHEN {sql} THEN 1 ELSE 0 END)" for sql, _ in conditions.values()
        )
        all_params: tuple[Any, ...] = tuple(p for _, ps in conditions.values() for p in ps)
        with self.store.tx() as conn:
            row = self.store.query(
                conn, f"SELECT {sums} FROM queue WHERE {visible}", all_params + params
            )[0]
        return {name: int(value or 0) for name, value in zip(conditions, row, strict=True)}

    def listing(
        self, account: Staff, today: dt.date, filters: Filters, total: int | None = None
    ) -> Listing:
        """One page of a queue, due first (nothing due last), filtered as asked; `total`, when
        the caller knows it (a queue's count with no other filter), saves counting again."""
        conditions = self._conditions(today, account.login, sorted(set(account.departments)))
        where, params = conditions.get(filters.queue, conditions["open"])
        visible, visible_params = visible_clause(account)
        clauses, values = [where, visible], [*params, *visible_params]
        for column, value in (("category", filters.category), ("status", filters.status)):
            if value:
                clauses.append(f"{column} = ?")
                values.append(value)
        if filters.department == "none":
            clauses.append("department IS NULL")
        elif filters.department:
            clauses.append("department = ?")
            values.append(filters.department)
        if filters.receipt:
            clauses.append("receipt LIKE ?")
            values.append(filters.receipt.strip().upper().replace("%", "").replace("_", "") + "%")
        condition = " AND ".join(clauses)
        # Every open petition has a due date, so the open queues walk the due-order index and
        # stop at the page; only "all" has rows without one (put last, as both databases agree).
        order = "due, received_at, receipt"
        if filters.queue == "all":
            order = f"CASE WHEN due IS NULL THEN 1 ELSE 0 END, {order}"
        else:
            condition += " AND due IS NOT NULL"  # (true already) lets the index skip the rest
        with self.store.tx() as conn:
            if total is None:
                total = self.store.query(
                    conn, f"SELECT COUNT(*) FROM queue WHERE {condition}", tuple(values)
                )[0][0]
            pages = max(1, -(-total // PER_PAGE))
            page = min(max(1, filters.page), pages)
            rows = self.store.query(
                conn,
                f"SELECT {', '.join(COLUMNS)} FROM queue WHERE {condition} "
                f"ORDER BY {order} LIMIT ? OFFSET ?",
                (*values, PER_PAGE, (page - 1) * PER_PAGE),
            )
        return Listing([Row.of(r) for r in rows], total, page, pages)
