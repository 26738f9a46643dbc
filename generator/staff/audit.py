"""The staff audit log: who did what to which account or petition, appended and listed, and nothing more.

Sign-ins, failures, lockouts, account changes and every view of a petition's contact
details land here. Append inside the transaction that does the thing, so the record and
the act commit together.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from typing import Any

from generator.staff.sql import run


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor: str
    action: str
    receipt: str | None
    detail: dict[str, Any]


def append(
    conn: Any,
    actor: str,
    action: str,
    receipt: str | None,
    detail: dict[str, Any] | str,
    at: dt.datetime | None = None,
) -> None:
    """Record one entry; pass `at` from the injected clock (the wall clock is the fallback)."""
    when = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    if isinstance(detail, str):
        detail = {"note": detail}
    # seq keeps the order of entries made in the same instant (one request often makes two);
    # two transactions at once may share a number, which only leaves their order open.
    run(
        conn,
        "INSERT INTO staff_audit (id, seq, at, actor, action, receipt, detail) VALUES "
        "(?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM staff_audit), ?, ?, ?, ?, ?)",
        (
            secrets.token_hex(8), when.isoformat(timespec="microseconds"), actor, action, receipt,
            json.dumps(detail, ensure_ascii=False, sort_keys=True),
        ),
    )  # fmt: skip


def list_entries(
    conn: Any,
    *,
    receipt: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    limit: int = 200,
) -> list[AuditEntry]:
    """The newest entries first, optionally only one petition's, one actor's or one action's."""
    where, params = [], []
    for column, value in (("receipt", receipt), ("actor", actor), ("action", action)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = run(
        conn,
        f"SELECT at, actor, action, receipt, detail FROM staff_audit{clause} "
        "ORDER BY seq DESC, id DESC LIMIT ?",
        (*params, int(limit)),
    )
    return [
        AuditEntry(dt.datetime.fromisoformat(at), who, what, rec, json.loads(detail))
        for at, who, what, rec, detail in rows
    ]
