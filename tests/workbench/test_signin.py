"""Signing in through the workbench's pages: password, second factor, enrolment, signing out."""

from __future__ import annotations

from tests.workbench.conftest import StaffClient, sign_in


def test_password_then_code_reaches_home(staff_app, make_account, clock):
    user = make_account("lin", roles={"supervisor"})
    client = StaffClient(staff_app)
    answer = sign_in(client, user, clock)
    assert answer.location == "/staff/"
    home = client.get("/staff/")
    assert home.status == 200 and "测试lin" in home.text and "退出" in home.text
