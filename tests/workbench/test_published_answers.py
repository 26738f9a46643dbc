"""The 答复选登 page of a petition: who may use it, the form, the refusals, one event per action."""

from __future__ import annotations

from html import unescape

import pytest

from tests.petitions.conftest import submit


def _answered(office, consent: bool = True, category: str = "consult") -> str:
    receipt = submit(office, category=category, publish_consent=consent)
    office.act(receipt, "accept", "clerk", route="local")
    office.act(receipt, "reply", "clerk", text="林小姐您好：经查，补助将于本月拨付。")
    return receipt


FIELDS = {
    "subject": "厂房租金补贴何时拨付",
    "answer": "经查，补助将于本月拨付。",
    "category": "consult",
    "department": "gxj",
}


def test_handler_of_the_department_publishes_and_withdraws(office, signed_in):
    receipt = _answered(office)
    client = signed_in(roles={"handler"}, departments={"gxj"})
    page = client.get(f"/staff/answers/{receipt}")
    assert page.status == 200 and "企业是否同意公开" in page.text
    assert "经查，补助将于本月拨付" in page.text  # the form starts from the reply
    saved = client.post(f"/staff/answers/{receipt}", FIELDS)
    assert saved.status == 303 and saved.location.endswith("saved=published")
    events = office.store.get(receipt).events
    assert events[-1].kind == "publishable" and events[-1].actor == "lin"
    assert "已保存公开文本" in client.get(saved.location).text
    gone = client.post(f"/staff/answers/{receipt}/withdraw", {"reason": "企业要求撤下"})
    assert gone.status == 303
    kinds = [e.kind for e in office.store.get(receipt).events]
    assert kinds[-2:] == ["publishable", "withdrawn"] and len(kinds) == len(events) + 1


def test_personal_data_is_refused_with_its_name_and_the_text_kept(office, signed_in):
    receipt = _answered(office)
    client = signed_in(roles={"supervisor"}, departments=set())
    before = len(office.store.get(receipt).events)
    refused = client.post(
        f"/staff/answers/{receipt}", {**FIELDS, "answer": "林小姐您好，请拨 13905951234。"}
    )
    text = unescape(refused.text)
    assert refused.status == 422
    assert "手机号码“13905951234”" in text and "联系人姓名“林小姐”" in text
    assert "请拨 13905951234" in text  # what was typed is shown again
    assert len(office.store.get(receipt).events) == before


def test_without_consent_there_is_no_form_and_a_post_is_refused(office, signed_in):
    receipt = _answered(office, consent=False)
    client = signed_in(roles={"handler"}, departments={"gxj"})
    page = client.get(f"/staff/answers/{receipt}")
    assert "未同意公开" in page.text and 'name="subject"' not in page.text
    refused = client.post(f"/staff/answers/{receipt}", FIELDS)
    assert refused.status == 422 and "未同意公开" in refused.text


@pytest.mark.parametrize(
    ("roles", "departments"),
    [({"handler"}, {"swj"}), ({"admin"}, set()), ({"discipline"}, set())],
)
def test_others_get_403_and_no_event(office, signed_in, roles, departments):
    receipt = _answered(office)
    before = len(office.store.get(receipt).events)
    client = signed_in(roles=roles, departments=departments)
    assert client.get(f"/staff/answers/{receipt}").status == 403
    assert client.post(f"/staff/answers/{receipt}", FIELDS).status == 403
    assert client.post(f"/staff/answers/{receipt}/withdraw", {"reason": "x"}).status == 403
    assert len(office.store.get(receipt).events) == before


def test_a_report_is_for_discipline_only(office, signed_in):
    receipt = _answered(office, category="report")  # report's default department is gxj
    assert (
        signed_in(login="lin", roles={"handler"}, departments={"gxj"})
        .get(f"/staff/answers/{receipt}")
        .status
        == 403
    )
    assert (
        signed_in(login="ji", roles={"discipline"}, departments=set())
        .get(f"/staff/answers/{receipt}")
        .status
        == 200
    )


def test_without_csrf_token_nothing_is_recorded(office, signed_in):
    receipt = _answered(office)
    client = signed_in(roles={"handler"}, departments={"gxj"})
    before = len(office.store.get(receipt).events)
    assert client.post(f"/staff/answers/{receipt}", FIELDS, csrf=False).status == 403
    wrong = client.post(f"/staff/answers/{receipt}", {**FIELDS, "csrf_token": "x" * 43})
    assert wrong.status == 403
    assert len(office.store.get(receipt).events) == before


def test_unknown_receipt_is_404(signed_in):
    assert signed_in().get("/staff/answers/20260101-ZZZZZ").status == 404
