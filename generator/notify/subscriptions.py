"""Site subscribers: choices checked against site.yaml, addresses sealed, double opt-in, tokens.

An address is stored sealed (AES-GCM, bound to the subscriber's id) and found by its keyed
hash. The links in every mail carry the subscriber's id and a token derived from the site
key and a per-subscriber nonce: the database alone cannot forge one, and re-subscribing
makes a new nonce, so old links stop working.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.models.followable import FLAG_LABELS, GROUP_TITLES, followable
from generator.petitions.keys import Keyring
from generator.petitions.store import Store

if TYPE_CHECKING:
    from generator.models.site import SiteConfig

PENDING, ACTIVE, LEFT = "pending", "active", "unsubscribed"
GROUPS = tuple(GROUP_TITLES)
FLAGS = tuple(FLAG_LABELS)


@dataclass(frozen=True)
class Choices:
    """What a subscriber wants: items of these groups, newly open funds, deadline reminders."""

    collections: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    open_funds: bool = False
    deadlines: bool = False

    def empty(self) -> bool:
        return not any(getattr(self, g) for g in GROUPS) and not (self.open_funds or self.deadlines)

    def as_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Choices:
        data = json.loads(text)
        return cls(
            **{g: tuple(data.get(g, ())) for g in GROUPS}, **{f: bool(data.get(f)) for f in FLAGS}
        )


def allowed_codes(site: SiteConfig) -> dict[str, tuple[str, ...]]:
    """The codes each group may hold, from site.yaml."""
    return {group: tuple(names) for group, names in followable(site).items()}


def parse_choices(
    values: dict[str, list[str]], site: SiteConfig
) -> tuple[Choices, list[tuple[str, str]]]:
    """Choices from submitted values (each a list); unknown codes and no choice at all are errors."""
    allowed = allowed_codes(site)
    errors: list[tuple[str, str]] = []
    groups: dict[str, tuple[str, ...]] = {}
    for group in GROUPS:
        chosen = [v for v in values.get(group, []) if v]
        unknown = [v for v in chosen if v not in allowed[group]]
        if unknown:
            errors.append((group, f"未知的选项：{'、'.join(unknown[:5])[:100]}"))
        groups[group] = tuple(sorted({v for v in chosen if v in allowed[group]}))
    flags = {
        f: any(v.strip().lower() in ("on", "true", "1", "yes") for v in values.get(f, []))
        for f in FLAGS
    }
    choices = Choices(**groups, **flags)
    if not errors and choices.empty():
        errors.append(("choices", "请至少选择一项订阅内容"))
    return choices, errors


@dataclass(frozen=True)
class Subscriber:
    """One subscriber as the digest and the pages need it (address opened)."""

    id: str
    address: str
    choices: Choices
    status: str
    token: str = field(repr=False)


class Subscriptions:
    """The subscribers table of one store."""

    def __init__(self, store: Store, keys: Keyring) -> None:
        self.store = store
        self.keys = keys

    def address_hash(self, address: str) -> str:
        return self.keys.digest("subscriber", address.strip().lower())

    def token(self, subscriber_id: str, nonce: str) -> str:
        return self.keys.digest("subscription-link", f"{subscriber_id}:{nonce}")[:32]

    def request(
        self, conn: Any, address: str, choices: Choices, now: float
    ) -> tuple[str, Subscriber]:
        """Record a subscription request: ("confirm", pending subscriber) for a new or lapsed
        address, ("manage", active subscriber) for one already subscribed (left unchanged)."""
        digest = self.address_hash(address)
        rows = self.store.query(
            conn,
            f"SELECT id, status FROM subscribers WHERE address_hash = ?{self.store.lock_suffix}",
            (digest,),
        )
        nonce = secrets.token_hex(16)
        if rows and rows[0][1] == ACTIVE:
            return "manage", self._get(conn, rows[0][0])
        if rows:
            subscriber_id = rows[0][0]
            self.store.query(
                conn,
                "UPDATE subscribers SET choices = ?, status = ?, token_hash = ?, created_at = ?, confirmed_at = NULL WHERE id = ?",
                (choices.as_json(), PENDING, nonce, now, subscriber_id),
            )
        else:
            subscriber_id = secrets.token_hex(8)
            self.store.query(
                conn,
                "INSERT INTO subscribers (id, address_hash, address, choices, status, token_hash, created_at, confirmed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                (subscriber_id, digest, self.keys.seal({"to": address.strip()}, f"subscriber:{subscriber_id}"),
                 choices.as_json(), PENDING, nonce, now),
            )  # fmt: skip
        return "confirm", self._get(conn, subscriber_id)

    def _get(self, conn: Any, subscriber_id: str) -> Subscriber:
        (row,) = self.store.query(
            conn,
            "SELECT id, address, choices, status, token_hash FROM subscribers WHERE id = ?",
            (subscriber_id,),
        )
        return self._subscriber(row)

    def _subscriber(self, row: tuple) -> Subscriber:
        subscriber_id, sealed, choices, status, nonce = row
        address = self.keys.open(sealed, f"subscriber:{subscriber_id}")["to"]
        return Subscriber(
            subscriber_id,
            address,
            Choices.from_json(choices),
            status,
            self.token(subscriber_id, nonce),
        )

    def find(self, subscriber_id: str, token: str) -> Subscriber | None:
        """The subscriber whose link this is, or None (unknown id or wrong token, alike)."""
        if not (0 < len(subscriber_id) <= 40 and 0 < len(token) <= 64):
            return None
        with self.store.tx() as conn:
            rows = self.store.query(
                conn,
                "SELECT id, address, choices, status, token_hash FROM subscribers WHERE id = ?",
                (subscriber_id,),
            )
        if not rows:
            return None
        expected = self.token(rows[0][0], rows[0][4])
        if not secrets.compare_digest(expected, token):
            return None
        return self._subscriber(rows[0])

    def set_status(self, subscriber_id: str, status: str, now: float) -> None:
        with self.store.tx() as conn:
            confirmed = now if status == ACTIVE else None
            self.store.query(
                conn,
                "UPDATE subscribers SET status = ?, confirmed_at = ? WHERE id = ?",
                (status, confirmed, subscriber_id),
            )

    def forget(self, subscriber_id: str) -> None:
        """Unsubscribe: the row goes, address and all (nothing is kept that is no longer needed)."""
        with self.store.tx() as conn:
            self.store.query(conn, "DELETE FROM subscribers WHERE id = ?", (subscriber_id,))

    def prune(self, before: float) -> int:
        """Forget requests never confirmed since `before` (epoch seconds); how many."""
        with self.store.tx() as conn:
            rows = self.store.query(
                conn,
                "DELETE FROM subscribers WHERE status = ? AND created_at < ? RETURNING id",
                (PENDING, before),
            )
        return len(rows)

    def set_choices(self, subscriber_id: str, choices: Choices) -> None:
        with self.store.tx() as conn:
            self.store.query(
                conn,
                "UPDATE subscribers SET choices = ? WHERE id = ?",
                (choices.as_json(), subscriber_id),
            )

    def active(self, conn: Any) -> Iterator[Subscriber]:
        """Every confirmed subscriber, in id order."""
        rows = self.store.query(
            conn,
            "SELECT id, address, choices, status, token_hash FROM subscribers WHERE status = ? ORDER BY id",
            (ACTIVE,),
        )
        return (self._subscriber(row) for row in rows)
