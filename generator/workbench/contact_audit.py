"""Each view of a petition's contact details also goes to the staff audit log, in the same
transaction as its `contact_viewed` event (a store listener), and nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.petitions.office import CONTACT_VIEWED
from generator.staff import audit

if TYPE_CHECKING:
    from generator.petitions.states import Event
    from generator.petitions.store import Record, Store

AUDIT_ACTION = "contact-viewed"


def record_contact_views(conn: Any, record: Record, events: list[Event]) -> None:
    for event in events:
        if event.kind == CONTACT_VIEWED:
            detail = {"reason": event.data.get("reason", "")}
            audit.append(conn, event.actor, AUDIT_ACTION, record.receipt, detail, event.at)


def watch_contact_views(store: Store) -> None:
    """Register the listener on `store` once."""
    if record_contact_views not in store.listeners:
        store.listeners.append(record_contact_views)
