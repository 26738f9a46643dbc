"""The queues over the index: overdue, due today, due soon, unassigned, mine; counts, filters,
receipt search, due-date order and pages."""

from __future__ import annotations

import datetime as dt

from generator.workbench.queues import PER_PAGE, Filters, Queues
from tests.petitions.conftest import submit
from tests.workbench.desk_support import person

SUPERVISOR = person("chen", "supervisor")
LIN = person("lin", "handler", departments=("gxj",))


def receipts(queues, account, today, **filters):
    return [row.receipt for row in queues.listing(account, today, Filters(**filters)).rows]


def test_queues_by_due_date(office, clock):
    # Thursday 2026-11-26: acknowledgements are due the next working day (Friday 27th).
    old = submit(office, category="consult")  # gxj, due 11-27
    clock.advance(days=1)
    today_one = submit(office, category="request")  # kjj, due Monday 11-30
    unassigned = submit(office, category="suggestion")  # due 11-30, no department
    queues = Queues(office.store, office.calendar)
    monday = dt.date(2026, 11, 30)
    assert receipts(queues, SUPERVISOR, monday, queue="overdue") == [old]
    assert set(receipts(queues, SUPERVISOR, monday, queue="today")) == {today_one, unassigned}
    assert receipts(queues, SUPERVISOR, monday, queue="unassigned") == [unassigned]
    friday = dt.date(2026, 11, 27)
    assert receipts(queues, SUPERVISOR, friday, queue="today") == [old]
    assert set(receipts(queues, SUPERVISOR, friday, queue="soon")) == {today_one, unassigned}
    assert receipts(queues, LIN, friday, queue="mine") == [old]
    counts = queues.counts(SUPERVISOR, monday)
    assert (counts["overdue"], counts["today"], counts["unassigned"], counts["all"]) == (1, 2, 1, 3)
    assert queues.counts(LIN, monday)["overdue"] == 1 and queues.counts(LIN, monday)["all"] == 1


def test_mine_holds_what_was_assigned_to_me(office):
    receipt = submit(office, category="request")  # kjj
    queues = Queues(office.store, office.calendar)
    today = office.now().date()
    assert receipts(queues, person("wu", "handler"), today, queue="mine") == []
    office.act(receipt, "assign", "chen", department="kjj", assignee="wu")
    assert receipts(queues, person("wu", "handler", departments=("kjj",)), today, queue="mine") == [
        receipt
    ]


def test_filters_search_order_and_pages(office, clock):
    made = []
    for n in range(PER_PAGE + 5):
        made.append(submit(office, category="consult" if n % 2 else "request"))
        clock.advance(hours=1)
    office.act(made[0], "accept", "chen", route="local")
    queues = Queues(office.store, office.calendar)
    today = office.now().date()
    first = queues.listing(SUPERVISOR, today, Filters("all"))
    assert (first.total, first.pages, len(first.rows)) == (PER_PAGE + 5, 2, PER_PAGE)
    second = queues.listing(SUPERVISOR, today, Filters("all", page=2))
    assert len(second.rows) == 5 and not {r.receipt for r in first.rows} & {
        r.receipt for r in second.rows
    }
    dues = [r.due for r in first.rows + second.rows]
    assert dues == sorted(dues)
    assert queues.listing(SUPERVISOR, today, Filters("all", page=99)).page == 2
    consult = receipts(queues, SUPERVISOR, today, queue="all", category="consult")
    assert len(consult) == (PER_PAGE + 5) // 2
    assert receipts(queues, SUPERVISOR, today, queue="all", status="accepted") == [made[0]]
    assert len(receipts(queues, SUPERVISOR, today, queue="all", department="kjj")) == 28
    assert receipts(queues, SUPERVISOR, today, queue="all", department="none") == []
    assert receipts(queues, SUPERVISOR, today, queue="all", receipt=made[3].lower()) == [made[3]]
    assert receipts(queues, SUPERVISOR, today, queue="all", receipt="%") == receipts(
        queues, SUPERVISOR, today, queue="all"
    )
