"""Visibility and permission by role; the SQL condition agrees with `can_see` on real rows."""

from __future__ import annotations

import pytest

from generator.workbench import access
from generator.workbench.queues import Filters, Queues
from tests.petitions.conftest import submit
from tests.workbench.desk_support import person

HANDLER_A = person("lin", "handler", departments=("gxj",))
HANDLER_B = person("wu", "handler", departments=("kjj",))
SUPERVISOR = person("chen", "supervisor")
DISCIPLINE = person("zheng", "discipline")
ADMIN = person("root", "admin")
ADMIN_HANDLER = person("ops", "admin", "handler", departments=("kjj",))
EVERYONE = (HANDLER_A, HANDLER_B, SUPERVISOR, DISCIPLINE, ADMIN, ADMIN_HANDLER)


@pytest.mark.parametrize(
    ("account", "category", "department", "seen"),
    [
        (HANDLER_A, "consult", "gxj", True),
        (HANDLER_A, "request", "kjj", False),
        (HANDLER_A, "request", None, False),
        (HANDLER_A, "report", "gxj", False),  # never a report about their own department
        (HANDLER_B, "report", "gxj", False),
        (SUPERVISOR, "request", None, True),
        (SUPERVISOR, "report", "gxj", False),
        (DISCIPLINE, "report", "gxj", True),
        (DISCIPLINE, "report", None, True),
        (DISCIPLINE, "consult", "gxj", False),
        (ADMIN, "consult", "gxj", False),
        (ADMIN_HANDLER, "request", "kjj", True),
    ],
)
def test_can_see(account, category, department, seen):
    assert access.can_see(account, category, department) is seen


def test_supervisor_actions():
    assert access.can_do(SUPERVISOR, "transfer", "consult", "gxj")
    assert access.can_do(SUPERVISOR, "extend", "consult", None)
    assert not access.can_do(HANDLER_A, "transfer", "consult", "gxj")
    assert not access.can_do(HANDLER_A, "extend", "consult", "gxj")
    assert access.can_do(HANDLER_A, "reply", "consult", "gxj")
    assert not access.can_do(HANDLER_A, "reply", "request", "kjj")
    assert access.can_do(DISCIPLINE, "extend", "report", "gxj")
    assert not access.can_do(DISCIPLINE, "transfer", "report", "gxj")
    assert access.sees_audit(DISCIPLINE) and not access.sees_audit(SUPERVISOR)
    assert not access.sees_petitions(ADMIN) and access.sees_petitions(ADMIN_HANDLER)


def test_who_sees_a_departments_work():
    assert access.sees_department(SUPERVISOR, "kjj") and access.sees_department(SUPERVISOR, None)
    assert access.sees_department(HANDLER_A, "gxj") and not access.sees_department(HANDLER_A, "kjj")
    assert not access.sees_department(HANDLER_A, None)
    assert not access.sees_department(DISCIPLINE, "gxj") and not access.sees_department(
        ADMIN, "gxj"
    )


def test_sql_condition_matches_can_see(office):
    made = [
        submit(office, category="consult"),  # gxj
        submit(office, category="request"),  # kjj
        submit(office, category="suggestion"),  # unassigned
        submit(office, category="report", anonymous=True, contact_name="", phone="", email=""),
    ]
    records = {r: office.store.get(r) for r in made}
    queues = Queues(office.store, office.calendar)
    today = office.now().date()
    for account in EVERYONE:
        listed = {row.receipt for row in queues.listing(account, today, Filters("all")).rows}
        expected = {
            r for r, rec in records.items()
            if access.can_see(account, rec.category, rec.state.department)
        }  # fmt: skip
        assert listed == expected, account.login
        assert queues.counts(account, today)["all"] == len(expected)
