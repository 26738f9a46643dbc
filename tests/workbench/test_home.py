"""The queue page: counts per queue, filters, receipt search, pages; only visible petitions."""

from __future__ import annotations

import re

from generator.workbench.queues import PER_PAGE
from tests.petitions.conftest import submit


def listed(page) -> list[str]:
    return re.findall(r'href="/staff/petitions/([0-9A-Z-]+)"', page.text)


def count(page, name: str) -> int:
    found = re.search(rf"{name} <span class=\"count\">(\d+)</span>", page.text)
    assert found, name
    return int(found.group(1))


def test_queue_counts_and_lists_only_what_the_account_may_see(signed_in, office):
    gxj = submit(office, category="consult")
    kjj = submit(office, category="request")
    unassigned = submit(office, category="suggestion")
    lin = signed_in("lin", roles={"handler"}, departments={"gxj"})
    page = lin.get("/staff/")
    assert page.status == 200 and listed(page) == [gxj]
    assert count(page, "全部在办") == 1 and count(page, "待分派") == 0
    chen = signed_in("chen", roles={"supervisor"}, departments=set())
    page = chen.get("/staff/?queue=unassigned")
    assert listed(page) == [unassigned] and count(page, "全部在办") == 3
    assert listed(chen.get("/staff/?queue=all&department=kjj")) == [kjj]
    assert listed(chen.get("/staff/?queue=all&category=consult")) == [gxj]
    assert listed(chen.get(f"/staff/?receipt={kjj[-5:]}")) == []  # a prefix search
    assert listed(chen.get(f"/staff/?receipt={kjj[:12].lower()}")) == [kjj]


def test_bad_filters_are_ignored_never_an_error(signed_in, office):
    receipt = submit(office, category="consult")
    chen = signed_in("chen", roles={"supervisor"}, departments=set())
    for query in (
        "queue=drop%20table", "category=%27%3B--", "status=nope", "department=x", "page=-1",
        "page=99999999999", "receipt=" + "9" * 500,
    ):  # fmt: skip
        page = chen.get(f"/staff/?{query}")
        assert page.status == 200, query
    assert listed(chen.get("/staff/?queue=nope")) == [receipt]


def test_pages(signed_in, office, clock):
    for _ in range(PER_PAGE + 1):
        submit(office, category="consult")
    chen = signed_in("chen", roles={"supervisor"}, departments=set())
    first = chen.get("/staff/?queue=open")
    assert len(listed(first)) == PER_PAGE and "第 1 / 2 页" in first.text
    assert 'href="/staff/?page=2&amp;queue=open"' in first.text
    second = chen.get("/staff/?page=2&queue=open")
    assert len(listed(second)) == 1 and "上一页" in second.text


def test_admin_home_says_no_petitions(signed_in, office):
    submit(office, category="consult")
    root = signed_in("root", roles={"admin"}, departments=set())
    page = root.get("/staff/")
    assert page.status == 200 and "不能查看诉求内容" in page.text


def nav_links(page) -> list[str]:
    nav = page.text.split('<nav aria-label="工作台">')[1].split("</nav>")[0]
    return re.findall(r'<a href="/staff[^"]*">([^<]+)</a>', nav)


def test_the_navigation_links_only_the_pages_the_account_may_open(signed_in):
    handler = signed_in("lin", roles={"handler"}, departments={"gxj"}).get("/staff/")
    assert nav_links(handler) == ["诉求队列", "答复模板", "意见征集"]
    supervisor = signed_in("chen", roles={"supervisor"}, departments=set()).get("/staff/")
    assert nav_links(supervisor) == ["诉求队列", "答复模板", "意见征集", "督办统计", "通知发送"]
    discipline = signed_in("ji", roles={"discipline"}, departments=set()).get("/staff/")
    assert nav_links(discipline) == ["诉求队列", "答复模板", "督办统计", "审计日志"]
    admin = signed_in("root", roles={"admin"}, departments=set()).get("/staff/")
    assert 'href="/staff/outbox">通知发送</a>' in admin.text
    assert 'href="/staff/outbox"' not in signed_in("lin2", roles={"handler"}).get("/staff/").text
