"""The 答复选登 snapshot the site build publishes: published answers in their public wording, and nothing more.

Deterministic: the same store gives the same bytes (no time of writing, entries sorted,
keys sorted), so the file can be committed under content/ and reviewed like content.
Nothing in it comes from the petition as submitted except its dates: subject and answer
are the reviewed public wording, category and department are codes of site.yaml.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from generator.petitions.publication import consented, published

if TYPE_CHECKING:
    import datetime as dt

    from generator.content.workdays import WorkCalendar
    from generator.petitions.store import Record

SNAPSHOT_VERSION = 1
DEFAULT_SNAPSHOT = "answers.json"  # under the content folder: content/answers.json


def answer_id(receipt: str) -> str:
    """A stable public id that does not show the receipt (which starts with the date)."""
    return hashlib.sha256(f"qinqing-answer:{receipt}".encode()).hexdigest()[:12]


def answers_snapshot(
    records: list[Record], calendar: WorkCalendar, zone: dt.tzinfo
) -> dict[str, Any]:
    """Every published answer, newest reply first, as the JSON-ready snapshot."""
    entries = []
    for record in records:
        if not consented(record):  # most petitions: no need to fold their events
            continue
        state = record.state
        wording = published(record, state)
        if wording is None or state.finished_at is None:
            continue
        received = record.received_at.astimezone(zone).date()
        replied = state.finished_at.astimezone(zone).date()
        entries.append(
            {
                "id": answer_id(record.receipt),
                "category": wording.category,
                "department": wording.department,
                "received": received.isoformat(),
                "replied": replied.isoformat(),
                "workdays": calendar.workdays_between(received, replied),
                "subject": wording.subject,
                "answer": wording.answer,
            }
        )
    entries.sort(key=lambda e: (e["replied"], e["received"], e["id"]), reverse=True)
    return {"version": SNAPSHOT_VERSION, "answers": entries}


def render_snapshot(snapshot: dict[str, Any]) -> str:
    """The snapshot as the text written to content/answers.json."""
    return json.dumps(snapshot, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
