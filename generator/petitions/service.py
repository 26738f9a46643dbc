"""What the handler and the CLI do with petitions, independent of HTTP: submit, look up, rate, act."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.petitions import office, queue_index, states
from generator.petitions.casebook import Casebook
from generator.petitions.config import RateLimit, Settings
from generator.petitions.departments import Departments
from generator.petitions.limits import Due
from generator.petitions.states import STATUS_LABELS, Event, Refused
from generator.petitions.store import Outcome, Prepared, Record, Store

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # base32 without 0/1/I/O
CODE_LENGTH = 8  # 40 random bits
LOCK_AFTER = RateLimit(10, 3600)  # a receipt refuses lookups for an hour after 10 wrong codes
_DUMMY = "0" * 64


def random_word(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalize_code(text: str) -> str:
    return "".join(text.split()).replace("-", "").upper()


def received_data(clean: dict[str, Any]) -> dict[str, Any]:
    """What the `received` event records beside the petition's columns."""
    data: dict[str, Any] = {}
    if clean.get("publish_consent"):
        data["publish_consent"] = True  # 答复选登: the enterprise agreed to a de-identified version
    chosen = [c for c in ("sms", "email") if clean.get(f"notify_{c}")]
    if chosen:
        data["notify"] = chosen  # 办理进展通知: the channels the enterprise opted into (issue 17)
    return data


@dataclass(frozen=True)
class Lookup:
    """The answer to a lookup: a public view, nothing (same for unknown and wrong code), or a wait."""

    view: dict[str, Any] | None = None
    retry_after: int | None = None


