"""What the workbench's Chromium tests share: SQLite storage and signing in through the
real sign-in pages (the served workbench is conftest's `served_staff`).

A test module takes the storage fixture by naming it: `database_url = browser_support.database_url`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbench.conftest import PASSWORD, totp_code


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """The pages do not depend on storage: SQLite only (the HTTP tests cover PostgreSQL)."""
    return f"sqlite:///{tmp_path / 'var' / 'petitions.db'}"


def password_step(page, base: str, login: str) -> None:
    page.goto(base)
    assert "/staff/sign-in" in page.url
    page.get_by_label("登录名").fill(login)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="下一步").click()


def sign_in_page(page, base: str, user, staff_app, clock) -> None:
    """Sign `user` (enrolled) in with password and TOTP code; the page ends on the home page."""
    password_step(page, base, user.login)
    page.wait_for_url("**/staff/sign-in/code")
    page.get_by_label("验证码").fill(totp_code(user, staff_app, clock))
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base)
