"""The back office's transitions: assign, 转办, notes, contact views and merges, and nothing more.

Like those in states.py, each takes the current state and returns the one event to append,
or raises Refused with a Chinese message for staff. Only a transfer and a merge are public
(the enterprise sees that its petition changed hands, never why, nor who looked at it).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from generator.petitions.states import OPEN, STATUS_LABELS, Event, Refused, State

if TYPE_CHECKING:
    from generator.models.site import SiteConfig

ASSIGNED, TRANSFERRED, NOTED, CONTACT_VIEWED, MERGED = (
    "assigned", "transferred", "noted", "contact_viewed", "merged",
)  # fmt: skip
KIND_LABELS = {
    "received": "接收",
    "accepted": "受理",
    "replied": "答复",
    "closed": "办结",
    "hidden": "屏蔽",
    "extended": "延期",
    "rated": "评价",
    "reopened": "重新办理",
    "purged": "删除个人信息",
    ASSIGNED: "分派",
    TRANSFERRED: "转办",
    NOTED: "内部备注",
    CONTACT_VIEWED: "查看联系方式",
    MERGED: "合并办理",
}


def _require_open(state: State, what: str) -> None:
    if state.status not in OPEN:
        label = STATUS_LABELS[state.status]
        raise Refused(f"当前状态为“{label}”，只有已接收或已受理的诉求可以{what}")


def _department(site: SiteConfig, code: str) -> str:
    found = site.departments.get(code)
    if found is None:
        raise Refused(f"未知的机构代码“{code}”")
    return found.name


def assign(
    state: State, site: SiteConfig, department: str, assignee: str, at: dt.datetime, actor: str
) -> Event:
    """A supervisor gives the petition to a department (and, optionally, one of its staff)."""
    _require_open(state, "分派")
    name = _department(site, department)
    data: dict[str, Any] = {"department": department, "assignee": assignee.strip() or None}
    who = f"（经办人 {assignee.strip()}）" if assignee.strip() else ""
    return Event(at, ASSIGNED, actor, f"分派给{name}{who}", public=False, data=data)


def transfer(
    state: State, site: SiteConfig, department: str, reason: str, at: dt.datetime, actor: str
) -> Event:
    """转办: another department answers; the due date stays (only an extension moves it)."""
    _require_open(state, "转办")
    name = _department(site, department)
    if department == state.department:
        raise Refused("诉求已由该机构办理，请选择另一机构")
    if not reason.strip():
        raise Refused("转办必须说明理由")
    data = {
        "from": state.department, "to": department, "department": department,
        "reason": reason.strip(),
    }  # fmt: skip
    return Event(at, TRANSFERRED, actor, f"已转交{name}办理", data=data)


def note(state: State, text: str, at: dt.datetime, actor: str) -> Event:
    if not text.strip():
        raise Refused("备注内容不能为空")
    return Event(at, NOTED, actor, text.strip(), public=False)


def contact_viewed(state: State, reason: str, at: dt.datetime, actor: str) -> Event:
    """Looking at the contact details is itself on the record (PIPL: minimum necessary)."""
    if state.purged:
        raise Refused("联系人信息已按保存期限删除")
    if not reason.strip():
        raise Refused("查看联系方式必须说明理由")
    data = {"reason": reason.strip()}
    return Event(at, CONTACT_VIEWED, actor, f"查看联系方式：{reason.strip()}", False, data)


def merge(state: State, receipt: str, into: str, at: dt.datetime, actor: str) -> Event:
    """This petition is a duplicate of `into` and is answered with it."""
    _require_open(state, "合并")
    if into == receipt:
        raise Refused("不能与自身合并")
    return Event(
        at,
        MERGED,
        actor,
        f"与诉求 {into} 合并办理，答复以该诉求为准",
        data={"into": into},
    )


def merged_into(events: list[Event]) -> str | None:
    """The receipt this petition was merged into, if it was."""
    return next((e.data["into"] for e in reversed(events) if e.kind == MERGED), None)


def assignee(events: list[Event]) -> str | None:
    """The account the petition was last given to, if a supervisor named one since the last hand-over."""
    for event in reversed(events):
        if event.kind == ASSIGNED:
            return event.data.get("assignee")
        if event.kind == TRANSFERRED:
            return None
    return None


def accept_details(
    route: str, reason: str, forwarded_to: str, forwarded_on: dt.date | None
) -> tuple[str, dict[str, Any]]:
    """The public note and the data of an acceptance on `route`: 上报 names the body it went
    to and when; 不予受理 gives the reason the enterprise will read."""
    if route == "escalate":
        if not forwarded_to.strip():
            raise Refused("上报必须填写报送的上级机关")
        on = forwarded_on.isoformat() if forwarded_on else None
        when = f"，{on}" if on else ""
        note = f"已上报{forwarded_to.strip()}办理{when}"
        return note, {"forwarded_to": forwarded_to.strip(), "forwarded_on": on}
    if route == "decline":
        if not reason.strip():
            raise Refused("不予受理必须写明理由（企业可以看到）")
        return f"不予受理：{reason.strip()}", {}
    return reason.strip(), {}
