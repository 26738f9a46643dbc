"""Likely duplicates: same enterprise or phone, a similar subject, within 7 days, visible only."""

from __future__ import annotations

from generator.workbench.duplicates import likely_duplicates, similar
from tests.petitions.conftest import submit
from tests.workbench.desk_support import person

SUPERVISOR = person("chen", "supervisor")


def test_similar_subjects():
    assert similar("厂房租金补贴申报进度", "厂房租金补贴申报进度？")
    assert similar("厂房租金补贴申报进度", "请问厂房租金补贴申报进度")
    assert similar("技改资金什么时候拨付", "技改资金何时拨付")
    assert not similar("厂房租金补贴申报进度", "招工难问题反映")
    assert not similar("", "招工难")


def test_same_enterprise_or_phone_within_seven_days(office, clock):
    first = submit(office, category="request")
    same_phone = submit(
        office, category="request", enterprise="另一家公司", subject="厂房租金补贴申报进度查询"
    )
    other_subject = submit(office, category="request", subject="招工难问题反映")
    stranger = submit(office, category="request", enterprise="某某公司", phone="13800000000")
    clock.advance(days=8)
    too_late = submit(office, category="request")
    found = [r.receipt for r in likely_duplicates(office.store, SUPERVISOR, first)]
    assert found == [same_phone]
    assert other_subject not in found and stranger not in found and too_late not in found
    later = [r.receipt for r in likely_duplicates(office.store, SUPERVISOR, too_late)]
    assert later == []


def test_merged_and_invisible_petitions_are_not_offered(office):
    first = submit(office, category="request")  # kjj
    second = submit(office, category="request")
    gxj_copy = submit(office, category="consult")  # gxj: not for a kjj handler
    wu = person("wu", "handler", departments=("kjj",))
    assert [r.receipt for r in likely_duplicates(office.store, wu, first)] == [second]
    assert gxj_copy in [r.receipt for r in likely_duplicates(office.store, SUPERVISOR, first)]
    office.act(second, "merge", "wu", into=first)
    assert [r.receipt for r in likely_duplicates(office.store, wu, first)] == []
