"""Working days, credit codes and derived statuses: the pure functions everything else relies on."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.content.status import (
    announcement_status,
    days_left,
    fund_status,
    fund_status_at,
    policy_status,
)
from generator.content.workdays import WorkCalendar
from generator.credit_code import ALPHABET, check_character, credit_code_problem
from generator.models.announcements import Announcement
from generator.models.funds import Fund
from generator.models.instants import as_datetime_pair
from generator.models.policies import Policy

D = dt.date


# -- working days -------------------------------------------------------------------------


def test_national_day_week_is_not_counted():
    # 2025-10-01..08 are holidays; Saturday 2025-10-11 is a make-up working day.
    calendar = WorkCalendar()
    assert not calendar.is_workday(D(2025, 10, 3))
    assert calendar.is_workday(D(2025, 10, 11))
    due = calendar.add_workdays(D(2025, 9, 30), 1)
    assert due.date == D(2025, 10, 9) and not due.provisional


def test_weekend_is_skipped():
    assert WorkCalendar().add_workdays(D(2025, 6, 6), 1).date == D(2025, 6, 9)  # Friday -> Monday


def test_site_overrides_win():
    calendar = WorkCalendar.from_overrides(
        rest_days=[D(2025, 6, 9)], make_up_workdays=[D(2025, 6, 7)]
    )
    assert calendar.add_workdays(D(2025, 6, 6), 1).date == D(2025, 6, 7)
    assert calendar.add_workdays(D(2025, 6, 6), 2).date == D(2025, 6, 10)


def test_year_without_data_counts_weekdays_and_is_provisional():
    calendar = WorkCalendar()
    year = max(y for y in range(2020, 2100) if calendar.has_data(y)) + 1
    start = D(year, 3, 6)
    due = calendar.add_workdays(start, 5)
    assert due.provisional
    assert sum(calendar.is_workday(start + dt.timedelta(days=i)) for i in range(1, 8)) == 5


def test_workdays_in_span():
    assert WorkCalendar().workdays_in(D(2026, 11, 20), D(2026, 11, 27)) == 6


# -- credit codes -------------------------------------------------------------------------


def test_known_valid_code():
    # 91350100M000100Y43 is a published example code of a Fujian enterprise.
    assert check_character("91350100M000100Y4") == "3"


@pytest.mark.parametrize(
    "code,problem",
    [("9135", "length"), ("91350100M000100YI3", "charset"), ("91350100M000100Y40", "check")],
)
def test_bad_codes(code, problem):
    assert credit_code_problem(code) == problem


def test_check_character_detects_every_single_substitution():
    first = "91350582MA2Y3K4Q1"
    good = first + check_character(first)
    for position in range(17):
        for replacement in ALPHABET:
            if replacement == good[position]:
                continue
            altered = good[:position] + replacement + good[position + 1 :]
            assert credit_code_problem(altered) == "check"


# -- statuses -----------------------------------------------------------------------------

BASE = {"title": "t", "department": "d", "published": D(2025, 1, 10)}


def policy(**extra):
    return Policy.model_validate(
        {**BASE, "issuer": "i", "level": "local", "signed": D(2025, 1, 1), **extra}
    )


def test_policy_statuses():
    assert policy_status(policy(effective=D(2025, 3, 1)), D(2025, 2, 1)).label == "尚未施行"
    assert policy_status(policy(), D(2025, 2, 1)).label == "现行有效"
    assert policy_status(policy(expires=D(2025, 6, 30)), D(2025, 7, 1)).label == "已失效"
    assert policy_status(policy(expires=D(2025, 6, 30)), D(2025, 6, 30)).label == "现行有效"
    assert policy_status(policy(repealed={"date": D(2025, 5, 1)}), D(2025, 5, 1)).label == "已废止"
    assert (
        policy_status(policy(repealed={"date": D(2025, 5, 1)}), D(2025, 4, 30)).label == "现行有效"
    )


def fund(opens, closes):
    return Fund.model_validate(
        {
            **BASE,
            "basis": ["p-1"],
            "opens": opens,
            "closes": closes,
            "funding": "f",
            "eligibility": [{"text": "x"}],
        }
    )


def test_fund_statuses_by_day_and_instant():
    window = fund(D(2025, 3, 1), D(2025, 3, 31))
    assert fund_status(window, D(2025, 2, 28)).label == "即将开始"
    assert fund_status(window, D(2025, 3, 31)).label == "申报中"
    assert fund_status(window, D(2025, 4, 1)).label == "已截止"
    assert fund_status(window, D(2025, 4, 1), results_published=True).label == "已公示结果"
    zone = dt.timezone(dt.timedelta(hours=8))
    assert fund_status_at(window, dt.datetime(2025, 3, 31, 23, 59, tzinfo=zone)).label == "申报中"
    timed = fund(dt.datetime(2025, 3, 1, 9, 0), dt.datetime(2025, 3, 31, 17, 0))
    assert fund_status_at(timed, dt.datetime(2025, 3, 31, 17, 1, tzinfo=zone)).label == "已截止"
    start, end = as_datetime_pair(window.opens, window.closes)
    assert (
        end.isoformat() == "2025-03-31T23:59:59+08:00"
        and start.isoformat() == "2025-03-01T00:00:00+08:00"
    )
    assert days_left(window.closes, D(2025, 3, 29)) == 2


def test_announcement_statuses():
    notice = Announcement.model_validate(
        {
            **BASE,
            "publicity": {"start": D(2025, 3, 3), "end": D(2025, 3, 10)},
            "objections": {"phone": "1", "address": "a"},
        }
    )
    assert announcement_status(notice, D(2025, 3, 2)).label == "即将公示"
    assert announcement_status(notice, D(2025, 3, 10)).label == "公示中"
    assert announcement_status(notice, D(2025, 3, 11)).label == "公示结束"
