"""Derived statuses: pure functions of an item's dates and a day, and nothing more."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.models.announcements import Announcement
from generator.models.consultations import Consultation
from generator.models.funds import Fund
from generator.models.instants import SHANGHAI, as_datetime_pair
from generator.models.policies import Policy


@dataclass(frozen=True)
class Status:
    """A status as shown on a badge: a stable code, its Chinese label and a colour tone."""

    code: str
    label: str
    tone: str  # positive | neutral | warning | negative | info


POLICY_PENDING = Status("pending", "尚未施行", "info")
POLICY_IN_FORCE = Status("in_force", "现行有效", "positive")
POLICY_EXPIRED = Status("expired", "已失效", "neutral")
POLICY_REPEALED = Status("repealed", "已废止", "negative")
FUND_UPCOMING = Status("upcoming", "即将开始", "info")
FUND_OPEN = Status("open", "申报中", "positive")
FUND_CLOSED = Status("closed", "已截止", "neutral")
FUND_RESULTS = Status("results", "已公示结果", "neutral")
NOTICE_UPCOMING = Status("upcoming", "即将公示", "info")
NOTICE_PUBLICITY = Status("publicity", "公示中", "warning")
NOTICE_ENDED = Status("ended", "公示结束", "neutral")
CONSULTATION_UPCOMING = Status("upcoming", "即将开始", "info")
CONSULTATION_OPEN = Status("open", "征求意见中", "positive")
CONSULTATION_CLOSED = Status("closed", "已截止", "neutral")
CONSULTATION_ANSWERED = Status("answered", "已反馈", "neutral")
WITHDRAWN = Status("withdrawn", "已撤回", "negative")

STATUSES: dict[str, tuple[Status, ...]] = {
    "policies": (POLICY_PENDING, POLICY_IN_FORCE, POLICY_EXPIRED, POLICY_REPEALED),
    "funds": (FUND_UPCOMING, FUND_OPEN, FUND_CLOSED, FUND_RESULTS),
    "guides": (),
    "announcements": (NOTICE_UPCOMING, NOTICE_PUBLICITY, NOTICE_ENDED),
    "consultations": (
        CONSULTATION_UPCOMING,
        CONSULTATION_OPEN,
        CONSULTATION_CLOSED,
        CONSULTATION_ANSWERED,
    ),
}


def policy_status(policy: Policy, today: dt.date) -> Status:
    if policy.repealed is not None and policy.repealed.date <= today:
        return POLICY_REPEALED
    if (policy.effective or policy.published) > today:
        return POLICY_PENDING
    if policy.expires is not None and policy.expires < today:
        return POLICY_EXPIRED
    return POLICY_IN_FORCE


def fund_status(fund: Fund, today: dt.date, results_published: bool = False) -> Status:
    if results_published:
        return FUND_RESULTS
    opens = fund.opens.date() if isinstance(fund.opens, dt.datetime) else fund.opens
    closes = fund.closes.date() if isinstance(fund.closes, dt.datetime) else fund.closes
    if today < opens:
        return FUND_UPCOMING
    if today > closes:
        return FUND_CLOSED
    return FUND_OPEN


def fund_status_at(fund: Fund, now: dt.datetime, zone: dt.tzinfo = SHANGHAI) -> Status:
    """The status at an instant: a window closing at 17:00 is closed at 17:01."""
    start, end = as_datetime_pair(fund.opens, fund.closes, zone)
    if now < start:
        return FUND_UPCOMING
    if now > end:
        return FUND_CLOSED
    return FUND_OPEN


def announcement_status(notice: Announcement, today: dt.date) -> Status:
    if today < notice.publicity.start:
        return NOTICE_UPCOMING
    if today > notice.publicity.end:
        return NOTICE_ENDED
    return NOTICE_PUBLICITY


def consultation_status(consultation: Consultation, today: dt.date) -> Status:
    """The window's status; once it has closed, 已反馈 as soon as `feedback` is published."""
    if today < consultation.opens:
        return CONSULTATION_UPCOMING
    if today <= consultation.closes:
        return CONSULTATION_OPEN
    feedback = consultation.feedback
    if feedback is not None and feedback.date <= today:
        return CONSULTATION_ANSWERED
    return CONSULTATION_CLOSED


def days_left(closes: dt.date | dt.datetime, today: dt.date) -> int:
    """Calendar days from today to the closing day (0 on the closing day itself)."""
    last = closes.date() if isinstance(closes, dt.datetime) else closes
    return (last - today).days
