"""In Chromium: sign in with password and TOTP (JavaScript on and off), enrol a second factor,
sign out; the Secure cookie is kept on http://127.0.0.1; axe finds nothing serious on the
sign-in, code, enrolment, recovery-code and home pages; nothing scrolls sideways at 320 px."""

from __future__ import annotations

import pyotp
import pytest

from tests.support.axe import format_violations
from tests.workbench import browser_support
from tests.workbench.browser_support import password_step
from tests.workbench.conftest import totp_code

pytestmark = pytest.mark.browser
database_url = browser_support.database_url


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_sign_in_with_password_and_code(
    page_factory, served_staff, staff_app, make_account, clock, javascript
):
    user = make_account("lin", roles={"handler"}, departments={"gxj"})
    page = page_factory(javascript=javascript)
    password_step(page, served_staff, "lin")
    page.wait_for_url("**/staff/sign-in/code")
    page.get_by_label("验证码").fill(totp_code(user, staff_app, clock))
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(served_staff)
    assert "测试lin" in page.inner_text("header") and "承办人" in page.inner_text("header")
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "qinqing_staff"]
    # Chromium keeps a Secure cookie on http://127.0.0.1: loopback is a secure context.
    assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert cookie["path"] == "/staff/"
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/staff/sign-in")
    assert not [c for c in page.context.cookies() if c["name"] == "qinqing_staff"]
    page.goto(served_staff)
    assert "/staff/sign-in" in page.url


@pytest.mark.parametrize("width", [1280, 320])
def test_pages_are_accessible_and_fit(
    page_factory,
    served_staff,
    staff_app,
    make_account,
    clock,
    axe_check,
    no_horizontal_scroll,
    width,
):
    login = "wangfangfang.supervisor"  # a long name in the header
    make_account(login, roles={"supervisor", "admin"}, enrolled=False)
    page = page_factory(viewport_width=width)

    def check(name: str) -> None:
        violations = axe_check(page)
        assert not violations, f"{name} at {width}px:\n{format_violations(violations)}"
        assert no_horizontal_scroll(page), f"{name} scrolls sideways at {width}px"

    page.goto(served_staff + "sign-in")
    check("sign-in")
    password_step(page, served_staff, login)
    page.wait_for_url("**/staff/enrol")
    check("enrolment")
    secret = page.inner_text("code.secret").replace(" ", "")
    page.get_by_label("验证码").fill(pyotp.TOTP(secret).at(clock()))
    page.get_by_role("button", name="完成设置").click()
    assert page.locator("ul.codes li").count() == 10
    check("recovery codes")
    page.get_by_role("link", name="我已保存恢复码，进入工作台").click()
    page.wait_for_url(served_staff)
    check("home")
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/staff/sign-in")
    password_step(page, served_staff, login)
    page.wait_for_url("**/staff/sign-in/code")
    check("second-factor code")
