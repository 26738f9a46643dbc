"""Petition states, the named sets behaviour asks about, and one guarded function per transition.

A petition's state is never stored: it is folded from its appended events. Each transition
function takes the current state and returns the event to append, or raises Refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

RECEIVED, ACCEPTED, REPLIED, CLOSED, HIDDEN = "received", "accepted", "replied", "closed", "hidden"
STATUS_LABELS = {
    RECEIVED: "已接收",
    ACCEPTED: "已受理",
    REPLIED: "已答复",
    CLOSED: "已办结",
    HIDDEN: "已屏蔽",
}
ROUTES = {"local": "本级办理", "escalate": "上报", "decline": "不予受理（告知）"}
RATINGS = {"satisfied": "满意", "fair": "基本满意", "dissatisfied": "不满意"}

OPEN = frozenset({RECEIVED, ACCEPTED})  # a step is due
FINISHED = frozenset({REPLIED, CLOSED})  # the enterprise has its answer
VISIBLE = frozenset({RECEIVED, ACCEPTED, REPLIED, CLOSED})  # counted in statistics, found by lookup
EXTENDABLE = OPEN

# Event kinds; the first five also name the status they lead to.
KINDS = (RECEIVED, ACCEPTED, REPLIED, CLOSED, HIDDEN, "extended", "rated", "reopened", "purged")


class Refused(Exception):
    """An illegal transition; the message is Chinese, for staff."""


@dataclass(frozen=True)
class Event:
    """One appended record: what happened, when, by whom; `public` events show in lookups."""

    at: dt.datetime
    kind: str
    actor: str
    note: str = ""
    public: bool = True
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class State:
    """What the events of one petition add up to."""

    status: str
    received_at: dt.datetime
    route: str | None = None
    reply: str | None = None
    finished_at: dt.datetime | None = None
    extra_days: int = 0
    rating: str | None = None
    reopened: bool = False
    reopened_at: dt.datetime | None = None
    purged: bool = False
    department: str | None = None  # the department answering it (None: the unassigned queue)


def fold(events: list[Event]) -> State:
    """The state after all `events` (the first must be `received`)."""
    state = State(
        status=RECEIVED, received_at=events[0].at, department=events[0].data.get("department")
    )
    for event in events[1:]:
        state = _apply(state, event)
    return state


def _apply(state: State, event: Event) -> State:
    kind, data = event.kind, event.data
    if "department" in data:  # assigned, transferred (转办): the petition changes hands
        state = _replace(state, department=data["department"])
    if kind == ACCEPTED:
        return _replace(state, status=ACCEPTED, route=data.get("route"), extra_days=0)
    if kind == REPLIED:
        return _replace(state, status=REPLIED, reply=event.note, finished_at=event.at)
    if kind == CLOSED:
        return _replace(state, status=CLOSED)
    if kind == HIDDEN:
        return _replace(state, status=HIDDEN)
    if kind == "extended":
        return _replace(state, extra_days=state.extra_days + int(data.get("days", 0)))
    if kind == "rated":
        return _replace(state, rating=data.get("rating"))
    if kind == "reopened":
        return _replace(
            state,
            status=ACCEPTED,
            reopened=True,
            reopened_at=event.at,
            finished_at=None,
            extra_days=0,
            rating=None,
        )
    if kind == "purged":
        return _replace(state, purged=True)
    return state


def _replace(state: State, **changes: Any) -> State:
    return State(**{**state.__dict__, **changes})


def accept(
    state: State,
    route: str,
    at: dt.datetime,
    actor: str,
    note: str = "",
    details: dict[str, Any] | None = None,
) -> Event:
    if route not in ROUTES:
        raise Refused(f"未知的办理方式“{route}”，可选：{', '.join(ROUTES)}")
    if state.status != RECEIVED:
        raise Refused(f"当前状态为“{STATUS_LABELS[state.status]}”，只有已接收的诉求可以受理")
    data = {"route": route, **(details or {})}
    return Event(at, ACCEPTED, actor, note or f"已受理，办理方式：{ROUTES[route]}", data=data)


def reply(state: State, text: str, at: dt.datetime, actor: str) -> Event:
    if not text.strip():
        raise Refused("答复内容不能为空")
    if state.status != ACCEPTED:
        raise Refused(f"当前状态为“{STATUS_LABELS[state.status]}”，只有已受理的诉求可以答复")
    return Event(at, REPLIED, actor, text.strip())


def close(state: State, at: dt.datetime, actor: str, note: str = "") -> Event:
    if state.status != REPLIED:
        raise Refused(f"当前状态为“{STATUS_LABELS[state.status]}”，只有已答复的诉求可以办结")
    return Event(at, CLOSED, actor, note or "已办结")


def hide(state: State, at: dt.datetime, actor: str, reason: str) -> Event:
    if state.status not in OPEN:
        raise Refused(f"当前状态为“{STATUS_LABELS[state.status]}”，只有未答复的诉求可以屏蔽")
    return Event(at, HIDDEN, actor, reason or "无效信息", public=False)


def extend(
    state: State, days: int, reason: str, at: dt.datetime, actor: str, new_due: dt.date
) -> Event:
    if state.status not in EXTENDABLE:
        raise Refused(f"当前状态为“{STATUS_LABELS[state.status]}”，不能延期")
    if days < 1 or days > 60:
        raise Refused("延期天数应在 1 到 60 个工作日之间")
    if not reason.strip():
        raise Refused("延期必须说明理由")
    return Event(
        at,
        "extended",
        actor,
        f"延期 {days} 个工作日：{reason.strip()}",
        data={"days": days, "reason": reason.strip(), "due": new_due.isoformat()},
    )


def rate(state: State, rating: str, comment: str, at: dt.datetime) -> list[Event]:
    """The rating event, plus a reopening when dissatisfied and never reopened before."""
    if rating not in RATINGS:
        raise Refused("评价应为 satisfied、fair 或 dissatisfied")
    if state.status != CLOSED:
        raise Refused("诉求办结后才能评价")
    if state.rating is not None:
        raise Refused("该诉求已评价")
    events = [
        Event(
            at,
            "rated",
            "enterprise",
            f"评价：{RATINGS[rating]}",
            data={"rating": rating, "comment": comment},
        )
    ]
    if rating == "dissatisfied" and not state.reopened:
        events.append(Event(at, "reopened", "system", "企业不满意，重新办理"))
    return events


def purge(state: State, at: dt.datetime, actor: str) -> Event:
    if state.purged:
        raise Refused("个人信息已删除")
    return Event(at, "purged", actor, "已按保存期限删除联系人信息", public=False)