class Petitions:
    """The petition desk for one site and one store; the clock is injected."""

    def __init__(self, settings: Settings, store: Store, clock: Callable[[], dt.datetime]) -> None:
        self.settings = settings
        self.site = settings.site
        self.store = store
        self.clock = clock
        self.keys = settings.keyring()
        self.casebook = Casebook(self.site)
        self.calendar = self.casebook.calendar
        self.departments = Departments(self.site, settings.content_dir)
        self.queue = queue_index.attach(store, self.casebook, self.phone_digest)

    def now(self) -> dt.datetime:
        return self.clock().astimezone(self.site.zone)

    def client_id(self, address: str) -> str:
        return self.keys.digest("client", address)[:32]

    # -- submit --
    def submit(
        self, clean: dict[str, Any], idempotency_key: str | None, client: str | None
    ) -> Outcome:
        now = self.now()
        canonical = json.dumps(clean, sort_keys=True, ensure_ascii=False)
        idem = None
        if idempotency_key:
            idem = (
                self.idempotency_hash(idempotency_key),
                hashlib.sha256(canonical.encode()).hexdigest(),
            )

        def make_receipt() -> str:
            return f"{now:%Y%m%d}-{random_word(5)}"

        department = self.departments.resolve(clean["category"], clean.get("related"))
        routed = {"department": department} if department else {}

        def prepare(receipt: str) -> Prepared:
            code = random_word(CODE_LENGTH)
            contact = {k: clean.get(k) for k in ("contact_name", "phone", "email")}
            record = Record(
                receipt=receipt,
                code_hash=self.keys.tagged_digest("code", f"{receipt}:{code}"),
                category=clean["category"],
                subject=clean["subject"],
                content=clean["content"],
                enterprise=clean.get("enterprise") or "",
                credit_code=clean.get("credit_code"),
                related=clean.get("related"),
                anonymous=bool(clean.get("anonymous")),
                contact=self.keys.seal(contact, receipt) if any(contact.values()) else None,
                received_at=now,
                events=[
                    Event(
                        now,
                        states.RECEIVED,
                        "enterprise",
                        "已接收诉求",
                        data={**routed, **received_data(clean)},
                    )
                ],
            )
            due = self.casebook.due(record)
            answer = {
                "receipt": receipt,
                "code": code,
                "received_at": now.isoformat(timespec="seconds"),
                "acknowledge_by": due.date.isoformat(),
                "provisional": due.provisional,
            }
            return Prepared(record, self.keys.seal(answer, "idempotency"))

        return self.store.submit(
            make_receipt, prepare, idem, client, self.settings.rate_limits, now.timestamp()
        )

    def idempotency_hash(self, idempotency_key: str) -> str:
        """The key's hash as stored: under a retired key when a retry spans a rotation."""
        candidates = self.keys.digests("idempotency", idempotency_key)
        if len(candidates) > 1:
            marks = ", ".join("?" for _ in candidates[1:])
            with self.store.tx() as conn:
                sql = f"SELECT key_hash FROM idempotency WHERE key_hash IN ({marks})"
                stored = self.store.query(conn, sql, tuple(candidates[1:]))
            if stored:
                return stored[0][0]
        return candidates[0]

    def answer(self, outcome: Outcome) -> dict[str, Any]:
        """The 201 body (receipt and code) sealed inside an outcome."""
        return self.keys.open(outcome.response or "", "idempotency")

    def decoy(self) -> dict[str, Any]:
        """An ordinary-looking answer for a honeypot hit; nothing is stored."""
        now = self.now()
        due = self.calendar.add_workdays(now.date(), 1)
        return {
            "receipt": f"{now:%Y%m%d}-{random_word(5)}",
            "code": random_word(CODE_LENGTH),
            "received_at": now.isoformat(timespec="seconds"),
            "acknowledge_by": due.date.isoformat(),
            "provisional": due.provisional,
        }

    # -- look up and rate --
    def find(self, receipt: str, code: str, client: str | None) -> tuple[Record | None, int | None]:
        """The record when receipt and code match; else (None, None) or (None, retry_after)."""
        now = self.now().timestamp()
        if client is not None and self.settings.lookup_limit is not None:
            wait = self.store.hit("lookup", client, (self.settings.lookup_limit,), now)
            if wait is not None:
                return None, wait
        receipt = receipt.strip().upper()
        lock_subject = self.keys.digest("receipt", receipt)[:32]
        # The try is counted (atomically, with the check) before the code is compared, so
        # concurrent wrong codes cannot all pass the check first; a right code gives it back.
        wait = self.store.hit("wrong-code", lock_subject, (LOCK_AFTER,), now)
        if wait is not None:
            return None, wait
        record = self.store.get(receipt) if len(receipt) <= 40 else None
        expected = record.code_hash if record is not None else _DUMMY
        value = f"{receipt}:{normalize_code(code)}"
        ok = self.keys.matches("code", value, expected)
        if not ok or record is None or record.state.status == states.HIDDEN:
            return None, None
        self.store.release_hit("wrong-code", lock_subject, now)
        if self.keys.hashed_with(expected) != self.keys.fingerprint:
            record.code_hash = self._rehash_code(receipt, value, expected)
        return record, None

    def _rehash_code(self, receipt: str, value: str, old: str) -> str:
        """Store a right code again under the current key, so a retired key is needed less long."""
        new = self.keys.tagged_digest("code", value)
        with self.store.tx() as conn:
            self.store.query(
                conn,
                "UPDATE petitions SET code_hash = ? WHERE receipt = ? AND code_hash = ?",
                (new, receipt, old),
            )
        return new

    def lookup(self, receipt: str, code: str, client: str | None) -> Lookup:
        record, wait = self.find(receipt, code, client)
        return Lookup(self.public_view(record) if record else None, wait)

    def rate(
        self, receipt: str, code: str, rating: str, comment: str, client: str | None
    ) -> Lookup:
        record, wait = self.find(receipt, code, client)
        if record is None:
            return Lookup(None, wait)
        at = self.now()
        record = self.store.change(
            record.receipt, lambda r: states.rate(r.state, rating, comment, at)
        )
        return Lookup(self.public_view(record))

    # -- views --
    def due(self, record: Record) -> Due | None:
        return self.casebook.due(record)

    def overdue(self, record: Record, today: dt.date) -> bool:
        return self.casebook.overdue(record, today)

    def category_name(self, code: str) -> str:
        return self.casebook.category_name(code)

    def public_view(self, record: Record) -> dict[str, Any]:
        """What the enterprise may see: never contact details, never staff-only notes."""
        state = record.state
        due = self.due(record)
        return {
            "receipt": record.receipt,
            "category": record.category,
            "category_name": self.category_name(record.category),
            "subject": record.subject,
            "status": state.status,
            "status_label": STATUS_LABELS[state.status],
            "received_at": record.received_at.isoformat(timespec="seconds"),
            "due": due.date.isoformat() if due else None,
            "due_provisional": bool(due and due.provisional),
            "overdue": self.overdue(record, self.now().date()),
            "timeline": [
                {"at": e.at.isoformat(timespec="seconds"), "status": e.kind, "note": e.note}
                for e in record.events
                if e.public
            ],
            "reply": state.reply or self._merged_reply(record),
            "rating": state.rating,
            "can_rate": state.status == states.CLOSED and state.rating is None,
        }

    def _merged_reply(self, record: Record) -> str | None:
        """The answer of the petition this one was merged into: one answer serves both."""
        into = office.merged_into(record.events)
        primary = self.store.get(into) if into else None
        return primary.state.reply if primary is not None else None

    def contact(self, record: Record) -> dict[str, Any]:
        return self.keys.open(record.contact, record.receipt) if record.contact else {}

    def phone_digest(self, record: Record) -> str | None:
        """A keyed hash of the contact phone (for spotting duplicates); None once purged."""
        phone = self.contact(record).get("phone")
        return (
            self.keys.digest("phone", "".join(ch for ch in phone if ch.isdigit()))[:32]
            if phone
            else None
        )

    # -- staff actions --
    def act(self, receipt: str, action: str, actor: str, **options: Any) -> Record:
        """Apply one staff transition atomically; raises KeyError or Refused."""
        at = self.now()
        receipt = receipt.strip().upper()
        if action == "merge":
            into = options["into"] = str(options["into"]).strip().upper()
            if into != receipt and self.store.get(into) is None:
                raise Refused(f"没有受理编号为 {into} 的诉求")

        def decide(record: Record) -> list[Event]:
            return [self._transition(record, action, at, actor, options)]

        return self.store.change(receipt, decide, purge_contact=action == "purge")

    def _transition(
        self, record: Record, action: str, at: dt.datetime, actor: str, options: dict[str, Any]
    ) -> Event:
        state, text = record.state, options.get
        if action == "accept":
            note, details = office.accept_details(
                options["route"], text("note", ""), text("forwarded_to", ""), text("forwarded_on")
            )
            return states.accept(state, options["route"], at, actor, note, details)
        if action == "reply":
            return states.reply(state, options["text"], at, actor)
        if action == "close":
            return states.close(state, at, actor, text("note", ""))
        if action == "hide":
            return states.hide(state, at, actor, text("reason", ""))
        if action == "extend":
            days = int(options["days"])
            due = self.due(record)
            new_due = self.calendar.add_workdays(due.date, days).date if due else at.date()
            return states.extend(state, days, text("reason", ""), at, actor, new_due)
        if action == "purge":
            return states.purge(state, at, actor)
        moves = {
            "assign": lambda: office.assign(
                state, self.site, options["department"], text("assignee", ""), at, actor
            ),
            "transfer": lambda: office.transfer(
                state, self.site, options["department"], text("reason", ""), at, actor
            ),
            "note": lambda: office.note(state, options["text"], at, actor),
            "view_contact": lambda: office.contact_viewed(state, text("reason", ""), at, actor),
            "merge": lambda: office.merge(state, record.receipt, options["into"], at, actor),
        }
        if action in moves:
            return moves[action]()
        raise Refused(f"未知操作 {action}")

    def purgeable(self, records: list[Record], today: dt.date) -> list[Record]:
        """Closed (or hidden) petitions past the retention period that still hold contact data."""
        keep = dt.timedelta(days=self.site.petitions.retention_days)
        found = []
        for record in records:
            state = record.state
            if state.purged or record.contact is None:
                continue
            if state.status in (states.CLOSED, states.HIDDEN):
                ended = record.events[-1].at.astimezone(self.site.zone).date()
                if today - ended > keep:
                    found.append(record)
        return found
