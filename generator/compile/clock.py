"""The instants a page embeds so the browser can recompute statuses, and nothing more."""

from __future__ import annotations

import datetime as dt

from generator.compile.text import instant
from generator.content.index import ContentIndex, Item
from generator.content.status import Status
from generator.models.announcements import Announcement
from generator.models.consultations import Consultation
from generator.models.funds import Fund
from generator.models.instants import as_datetime_pair
from generator.models.policies import Policy


def _day_start(day: dt.date, zone: dt.tzinfo) -> str:
    return instant(dt.datetime.combine(day, dt.time(0, 0), zone))


def _day_end(day: dt.date, zone: dt.tzinfo) -> str:
    return instant(dt.datetime.combine(day, dt.time(23, 59, 59), zone))


def status_attributes(index: ContentIndex, item: Item, today: dt.date) -> dict[str, str]:
    """`data-*` attributes for a status badge: its kind and the instants it changes at.

    The browser script (site_overrides/assets/qinqing/site.js) reads these; a withdrawn item
    or a fund with published results no longer changes, so it gets no instants.
    """
    zone = index.site.zone
    data = item.data
    attrs = {"data-qq-kind": item.collection}
    if item.withdrawn:
        attrs["data-qq-fixed"] = "withdrawn"
        return attrs
    if isinstance(data, Fund):
        if index.has_results(item.id, today):
            attrs["data-qq-fixed"] = "results"
            return attrs
        start, end = as_datetime_pair(data.opens, data.closes, zone)
        attrs["data-qq-opens"] = instant(start)
        attrs["data-qq-closes"] = instant(end)
    elif isinstance(data, Announcement):
        attrs["data-qq-opens"] = _day_start(data.publicity.start, zone)
        attrs["data-qq-closes"] = _day_end(data.publicity.end, zone)
    elif isinstance(data, Consultation):
        attrs["data-qq-opens"] = _day_start(data.opens, zone)
        attrs["data-qq-closes"] = _day_end(data.closes, zone)
        if data.feedback is not None:
            attrs["data-qq-answered"] = _day_start(data.feedback.date, zone)
    elif isinstance(data, Policy):
        attrs["data-qq-opens"] = _day_start(data.effective or data.published, zone)
        if data.expires is not None:
            attrs["data-qq-closes"] = _day_end(data.expires, zone)
        if data.repealed is not None:
            attrs["data-qq-repealed"] = _day_start(data.repealed.date, zone)
    return attrs


def shown_status(index: ContentIndex, item: Item, today: dt.date) -> Status | None:
    """The badge for a day: withdrawal overrides the derived status."""
    from generator.content.status import WITHDRAWN

    if item.withdrawn:
        return WITHDRAWN
    return index.status(item, today)


def days_attributes(fund: Fund, zone: dt.tzinfo) -> dict[str, str]:
    """The window of a "还剩 N 天" note, so the browser can count the days itself."""
    start, end = as_datetime_pair(fund.opens, fund.closes, zone)
    return {"data-qq-opens": instant(start), "data-qq-closes": instant(end)}
