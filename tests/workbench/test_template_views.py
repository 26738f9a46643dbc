"""The reply-template pages: add, edit, retire; a reply through a template; bad input on the page."""

from __future__ import annotations

import re

from generator.workbench.templates_store import Templates
from tests.petitions.conftest import submit


def test_add_edit_retire_through_the_pages(signed_in, office):
    lin = signed_in("lin", roles={"handler"}, departments={"gxj"})
    answer = lin.post("/staff/templates", {"title": "政策咨询答复", "body": "您好，相关政策如下："})
    assert answer.status == 303
    [made] = Templates(office.store).all()
    assert made.updated_by == "lin"
    page = lin.get(answer.location)
    assert "政策咨询答复" in page.text and "已添加模板" in page.text
    edit = lin.get(f"/staff/templates/{made.id}")
    assert edit.status == 200 and "您好，相关政策如下：" in edit.text
    answer = lin.post(f"/staff/templates/{made.id}", {"title": "咨询答复", "body": "您好："})
    assert answer.status == 303 and Templates(office.store).get(made.id).title == "咨询答复"
    assert lin.post(f"/staff/templates/{made.id}", {"retired": "1"}).status == 303
    assert Templates(office.store).all() == []
    bad = lin.post("/staff/templates", {"title": "", "body": "x"})
    assert bad.status == 422 and "请填写模板名称" in bad.text
    assert lin.get("/staff/templates/nope").status == 404
    assert lin.post("/staff/templates/nope", {"title": "a", "body": "b"}).status == 404


def test_reply_with_a_template(signed_in, office):
    receipt = submit(office, category="consult")
    office.act(receipt, "accept", "setup", route="local")
    lin = signed_in("lin", roles={"handler"}, departments={"gxj"})
    lin.post("/staff/templates", {"title": "已解决", "body": "您好，您反映的问题已协调解决。"})
    [made] = Templates(office.store).all()
    page = lin.get(f"/staff/petitions/{receipt}?template={made.id}")
    text = re.search(r'<textarea id="reply-text"[^>]*>([^<]*)</textarea>', page.text).group(1)
    assert text == "您好，您反映的问题已协调解决。"
    assert lin.post(f"/staff/petitions/{receipt}/reply", {"text": text}).status == 303
    assert office.store.get(receipt).state.reply == text


def test_admin_alone_cannot_manage_templates(signed_in):
    root = signed_in("root", roles={"admin"}, departments=set())
    assert root.get("/staff/templates").status == 403
    assert root.post("/staff/templates", {"title": "a", "body": "b"}).status == 403
