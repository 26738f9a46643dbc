"""casebook: due dates and lists that the service, the staff commands and the report share."""

from __future__ import annotations

import datetime as dt

from generator.models.site import TimeLimits
from generator.petitions.casebook import Casebook
from tests.petitions.conftest import submit

THU, TUE = dt.date(2026, 11, 26), dt.date(2026, 12, 1)


def test_worklist_puts_the_overdue_first_then_orders_by_due_date(desk, clock):
    old = submit(desk, subject="旧诉求")  # acknowledge by Fri 11-27
    clock.advance(days=5)
    new = submit(desk, subject="新诉求")  # acknowledge by Wed 12-02
    book = Casebook(desk.site)
    records = desk.store.all()
    entries = book.worklist(records, TUE)
    assert [e.record.receipt for e in entries] == [old, new]
    assert [e.late for e in entries] == [True, False]
    assert [e.record.receipt for e in book.overdue_entries(records, TUE)] == [old]
    assert book.worklist(records, THU, due_within=0) == []
    assert [e.record.receipt for e in book.worklist(records, TUE, due_within=1)] == [old, new]
    row = book.export_row(records[0], TUE)
    assert row["overdue"] is (records[0].receipt == old) and row["due"]


def test_a_category_the_site_no_longer_has_gets_the_default_limits(desk):
    book = Casebook(desk.site)
    assert book.limits("no-such-category") == TimeLimits()
    assert book.category_name("no-such-category") == "no-such-category"
    some = next(iter(desk.site.petitions.categories))
    assert book.limits(some) == desk.site.petitions.categories[some].limits
