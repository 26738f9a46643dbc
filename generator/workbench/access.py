"""Who may see and do what with a petition, and nothing more: every list, count and page asks here.

- handler (经办人): the petitions of their own departments;
- supervisor (督办): every department, and the unassigned queue; assigns, transfers, extends;
- discipline (纪检): the 投诉举报 (`report`) category only, wherever it points, and the audit log;
- admin: accounts only (no petition content unless the account also has another role).

A `report` petition concerns staff conduct, so it is handled by discipline alone: no
handler sees one (least of all those of the department it names), nor do supervisors,
who may be the subject of the complaint themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from generator.staff.accounts import DISCIPLINE, HANDLER, SUPERVISOR

PETITION_ROLES = frozenset({HANDLER, SUPERVISOR, DISCIPLINE})  # those who see petition content
REPORT = "report"  # the 投诉举报 category
READ_ACTIONS = frozenset({"accept", "reply", "close", "hide", "note", "view_contact", "merge"})
SUPERVISOR_ACTIONS = frozenset({"assign", "transfer", "extend"})


class Staff(Protocol):
    """What access asks of a signed-in account."""

    login: str
    roles: Iterable[str]
    departments: Iterable[str]


def can_see(account: Staff, category: str, department: str | None) -> bool:
    if category == REPORT:
        return DISCIPLINE in set(account.roles)
    return sees_department(account, department)


def sees_department(account: Staff, department: str | None) -> bool:
    """Whether the account sees a department's work (its petitions but 投诉举报, its consultations)."""
    roles = set(account.roles)
    if SUPERVISOR in roles:
        return True
    return HANDLER in roles and department is not None and department in set(account.departments)


def can_do(account: Staff, action: str, category: str, department: str | None) -> bool:
    """Whether the account may take `action` on a petition of this category and department."""
    if not can_see(account, category, department):
        return False
    if action in READ_ACTIONS:
        return True
    roles = set(account.roles)
    if category == REPORT:  # discipline handle reports end to end; a transfer has no place here
        return action == "extend"
    return action in SUPERVISOR_ACTIONS and SUPERVISOR in roles


def sees_petitions(account: Staff) -> bool:
    return bool(PETITION_ROLES & set(account.roles))


def sees_audit(account: Staff) -> bool:
    return DISCIPLINE in set(account.roles)


def visible_clause(account: Staff, table: str = "queue") -> tuple[str, tuple[str, ...]]:
    """A SQL condition over the queue index true exactly for the rows `can_see` allows."""
    roles = set(account.roles)
    parts: list[str] = []
    params: list[str] = []
    if DISCIPLINE in roles:
        parts.append(f"{table}.category = ?")
        params.append(REPORT)
    if SUPERVISOR in roles:
        parts.append(f"{table}.category <> ?")
        params.append(REPORT)
    elif HANDLER in roles and (departments := sorted(set(account.departments))):
        marks = ", ".join("?" for _ in departments)
        parts.append(f"({table}.category <> ? AND {table}.department IN ({marks}))")
        params += [REPORT, *departments]
    if not parts:
        return "1 = 0", ()
    return "(" + " OR ".join(parts) + ")", tuple(params)
