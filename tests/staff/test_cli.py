"""`qinqing staff …` through click's CliRunner against a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.staff import audit
from generator.staff.passwords import verify_password
from tests.petitions.conftest import SECRET

PASSWORD = "a long staff password"


@pytest.fixture
def run(site_path, database_url, monkeypatch):
    monkeypatch.setenv("QINQING_SECRET_KEY", SECRET.decode())
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):  # noqa: A002 - CliRunner's name
        return runner.invoke(
            main, ["staff", "--config", str(site_path), "--database-url", database_url, *args],
            input=input, catch_exceptions=False,
        )  # fmt: skip

    return invoke


def test_add_list_roles_disable_enable(run, staff):
    added = run("add", "lin", "--name", "林晓", "--role", "handler", "--department", "gxj",
                "--password-stdin", input=PASSWORD + "\n")  # fmt: skip
    assert added.exit_code == 0 and "已添加账号 lin" in added.output, added.output
    account = staff.get("lin")
    assert account.roles == {"handler"} and account.departments == {"gxj"}
    assert verify_password(account.password_hash, PASSWORD) and PASSWORD not in added.output
    listing = run("list").output
    assert "lin" in listing and "承办人" in listing and "两步验证：未设置" in listing
    assert run("roles", "lin", "--role", "supervisor", "--department", "gxj").exit_code == 0
    assert staff.get("lin").roles == {"supervisor"}
    assert run("disable", "lin").exit_code == 0 and staff.get("lin").disabled
    assert "已停用" in run("list").output
    assert run("enable", "lin").exit_code == 0 and not staff.get("lin").disabled
    with staff.store.tx() as conn:
        actions = [e.action for e in audit.list_entries(conn, action=None)]
    assert actions == ["account-enabled", "account-disabled", "roles-changed", "account-added"]


def test_password_from_the_hidden_prompt_and_its_rules(run, staff):
    typed = run(
        "add", "chen", "--name", "陈", "--role", "handler", input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert typed.exit_code == 0 and PASSWORD not in typed.output
    short = run("reset-password", "chen", "--password-stdin", input="short\n")
    assert short.exit_code == 1 and "至少 12 个字符" in short.output
    new = "another long password"
    assert run("reset-password", "chen", "--password-stdin", input=new + "\n").exit_code == 0
    assert verify_password(staff.get("chen").password_hash, new)


def test_reset_password_of_an_unknown_login_fails_before_the_prompt(run, staff):
    answer = run("reset-password", "nobody", input="")  # no password is asked for, none typed
    assert answer.exit_code == 1 and "没有登录名为“nobody”的账号" in answer.output
    assert "新密码" not in answer.output


def test_refusals_are_clear_and_change_nothing(run, staff):
    bad_role = run(
        "add", "lin", "--name", "林", "--role", "boss", "--password-stdin", input=PASSWORD
    )
    assert bad_role.exit_code == 1 and "未知角色：boss" in bad_role.output
    bad_dept = run("add", "lin", "--name", "林", "--role", "handler", "--department", "nope",
                   "--password-stdin", input=PASSWORD)  # fmt: skip
    assert bad_dept.exit_code == 1 and "没有部门代码：nope" in bad_dept.output
    bad_login = run(
        "add", "Lin Xiao", "--name", "林", "--role", "handler", "--password-stdin", input=PASSWORD
    )
    assert bad_login.exit_code == 1 and "登录名“Lin Xiao”无效" in bad_login.output
    exempt = run("add", "boss", "--name", "王", "--role", "supervisor", "--no-second-factor",
                 "--password-stdin", input=PASSWORD)  # fmt: skip
    assert exempt.exit_code == 1 and "只有仅担任承办人" in exempt.output
    assert staff.all() == []
    assert run("disable", "ghost").exit_code == 1
    assert "没有登录名为“ghost”的账号" in run("enable", "ghost").output


def test_exempt_handler_is_recorded(run, staff):
    done = run("add", "lin", "--name", "林", "--role", "handler", "--no-second-factor",
               "--password-stdin", input=PASSWORD)  # fmt: skip
    assert done.exit_code == 0 and "已免除两步验证" in done.output
    assert not staff.get("lin").needs_second_factor
    with staff.store.tx() as conn:
        (entry,) = audit.list_entries(conn, action="account-added")
    assert entry.detail["totp_required"] is False and entry.actor.startswith("shell")


def test_every_command_and_option_is_documented():
    from pathlib import Path

    from generator.cli.staff import staff as group

    root = Path(__file__).parents[2]
    docs = (root / "docs" / "petitions.md").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    for name, command in group.commands.items():
        assert f"qinqing staff {name}" in docs, name
        assert name in readme
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("--"):
                    assert option in docs, f"{name} {option}"
