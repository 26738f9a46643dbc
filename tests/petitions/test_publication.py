"""答复选登 at the service: consent at submission, marking publishable, withdrawing (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.petitions.publication import (
    Wording,
    consented,
    current_wording,
    publish,
    published,
    unpublish,
)
from generator.petitions.states import Refused
from generator.petitions.validation import validate
from tests.petitions.conftest import SITE_YAML, submit, valid_petition
from tests.support.content import credit_code

CODE = credit_code(4242)
OTHER_CODE = credit_code(777)

ANSWER = "经查，该项目审核已完成，资金将于本月拨付。如有疑问，请致电 0595-85682301。"


@pytest.fixture
def site_path(tmp_path: Path) -> Path:
    """The shared test site, its department with a public phone an answer may cite."""
    path = tmp_path / "site.yaml"
    text = SITE_YAML.replace(
        "    name: 晋江市工业和信息化局\n",
        "    name: 晋江市工业和信息化局\n    phone: 0595-85682301\n",
    )
    path.write_text(text, encoding="utf-8")
    return path


def _answered(desk, **changes) -> str:
    receipt = submit(desk, **changes)
    desk.act(receipt, "accept", "clerk", route="local")
    desk.act(receipt, "reply", "clerk", text="您好，经查审核已完成，资金本月拨付。")
    return receipt


def _wording(**changes) -> Wording:
    values = {
        "subject": "厂房租金补贴申报进度",
        "answer": ANSWER,
        "category": "request",
        "department": "gxj",
    }
    values.update(changes)
    return Wording(**values)


@pytest.mark.parametrize(
    ("given", "from_form", "expected"),
    [(None, False, False), (True, False, True), (False, False, False), ("true", True, True)],
)
def test_consent_is_optional_and_off_by_default(desk, given, from_form, expected):
    data = valid_petition() if given is None else valid_petition(publish_consent=given)
    clean, errors = validate(data, desk.site.petitions, from_form=from_form)
    assert errors == []
    assert clean["publish_consent"] is expected


def test_consent_must_be_a_boolean_in_json(desk):
    _, errors = validate(valid_petition(publish_consent="yes"), desk.site.petitions, False)
    assert errors == [("publish_consent", f"{errors[0][1]}")]
    assert "应为 true 或 false" in errors[0][1]


def test_consent_is_recorded_in_the_received_event(desk):
    agreed = desk.store.get(submit(desk, publish_consent=True))
    refused = desk.store.get(submit(desk))
    assert agreed.events[0].data["publish_consent"] is True and consented(agreed)
    assert "publish_consent" not in refused.events[0].data
    assert not consented(refused)


def test_publish_refused_without_consent(desk):
    receipt = _answered(desk)
    with pytest.raises(Refused, match="未同意公开"):
        publish(desk, receipt, _wording(), "clerk")
    assert [e.kind for e in desk.store.get(receipt).events][-1] == "replied"


def test_publish_refused_before_the_reply(desk):
    receipt = submit(desk, publish_consent=True)
    with pytest.raises(Refused, match="已答复或已办结"):
        publish(desk, receipt, _wording(), "clerk")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("请联系 13905951234。", "手机号码“13905951234”"),
        ("请联系 139 0595 1234。", "手机号码"),
        ("电话 0595-22223333", "电话号码“0595-22223333”"),
        ("邮件 lin@example.com", "电子邮箱“lin@example.com”"),
        (f"代码 {OTHER_CODE} 的企业", f"统一社会信用代码“{OTHER_CODE}”"),
        (f"代码{CODE.lower()}", "统一社会信用代码"),
        ("晋江市某某鞋业有限公司反映", "企业名称“晋江市某某鞋业有限公司”"),
        ("某某鞋业反映", "企业名称“某某鞋业”"),
        ("林小姐反映", "联系人姓名“林小姐”"),
    ],
)
def test_publish_refused_with_personal_data(desk, text, named):
    receipt = _answered(desk, publish_consent=True, credit_code=CODE)
    with pytest.raises(Refused) as refused:
        publish(desk, receipt, _wording(answer=text), "clerk")
    assert "可识别" in str(refused.value) and named in str(refused.value)
    assert current_wording(desk.store.get(receipt)) is None


def test_publish_then_withdraw(desk):
    receipt = _answered(desk, publish_consent=True)
    record = publish(desk, receipt, _wording(), "clerk")
    event = record.events[-1]
    assert event.kind == "publishable" and not event.public and event.actor == "clerk"
    assert "department" not in event.data  # a top-level department would hand the petition over
    assert published(record).answer == ANSWER  # the department's own phone may stay
    assert desk.public_view(record)["timeline"][-1]["status"] == "replied"
    with pytest.raises(Refused, match="理由"):
        unpublish(desk, receipt, "clerk", " ")
    record = unpublish(desk, receipt, "lead", "企业要求撤下")
    assert record.events[-1].kind == "withdrawn" and published(record) is None
    with pytest.raises(Refused, match="未选登"):
        unpublish(desk, receipt, "lead", "再次")


def test_publish_refuses_unknown_codes_and_long_text(desk):
    receipt = _answered(desk, publish_consent=True)
    with pytest.raises(Refused, match="承办部门"):
        publish(desk, receipt, _wording(department="nope"), "clerk")
    with pytest.raises(Refused, match="不能超过 5000"):
        publish(desk, receipt, _wording(answer="答" * 5001), "clerk")
    with pytest.raises(KeyError):
        publish(desk, "20260101-XXXXX", _wording(), "clerk")
