"""The handler's ISO values as Chinese dates and times; anything unreadable stays as it was."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from generator.petitions.chinese import chinese_date, chinese_month, chinese_time

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_dates_months_and_times():
    assert chinese_date("2026-12-01") == "2026年12月1日"
    assert chinese_date(dt.date(2027, 1, 5)) == "2027年1月5日"
    assert chinese_date("2026-12-01T23:59:00+08:00") == "2026年12月1日"
    assert chinese_month("2026-03") == "2026年3月"
    assert chinese_time("2026-12-01T09:05:59+08:00") == "2026年12月1日 09:05"


def test_a_time_is_read_in_the_zone_given():
    assert chinese_time("2026-11-30T16:00:00+00:00", SHANGHAI) == "2026年12月1日 00:00"
    assert chinese_time("2026-12-01T09:05:00", SHANGHAI) == "2026年12月1日 09:05"  # no offset


def test_unreadable_values_are_shown_as_given():
    assert chinese_date("下周") == "下周"
    assert chinese_time("2026-13-01T00:00") == "2026-13-01T00:00"
    assert chinese_month("2026-xx") == "2026-xx"
    assert chinese_date(None) == chinese_time("") == ""
