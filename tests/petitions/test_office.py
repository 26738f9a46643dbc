"""The back office's transitions through the service: each appends one event, refuses what is
illegal in Chinese, and the enterprise's lookup shows only the public steps."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.petitions.states import Refused
from tests.petitions.conftest import SITE_YAML, load_site, submit

SITE = SITE_YAML.replace(
    "departments:\n  gxj:\n    name: 晋江市工业和信息化局\n",
    "departments:\n  gxj:\n    name: 晋江市工业和信息化局\n  kjj:\n    name: 晋江市科学技术局\n",
)


@pytest.fixture
def site(tmp_path):
    path = tmp_path / "site.yaml"
    path.write_text(SITE, encoding="utf-8")
    return load_site(path)


def kinds(desk, receipt):
    return [(e.kind, e.actor, e.public) for e in desk.store.get(receipt).events]


def test_each_action_appends_one_event_as_the_actor(desk):
    receipt = submit(desk)
    steps = [
        ("assign", {"department": "gxj", "assignee": "lin"}, "assigned", False),
        ("note", {"text": "先电话了解情况"}, "noted", False),
        ("view_contact", {"reason": "电话核实申报材料"}, "contact_viewed", False),
        ("accept", {"route": "local"}, "accepted", True),
        ("transfer", {"department": "kjj", "reason": "属科技局职责"}, "transferred", True),
        ("extend", {"days": 3, "reason": "需现场核查"}, "extended", True),
        ("reply", {"text": "已协调解决。"}, "replied", True),
        ("close", {}, "closed", True),
    ]
    for number, (action, options, kind, public) in enumerate(steps, start=2):
        desk.act(receipt, action, "wang", **options)
        events = desk.store.get(receipt).events
        assert len(events) == number
        assert (events[-1].kind, events[-1].actor, events[-1].public) == (kind, "wang", public)
    record = desk.store.get(receipt)
    assert record.state.department == "kjj"
    transferred = record.events[5]
    assert transferred.data == {
        "from": "gxj", "to": "kjj", "department": "kjj", "reason": "属科技局职责"
    }  # fmt: skip
    assert transferred.note == "已转交晋江市科学技术局办理"  # the reason stays internal


def test_transfer_keeps_the_due_date(desk):
    receipt = submit(desk)
    desk.act(receipt, "accept", "wang", route="local")
    before = desk.due(desk.store.get(receipt))
    desk.act(receipt, "transfer", "wang", department="kjj", reason="属科技局职责")
    assert desk.due(desk.store.get(receipt)) == before


@pytest.mark.parametrize(
    ("action", "options", "words"),
    [
        ("transfer", {"department": "kjj", "reason": " "}, "转办必须说明理由"),
        ("transfer", {"department": "nope", "reason": "x"}, "未知的机构代码"),
        ("view_contact", {"reason": ""}, "必须说明理由"),
        ("note", {"text": ""}, "备注内容不能为空"),
        ("accept", {"route": "escalate"}, "上报必须填写报送的上级机关"),
        ("accept", {"route": "decline"}, "不予受理必须写明理由"),
        ("merge", {"into": "20261126-NONE0"}, "没有受理编号"),
    ],
)
def test_refusals_are_chinese_and_append_nothing(desk, action, options, words):
    receipt = submit(desk)
    with pytest.raises(Refused, match=words):
        desk.act(receipt, action, "wang", **options)
    assert len(desk.store.get(receipt).events) == 1


def test_accept_routes_record_their_details(desk):
    escalated, declined = submit(desk), submit(desk)
    desk.act(
        escalated, "accept", "wang", route="escalate", forwarded_to="泉州市工信局",
        forwarded_on=dt.date(2026, 11, 27),
    )  # fmt: skip
    desk.act(declined, "accept", "wang", route="decline", note="不属于本局职责，请向市场监管局反映")
    event = desk.store.get(escalated).events[-1]
    assert event.data == {
        "route": "escalate", "forwarded_to": "泉州市工信局", "forwarded_on": "2026-11-27"
    }  # fmt: skip
    assert event.note == "已上报泉州市工信局办理，2026-11-27"
    assert (
        desk.store.get(declined).events[-1].note == "不予受理：不属于本局职责，请向市场监管局反映"
    )


def test_a_transfer_of_a_finished_petition_is_refused(desk):
    receipt = submit(desk)
    desk.act(receipt, "accept", "wang", route="local")
    desk.act(receipt, "reply", "wang", text="答复")
    with pytest.raises(Refused, match="只有已接收或已受理的诉求可以转办"):
        desk.act(receipt, "transfer", "wang", department="kjj", reason="x")


def test_lookup_shows_the_public_steps_only(desk):
    first, receipt = submit(desk), submit(desk)
    desk.act(receipt, "note", "wang", text="内部：企业曾多次来电")
    desk.act(receipt, "view_contact", "wang", reason="电话核实")
    desk.act(receipt, "accept", "wang", route="local")
    desk.act(receipt, "transfer", "wang", department="kjj", reason="内部理由")
    desk.act(receipt, "merge", "wang", into=first)
    view = desk.public_view(desk.store.get(receipt))
    assert [step["status"] for step in view["timeline"]] == [
        "received", "accepted", "transferred", "merged"
    ]  # fmt: skip
    shown = repr(view)
    assert "内部" not in shown and "电话核实" not in shown and "wang" not in shown


def test_a_merged_petition_shows_the_answer_of_the_one_it_joined(desk):
    first, duplicate = submit(desk), submit(desk)
    desk.act(duplicate, "merge", "wang", into=first)
    assert desk.public_view(desk.store.get(duplicate))["reply"] is None
    desk.act(first, "accept", "wang", route="local")
    desk.act(first, "reply", "wang", text="两件诉求一并答复如下。")
    view = desk.public_view(desk.store.get(duplicate))
    assert view["reply"] == "两件诉求一并答复如下。"
    assert view["timeline"][-1]["note"] == f"与诉求 {first} 合并办理，答复以该诉求为准"
