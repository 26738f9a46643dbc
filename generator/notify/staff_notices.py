"""Staff notices: a new petition (or one handed over) to its department's handlers and group
robot, and the daily digest of what is due within two working days or overdue (overdue also
to every supervisor), and nothing more.

A `report` petition (投诉举报, about staff conduct) never goes to the handlers of the
department it names: its new-petition notice goes to the discipline (纪检) accounts, and it
is listed only in their digest, as in the workbench.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.notify.channel import Rendered
from generator.notify.outbox import Message, Outbox
from generator.notify.rendering import FOOTER, text_environment
from generator.petitions.states import OPEN, STATUS_LABELS, Event
from generator.staff.accounts import DISCIPLINE, HANDLER, SUPERVISOR, Account
from generator.staff.store import StaffStore

if TYPE_CHECKING:
    from generator.petitions.casebook import Casebook
    from generator.petitions.store import Record

REPORT = "report"
DUE_WITHIN = 2  # working days


def workbench_url(base: str, receipt: str) -> str:
    return f"{base.rstrip('/')}/petitions/{receipt}"


def accounts(staff: StaffStore, conn: Any) -> list[Account]:
    """Every enabled account with an email address, read in the caller's transaction."""
    logins = [
        row[0] for row in staff.store.query(conn, "SELECT login FROM staff_accounts ORDER BY login")
    ]
    found = [staff.get(login, conn) for login in logins]
    return [a for a in found if a is not None and not a.disabled and a.email]


def handlers_of(people: Iterable[Account], category: str, department: str | None) -> list[Account]:
    """Who answers a petition of this category and department (discipline for `report`)."""
    if category == REPORT:
        return [a for a in people if DISCIPLINE in a.roles]
    return [a for a in people if HANDLER in a.roles and department in a.departments]


class StaffNotices:
    """Queues the new-petition notice to its department's handlers; append to `store.listeners`."""

    def __init__(
        self, outbox: Outbox, staff: StaffStore, casebook: Casebook, base: str,
        robots: dict[str, tuple[str, str]] | None = None,
    ) -> None:  # fmt: skip
        self.outbox = outbox
        self.staff = staff
        self.casebook = casebook
        self.base = base
        self.robots = robots or {}  # department -> (wecom | dingtalk, webhook URL)

    def __call__(self, conn: Any, record: Record, events: list[Event]) -> None:
        first = len(record.events) - len(events) + 1
        for seq, event in enumerate(events, start=first):
            arrived = event.kind == "received" or "department" in event.data
            if record.category == REPORT:  # discipline hears of it once, whatever its department
                arrived = event.kind == "received"
            department = record.state.department
            if not arrived or (department is None and record.category != REPORT):
                continue
            due = self.casebook.due(record)
            payload = {
                "receipt": record.receipt, "category": self.casebook.category_name(record.category),
                "department": _department_name(self.casebook, department), "handed_over": event.kind != "received",
                "due": due.date.isoformat() if due else "", "link": workbench_url(self.base, record.receipt),
            }  # fmt: skip
            for account in handlers_of(accounts(self.staff, conn), record.category, department):
                message = Message(
                    f"{record.receipt}.{seq}.staff.{account.login}",
                    "email",
                    account.email,
                    "staff.new",
                    payload,
                )
                self.outbox.enqueue(conn, message, event.at.timestamp())
            robot = self.robots.get(department or "")
            if robot is not None and record.category != REPORT:  # a group is no place for a report
                channel, url = robot
                message = Message(
                    f"{record.receipt}.{seq}.robot", channel, url, "staff.new", payload
                )
                self.outbox.enqueue(conn, message, event.at.timestamp())


def _department_name(casebook: Casebook, code: str | None) -> str:
    found = casebook.site.departments.get(code or "")
    return found.name if found else (code or "未分配")


@dataclass(frozen=True)
class Line:
    """One petition in a staff digest."""

    receipt: str
    category: str
    status: str
    due: str
    late: bool
    department: str | None
    link: str

    def shown(self) -> dict[str, Any]:
        return {
            "receipt": self.receipt,
            "category": self.category,
            "status": self.status,
            "due": self.due,
            "link": self.link,
        }


def digest_lines(
    records: list[Record], casebook: Casebook, today: dt.date, base: str
) -> list[tuple[Line, str]]:
    """Open petitions overdue or due within two working days, with their category code."""
    horizon = casebook.calendar.add_workdays(today, DUE_WITHIN).date
    lines = []
    for entry in casebook.worklist(records, today):
        record, due = entry.record, entry.due
        if (
            due is None
            or (not entry.late and due.date > horizon)
            or record.state.status not in OPEN
        ):
            continue
        line = Line(
            record.receipt, casebook.category_name(record.category), STATUS_LABELS[record.state.status],
            due.date.isoformat(), entry.late, record.state.department, workbench_url(base, record.receipt),
        )  # fmt: skip
        lines.append((line, record.category))
    return lines


def _sees(account: Account, line: Line, category: str) -> bool:
    if category == REPORT:
        return DISCIPLINE in account.roles
    if SUPERVISOR in account.roles:
        return line.late or line.department in account.departments
    return HANDLER in account.roles and line.department in account.departments


def staff_digests(
    outbox: Outbox,
    staff: StaffStore,
    records: list[Record],
    casebook: Casebook,
    today: dt.date,
    base: str,
    now: float,
) -> int:
    """Queue today's digest to every account with something due or overdue; the number queued.

    The key is the account and the day, so running it twice a day sends one mail.
    """
    lines = digest_lines(records, casebook, today, base)
    queued = 0
    with outbox.store.tx() as conn:
        for account in accounts(staff, conn):
            mine = [line for line, category in lines if _sees(account, line, category)]
            if not mine:
                continue
            payload = {
                "site": casebook.site.title, "date": today.isoformat(), "name": account.display_name,
                "overdue": [line.shown() for line in mine if line.late],
                "due": [line.shown() for line in mine if not line.late],
            }  # fmt: skip
            message = Message(
                f"staff-digest.{account.login}.{today}",
                "email",
                account.email,
                "staff.digest",
                payload,
            )
            queued += outbox.enqueue(conn, message, now)
    return queued


def render_staff(kind: str, p: dict[str, Any]) -> Rendered:
    texts = text_environment()
    if kind == "new":
        what = "转来一件诉求" if p["handed_over"] else "收到一件新诉求"
        text = texts.get_template("mail/staff_new.txt.j2").render(p=p, what=what, footer=FOOTER)
        return Rendered(f"【诉求办理】{what} {p['receipt']}", text)
    subject = f"【诉求办理】今日待办：超期 {len(p['overdue'])} 件，即将到期 {len(p['due'])} 件"
    text = texts.get_template("mail/staff_digest.txt.j2").render(p=p, footer=FOOTER)
    return Rendered(subject, text)
