"""The audit log page: discipline see contact views and sign-in failures; no one else."""

from __future__ import annotations

from tests.petitions.conftest import submit
from tests.workbench.conftest import StaffClient


def test_discipline_see_contact_views_and_failed_sign_ins(signed_in, office, staff_app):
    receipt = submit(office, category="consult")
    lin = signed_in("lin", roles={"handler"}, departments={"gxj"})
    lin.post(f"/staff/petitions/{receipt}/view_contact", {"reason": "核实申报材料"})
    stranger = StaffClient(staff_app)
    form = stranger.get("/staff/sign-in")
    stranger.post(
        "/staff/sign-in",
        {"login": "lin", "password": "wrong", "csrf_token": form.hidden("csrf_token")},
    )
    zheng = signed_in("zheng", roles={"discipline"}, departments=set())
    page = zheng.get("/staff/audit")
    assert page.status == 200
    assert "查看联系方式" in page.text and receipt in page.text and "核实申报材料" in page.text
    assert "登录失败" in page.text and "密码错误" in page.text
    only = zheng.get("/staff/audit?action=sign-in-failed")
    assert "核实申报材料" not in only.text and "登录失败" in only.text
    assert lin.get("/staff/audit").status == 403
    chen = signed_in("chen", roles={"supervisor"}, departments=set())
    assert chen.get("/staff/audit").status == 403
