"""The audit log: appended in the caller's transaction, listed newest first, filtered."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.staff import audit

AT = dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC)


def test_append_and_list_in_order_with_filters(store):
    with store.tx() as conn:
        audit.append(conn, "lin", "contact-viewed", "20261126-ABCDE", {"reason": "回电核实"}, AT)
        audit.append(conn, "wang", "signed-in", None, "note text", AT)  # the same instant
        audit.append(conn, "lin", "signed-out", None, {}, AT + dt.timedelta(minutes=5))
    with store.tx() as conn:
        entries = audit.list_entries(conn)
        assert [e.action for e in entries] == ["signed-out", "signed-in", "contact-viewed"]
        (viewed,) = audit.list_entries(conn, receipt="20261126-ABCDE")
        assert viewed.actor == "lin" and viewed.detail == {"reason": "回电核实"} and viewed.at == AT
        assert [e.action for e in audit.list_entries(conn, actor="lin")] == [
            "signed-out",
            "contact-viewed",
        ]
        assert audit.list_entries(conn, action="signed-in")[0].detail == {"note": "note text"}
        assert len(audit.list_entries(conn, limit=1)) == 1


def test_an_entry_rolls_back_with_its_transaction(store):
    with pytest.raises(RuntimeError), store.tx() as conn:
        audit.append(conn, "lin", "contact-viewed", "20261126-ABCDE", {}, AT)
        raise RuntimeError("the view failed")
    with store.tx() as conn:
        assert audit.list_entries(conn) == []
