"""答复选登: marking a reply publishable with its public wording, and withdrawing it, and nothing more.

Both are internal events (`publishable`, `withdrawn`) appended to the petition; its state
ignores them. A petition is published when the enterprise consented at submission (the
`received` event's `publish_consent`), it is replied or closed, and its last publication
event is `publishable`. The public wording lives in that event's data under `answer`
(never a top-level `department` key: that would hand the petition over, see states.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.petitions import states
from generator.petitions.deidentify import personal_data_found
from generator.petitions.states import Event, Refused
from generator.petitions.written import required_text

if TYPE_CHECKING:
    from generator.models.site import SiteConfig
    from generator.petitions.service import Petitions
    from generator.petitions.states import State
    from generator.petitions.store import Record

PUBLISHABLE, WITHDRAWN = "publishable", "withdrawn"
SUBJECT_MAX, ANSWER_MAX = 100, 5000


@dataclass(frozen=True)
class Wording:
    """The public version of one petition: rewritten subject and answer, category, department."""

    subject: str
    answer: str
    category: str
    department: str
    at: dt.datetime | None = None  # when it was marked publishable
    actor: str = ""


def consented(record: Record) -> bool:
    """Whether the enterprise agreed to publication of a de-identified version."""
    return bool(record.events and record.events[0].data.get("publish_consent"))


def current_wording(record: Record) -> Wording | None:
    """The wording of the last `publishable` event, unless withdrawn since."""
    for event in reversed(record.events):
        if event.kind == WITHDRAWN:
            return None
        if event.kind == PUBLISHABLE:
            data = event.data.get("answer", {})
            return Wording(
                subject=data.get("subject", ""),
                answer=data.get("text", ""),
                category=data.get("category", record.category),
                department=data.get("department", ""),
                at=event.at,
                actor=event.actor,
            )
    return None


def published(record: Record, state: State | None = None) -> Wording | None:
    """The wording the site shows for `record` (whose folded `state` may be given), or None
    (no consent, not answered, withdrawn)."""
    if not consented(record):
        return None
    if (state or record.state).status not in states.FINISHED:
        return None
    return current_wording(record)


def _allowed_public(site: SiteConfig) -> list[str]:
    """The departments' own phone numbers and e-mail addresses, which an answer may cite."""
    return [
        value
        for department in site.departments.values()
        for value in (getattr(department, "phone", None), getattr(department, "email", None))
        if value
    ]


def mark_publishable(
    record: Record,
    wording: Wording,
    site: SiteConfig,
    contact: dict[str, Any],
    at: dt.datetime,
    actor: str,
) -> Event:
    """The `publishable` event for `wording`, or Refused with the reason in Chinese."""
    if not consented(record):
        raise Refused("企业提交时未同意公开，不能选登")
    if record.state.status not in states.FINISHED:
        label = states.STATUS_LABELS[record.state.status]
        raise Refused(f"当前状态为“{label}”，只有已答复或已办结的诉求可以选登")
    subject = required_text(wording.subject, "公开的标题", SUBJECT_MAX, multiline=False)
    answer = required_text(wording.answer, "公开的答复", ANSWER_MAX, multiline=True)
    if wording.category not in site.petitions.categories:
        raise Refused("请选择诉求类别")
    if wording.department not in site.departments:
        raise Refused("请选择承办部门")
    found = personal_data_found(
        f"{subject}\n{answer}",
        enterprise=record.enterprise,
        credit_code=record.credit_code,
        contact_name=contact.get("contact_name"),
        allowed=_allowed_public(site),
    )
    if found:
        raise Refused("公开文本中仍有可识别企业或个人的信息，请删改后再保存：" + "；".join(found))
    data = {
        "answer": {
            "subject": subject,
            "text": answer,
            "category": wording.category,
            "department": wording.department,
        }
    }
    return Event(at, PUBLISHABLE, actor, "已选登（公开文本已审核）", public=False, data=data)


def withdraw(record: Record, at: dt.datetime, actor: str, reason: str) -> Event:
    """The `withdrawn` event that takes a petition out of 答复选登."""
    if current_wording(record) is None:
        raise Refused("该诉求未选登，无需撤下")
    reason = reason.strip()
    if not reason:
        raise Refused("撤下选登必须说明理由")
    return Event(at, WITHDRAWN, actor, f"撤下选登：{reason}", public=False)


def publish(desk: Petitions, receipt: str, wording: Wording, actor: str) -> Record:
    """Mark `receipt` publishable with `wording` in one transaction; raises KeyError or Refused."""
    at = desk.now()

    def decide(record: Record) -> list[Event]:
        return [mark_publishable(record, wording, desk.site, desk.contact(record), at, actor)]

    return desk.store.change(receipt.strip().upper(), decide)


def unpublish(desk: Petitions, receipt: str, actor: str, reason: str) -> Record:
    """Withdraw `receipt` from 答复选登 in one transaction; raises KeyError or Refused."""
    at = desk.now()
    return desk.store.change(
        receipt.strip().upper(), lambda record: [withdraw(record, at, actor, reason)]
    )
