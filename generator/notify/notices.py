"""The enterprise's notices: which petition events it hears of, on the channels it chose, in Chinese.

`EnterpriseNotices` is a store listener: it runs inside the transaction that appends the
events and queues one message per event and chosen channel. A message carries the receipt,
the dates and a link to the lookup page: never the query code, the reply or the petition text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator import urls
from generator.notify.channel import Rendered
from generator.notify.outbox import Message, Outbox
from generator.notify.rendering import text_environment
from generator.petitions.states import ROUTES, Event

if TYPE_CHECKING:
    from generator.models.site import SiteConfig
    from generator.petitions.casebook import Casebook
    from generator.petitions.keys import Keyring
    from generator.petitions.store import Record

CHANNELS = {"email": "email", "sms": "phone"}  # channel -> the contact field it sends to
NOTIFY_KEY = "notify"  # the received event's data: the channels the enterprise opted into
SUBJECTS = {
    "received": "诉求已收到",
    "accepted": "诉求已受理",
    "replied": "诉求已答复",
    "closed": "诉求已办结",
    "extended": "诉求办理期限延长",
}
SMS_REASON_MAX = 20  # SMS template variables are short


def lookup_url(site: SiteConfig) -> str:
    return urls.absolute(site, urls.LOOKUP_PATH)


def opted_channels(record: Record) -> list[str]:
    """The channels the enterprise chose when it submitted (none for older petitions)."""
    chosen = record.events[0].data.get(NOTIFY_KEY) or []
    return [c for c in CHANNELS if c in chosen]


class EnterpriseNotices:
    """Queues the notices of new events; append an instance to `store.listeners`."""

    def __init__(self, outbox: Outbox, casebook: Casebook, keys: Keyring) -> None:
        self.outbox = outbox
        self.casebook = casebook
        self.keys = keys
        self.site = casebook.site

    def __call__(self, conn: Any, record: Record, events: list[Event]) -> None:
        channels = opted_channels(record)
        if not channels or record.contact is None:
            return
        contact = self.keys.open(record.contact, record.receipt)
        first = len(record.events) - len(events) + 1
        for seq, event in enumerate(events, start=first):
            if event.kind not in SUBJECTS:
                continue
            payload = self.payload(record, event)
            for channel in channels:
                address = contact.get(CHANNELS[channel])
                if not address:
                    continue
                message = Message(
                    f"{record.receipt}.{seq}.{channel}", channel, address,
                    f"petition.{event.kind}", payload,
                )  # fmt: skip
                self.outbox.enqueue(conn, message, event.at.timestamp())

    def payload(self, record: Record, event: Event) -> dict[str, Any]:
        """What the message says: receipt, dates, route, reason; nothing the enterprise did not see."""
        payload: dict[str, Any] = {
            "site": self.site.title,
            "receipt": record.receipt,
            "lookup": lookup_url(self.site),
        }
        due = self.casebook.due(record)
        if event.kind == "received" and due is not None:
            payload["date"] = due.date.isoformat()
        elif event.kind == "accepted":
            payload["route"] = ROUTES.get(event.data.get("route", ""), "")
            if due is not None:
                payload["date"] = due.date.isoformat()
        elif event.kind == "extended":
            payload["date"] = event.data.get("due", "")
            payload["reason"] = event.data.get("reason", "")
        return payload


def _sms_params(kind: str, p: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    params = [("receipt", p["receipt"])]
    if kind == "accepted":
        params.append(("route", p["route"]))
    if kind in ("received", "accepted", "extended") and p.get("date"):
        params.append(("date", p["date"]))
    if kind == "extended":
        params.append(("reason", p["reason"][:SMS_REASON_MAX]))
    return tuple(params)


def render_notice(kind: str, payload: dict[str, Any]) -> Rendered:
    """The Chinese mail text and the SMS parameters of one notice."""
    return Rendered(
        subject=f"{SUBJECTS[kind]}（受理编号 {payload['receipt']}）",
        text=text_environment().get_template("mail/petition.txt.j2").render(kind=kind, p=payload),
        sms_notice=kind,
        sms_params=_sms_params(kind, payload),
    )
