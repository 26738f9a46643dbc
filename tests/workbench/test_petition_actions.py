"""Every petition URL and action in the workbench: who may (handler of the department,
supervisor, discipline for reports), who gets 403 (and no event), exactly one event per
action with the signed-in account as actor, refusals shown in Chinese on the page."""

from __future__ import annotations

import pytest

from generator.staff import audit
from generator.workbench.petition_actions import FIELDS
from tests.petitions.conftest import submit

VALID = {
    "accept": {"route": "local"},
    "transfer": {"department": "swj", "reason": "属商务局职责"},
    "assign": {"department": "gxj", "assignee": "lin"},
    "reply": {"text": "您好，已协调解决。"},
    "extend": {"days": "3", "reason": "需现场核查"},
    "close": {},
    "hide": {"reason": "广告"},
    "note": {"text": "先电话了解"},
    "view_contact": {"reason": "电话核实"},
    "merge": {"into": ""},
}
PREPARE = {"reply": ["accept"], "close": ["accept", "reply"]}
KIND = {
    "accept": "accepted", "transfer": "transferred", "assign": "assigned", "reply": "replied",
    "extend": "extended", "close": "closed", "hide": "hidden", "note": "noted",
    "view_contact": "contact_viewed", "merge": "merged",
}  # fmt: skip


def ready(office, action, category="consult", **changes):
    """A petition (consult -> gxj) brought to where `action` applies; its receipt."""
    receipt = submit(office, category=category, **changes)
    for step in PREPARE.get(action, []):
        options = dict(VALID[step])
        office.act(receipt, step, "setup", **options)
    return receipt


def fields_for(office, action, receipt):
    fields = dict(VALID[action])
    if action == "merge":
        fields["into"] = submit(office, category="consult")
    return fields


def events(office, receipt):
    return office.store.get(receipt).events


@pytest.mark.parametrize("action", sorted(FIELDS))
def test_each_action_appends_one_event_as_the_account(signed_in, make_account, office, action):
    make_account("lin", roles={"handler"}, departments={"gxj"})  # the assignee
    client = signed_in("chen", roles={"supervisor"}, departments=set())
    receipt = ready(office, action)
    before = len(events(office, receipt))
    answer = client.post(
        f"/staff/petitions/{receipt}/{action}", fields_for(office, action, receipt)
    )
    assert answer.status in (200, 303), answer.text
    after = events(office, receipt)
    assert len(after) == before + 1
    assert (after[-1].kind, after[-1].actor) == (KIND[action], "chen")


@pytest.mark.parametrize("action", sorted(FIELDS))
def test_handler_of_another_department_gets_403_and_no_event(signed_in, office, action):
    client = signed_in("wu", roles={"handler"}, departments={"swj"})
    receipt = ready(office, action)  # gxj's
    before = len(events(office, receipt))
    answer = client.post(
        f"/staff/petitions/{receipt}/{action}", fields_for(office, action, receipt)
    )
    assert answer.status == 403 and ("无权" in answer.text or "不能" in answer.text)
    assert len(events(office, receipt)) == before
    assert client.get(f"/staff/petitions/{receipt}").status == 403


def test_handler_never_sees_a_report_about_their_department(signed_in, office):
    report = submit(office, category="report")  # names gxj
    lin = signed_in("lin", roles={"handler"}, departments={"gxj"})
    assert lin.get(f"/staff/petitions/{report}").status == 403
    for queue in ("all", "open", "mine", "overdue"):
        page = lin.get(f"/staff/?queue={queue}")
        assert page.status == 200 and report not in page.text
    assert lin.post(f"/staff/petitions/{report}/note", {"text": "x"}).status == 403
    assert len(events(office, report)) == 1


def test_discipline_handle_reports_only(signed_in, office):
    report, consult = submit(office, category="report"), submit(office, category="consult")
    zheng = signed_in("zheng", roles={"discipline"}, departments=set())
    assert zheng.get(f"/staff/petitions/{report}").status == 200
    assert zheng.get(f"/staff/petitions/{consult}").status == 403
    home = zheng.get("/staff/?queue=all").text
    assert report in home and consult not in home
    assert zheng.post(f"/staff/petitions/{report}/accept", {"route": "local"}).status == 303
    assert events(office, report)[-1].actor == "zheng"


def test_handler_may_not_transfer_or_extend(signed_in, office):
    receipt = submit(office, category="consult")
    lin = signed_in("lin", roles={"handler"}, departments={"gxj"})
    for action in ("transfer", "extend", "assign"):
        assert lin.post(f"/staff/petitions/{receipt}/{action}", VALID[action]).status == 403
    assert len(events(office, receipt)) == 1
    assert (
        "转办"
        not in lin.get(f"/staff/petitions/{receipt}")
        .text.split("办理记录")[0]
        .split('<h2 id="actions-title">')[1]
    )


def test_admin_alone_sees_no_petition(signed_in, office):
    receipt = submit(office, category="consult")
    root = signed_in("root", roles={"admin"}, departments=set())
    assert root.get(f"/staff/petitions/{receipt}").status == 403
    assert receipt not in root.get("/staff/").text


def test_unknown_receipt_and_action(signed_in, office):
    client = signed_in("chen", roles={"supervisor"}, departments=set())
    assert client.get("/staff/petitions/20261126-NOPE0").status == 404
    receipt = submit(office)
    assert client.post(f"/staff/petitions/{receipt}/launch", {}).status == 404


@pytest.mark.parametrize(
    ("action", "fields", "words"),
    [
        ("accept", {"route": "decline"}, "不予受理必须写明理由"),
        ("accept", {"route": "escalate", "forwarded_on": "明天"}, "上报日期应写成"),
        ("accept", {"route": "launch"}, "请选择办理方式"),
        ("extend", {"days": "many", "reason": "x"}, "延期天数"),
        ("reply", {"text": "答复"}, "只有已受理的诉求可以答复"),
        ("transfer", {"department": "swj", "reason": ""}, "转办必须说明理由"),
    ],
)
def test_refusals_show_on_the_page_in_chinese(signed_in, office, action, fields, words):
    client = signed_in("chen", roles={"supervisor"}, departments=set())
    receipt = submit(office, category="consult")
    answer = client.post(f"/staff/petitions/{receipt}/{action}", fields)
    assert answer.status == 422 and words in answer.text and "操作未完成" in answer.text
    assert len(events(office, receipt)) == 1


def test_transfer_away_returns_to_the_queue(signed_in, office):
    receipt = submit(office, category="consult")
    chen = signed_in("chen", roles={"supervisor", "handler"}, departments={"gxj"})
    answer = chen.post(f"/staff/petitions/{receipt}/transfer", VALID["transfer"])
    assert answer.status == 303 and answer.location.endswith(f"/petitions/{receipt}?done=transfer")
    lin = signed_in("lin", roles={"handler"}, departments={"gxj"})
    assert lin.get(f"/staff/petitions/{receipt}").status == 403
    wu = signed_in("wu", roles={"handler"}, departments={"swj"})
    page = wu.get(f"/staff/petitions/{receipt}")
    assert page.status == 200 and "属商务局职责" in page.text
    answer = wu.post(f"/staff/petitions/{receipt}/accept", {"route": "local"})
    assert answer.status == 303


def test_contact_shown_only_in_the_answer_to_a_recorded_view(signed_in, office):
    receipt = submit(office, category="consult")
    lin = signed_in("lin", roles={"handler"}, departments={"gxj"})
    page = lin.get(f"/staff/petitions/{receipt}")
    assert "13905951234" not in page.text and "查看联系方式" in page.text
    shown = lin.post(f"/staff/petitions/{receipt}/view_contact", {"reason": "电话核实材料"})
    assert shown.status == 200 and "13905951234" in shown.text and "林小姐" in shown.text
    assert "13905951234" not in lin.get(f"/staff/petitions/{receipt}").text
    with office.store.tx() as conn:
        [entry] = audit.list_entries(conn, action="contact-viewed")
    assert (entry.actor, entry.receipt, entry.detail) == (
        "lin",
        receipt,
        {"reason": "电话核实材料"},
    )
    assert lin.post(f"/staff/petitions/{receipt}/view_contact", {"reason": ""}).status == 422


def test_post_without_csrf_appends_nothing(signed_in, office):
    receipt = submit(office, category="consult")
    lin = signed_in("lin", roles={"handler"}, departments={"gxj"})
    assert lin.post(f"/staff/petitions/{receipt}/note", {"text": "x"}, csrf=False).status == 403
    bad = {"text": "x", "csrf_token": "wrong"}
    assert lin.post(f"/staff/petitions/{receipt}/note", bad).status == 403
    assert len(events(office, receipt)) == 1


@pytest.mark.parametrize("action", sorted(FIELDS))
def test_an_empty_form_is_refused_on_the_page_never_a_500(signed_in, office, action):
    client = signed_in("chen", roles={"supervisor"}, departments=set())
    receipt = ready(office, action)
    before = len(events(office, receipt))
    answer = client.post(f"/staff/petitions/{receipt}/{action}", {})
    assert answer.status in (200, 303, 422), answer.text
    if answer.status == 422:
        assert "操作未完成" in answer.text and len(events(office, receipt)) == before


def test_an_assignee_is_an_account_of_that_department(signed_in, make_account, office):
    make_account("wu", roles={"handler"}, departments={"swj"})
    make_account("gone", roles={"handler"}, departments={"gxj"}, disabled=True)
    chen = signed_in("chen", roles={"supervisor"}, departments=set())
    receipt = submit(office, category="suggestion")  # unassigned
    for who in ("nobody", "wu", "gone"):
        answer = chen.post(
            f"/staff/petitions/{receipt}/assign", {"department": "gxj", "assignee": who}
        )
        assert answer.status == 422 and "不是该机构的在岗工作人员账号" in answer.text, who
    assert len(events(office, receipt)) == 1
    answer = chen.post(
        f"/staff/petitions/{receipt}/assign", {"department": "swj", "assignee": "wu"}
    )
    assert answer.status == 303 and office.store.get(receipt).state.department == "swj"
