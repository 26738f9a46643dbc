"""`qinqing staff …`: staff accounts (add, list, disable, enable, reset-password, roles);
parses arguments, prints results, nothing more.

Passwords come from a hidden prompt or, with --password-stdin, one line of standard input:
never from the command line, where `ps` and the shell history would keep them.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from generator.cli.options import petition_database_options
from generator.cli.petitions import desk_for, shown

ROLE_HELP = "角色：handler 承办人、supervisor 督办人、discipline 纪检、admin 管理员（可重复）"


@contextmanager
def staff_for(ctx: click.Context) -> Iterator:
    """The StaffStore over the group's database, the site and the time."""
    from generator.staff.store import StaffStore

    with desk_for(ctx) as desk:
        yield StaffStore(desk.store, desk.keys), desk.site, desk.now()


def _shell_actor() -> str:
    """Who changed an account from the shell, for the audit log (the server's user name)."""
    try:
        return f"shell:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 - no user name in a container: still record the change
        return "shell"


def _read_password(from_stdin: bool) -> str:
    from generator.staff.passwords import password_problem

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("新密码", hide_input=True, confirmation_prompt="再输入一次")
    problem = password_problem(password)
    if problem:
        raise click.ClickException(problem)
    return password


def _checked(roles: tuple[str, ...], departments: tuple[str, ...], site) -> tuple:
    from generator.staff.accounts import AccountError, check_departments, check_roles

    try:
        return check_roles(set(roles)), check_departments(set(departments), set(site.departments))
    except AccountError as err:
        raise click.ClickException(str(err)) from None


password_stdin_option = click.option(
    "--password-stdin",
    is_flag=True,
    help="从标准输入读取一行作为密码（用于脚本；不要写在命令行参数里）",
)


@click.group()
@petition_database_options
@click.pass_context
def staff(ctx: click.Context, config: str | None, database_url: str | None) -> None:
    """工作人员账号：添加、列出、停用、启用、重设密码、设置角色和部门。"""
    ctx.obj = {"config": config, "database_url": database_url, "today": None}


@staff.command()
@click.argument("login")
@click.option("--name", required=True, help="姓名（显示在工作台和办理记录旁）")
@click.option("--email", default="", help="工作邮箱")
@click.option("--phone", default="", help="工作电话")
@click.option("--role", "roles", multiple=True, required=True, help=ROLE_HELP)
@click.option(
    "--department", "departments", multiple=True, help="所属部门代码（site.yaml 中的，可重复）"
)
@click.option(
    "--no-second-factor",
    is_flag=True,
    help="免除两步验证（只允许仅为承办人的账号；记入审计日志）",
)
@password_stdin_option
@click.pass_context
def add(
    ctx: click.Context, login: str, name: str, email: str, phone: str, roles: tuple[str, ...],
    departments: tuple[str, ...], no_second_factor: bool, password_stdin: bool,
) -> None:  # fmt: skip
    """添加一个工作人员账号；首次登录时设置两步验证。"""
    from generator.staff.accounts import HANDLER, Account, AccountError, check_login

    with staff_for(ctx) as (store, site, now):
        role_set, department_set = _checked(roles, departments, site)
        if no_second_factor and role_set != {HANDLER}:
            raise click.ClickException("只有仅担任承办人（handler）的账号可以免除两步验证")
        account = Account(login, name.strip(), email.strip(), phone.strip(), role_set,
                          department_set, totp_required=not no_second_factor)  # fmt: skip
        try:
            check_login(login)  # before asking for the password
            if store.get(login) is not None:
                raise AccountError(f"登录名“{login}”已被使用")
            store.add(account, _read_password(password_stdin), _shell_actor(), now)
        except AccountError as err:
            raise click.ClickException(str(err)) from None
    exempt = "；已免除两步验证" if no_second_factor else "；首次登录时需设置两步验证"
    click.echo(f"已添加账号 {login}（{account.role_names}）{exempt}")


@staff.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """列出全部账号：角色、部门、状态、两步验证。"""
    with staff_for(ctx) as (store, _site, now):
        accounts = store.all()
        if not accounts:
            click.echo("还没有工作人员账号（用 qinqing staff add 添加）")
            return
        for account in accounts:
            if account.disabled:
                state = "已停用"
            elif account.locked(now.timestamp()):
                state = "已锁定"
            else:
                state = "正常"
            factor = (
                "已设置"
                if account.enrolled
                else ("未设置" if account.needs_second_factor else "已免除")
            )
            departments = "、".join(sorted(account.departments)) or "-"
            click.echo(
                f"{account.login:<16} {shown(account.display_name)}  {account.role_names}  "
                f"部门：{departments}  状态：{state}  两步验证：{factor}"
            )


def _no_account(login: str) -> click.ClickException:
    return click.ClickException(f"没有登录名为“{login}”的账号")


def _change(ctx: click.Context, login: str, action: str, done: str, detail=None, **changes) -> None:
    with staff_for(ctx) as (store, _site, now):
        try:
            store.update(login, _shell_actor(), action, now, detail, **changes)
        except KeyError:
            raise _no_account(login) from None
    click.echo(done)


@staff.command()
@click.argument("login")
@click.pass_context
def disable(ctx: click.Context, login: str) -> None:
    """停用账号：立即退出它的所有登录，之后无法登录或以它办理。"""
    _change(ctx, login, "account-disabled", f"已停用账号 {login}", disabled=True)


@staff.command()
@click.argument("login")
@click.pass_context
def enable(ctx: click.Context, login: str) -> None:
    """启用账号，并解除因连续输错密码而加的锁定。"""
    _change(ctx, login, "account-enabled", f"已启用账号 {login}（锁定已解除）",
            disabled=False, failures=0, locked_until=None)  # fmt: skip


@staff.command("reset-password")
@click.argument("login")
@click.option(
    "--second-factor",
    is_flag=True,
    help="同时清除两步验证（手机和恢复码都丢失时），下次登录重新设置",
)
@password_stdin_option
@click.pass_context
def reset_password(
    ctx: click.Context, login: str, second_factor: bool, password_stdin: bool
) -> None:
    """重设账号密码，退出它的所有登录并解除锁定。"""
    from generator.staff.passwords import hash_password

    with staff_for(ctx) as (store, _site, _now):
        if store.get(login) is None:  # before the prompt: no password typed twice for nothing
            raise _no_account(login)
    password = _read_password(password_stdin)
    changes: dict = {"password_hash": hash_password(password), "failures": 0, "locked_until": None}
    if second_factor:
        changes |= {"totp_secret": None, "totp_last_step": 0, "recovery_codes": ()}
    done = f"已重设账号 {login} 的密码" + ("，并清除了两步验证" if second_factor else "")
    _change(ctx, login, "password-reset", done, {"second_factor_cleared": second_factor}, **changes)


@staff.command()
@click.argument("login")
@click.option("--role", "roles", multiple=True, required=True, help=ROLE_HELP)
@click.option(
    "--department", "departments", multiple=True, help="所属部门代码（可重复；不给则清空）"
)
@click.pass_context
def roles(
    ctx: click.Context, login: str, roles: tuple[str, ...], departments: tuple[str, ...]
) -> None:
    """设置账号的角色和部门（替换原有的）。督办人和管理员必须使用两步验证。"""
    from generator.staff.accounts import ROLE_LABELS

    with staff_for(ctx) as (_store, site, _now):
        role_set, department_set = _checked(roles, departments, site)
    names = "、".join(ROLE_LABELS[r] for r in sorted(role_set))
    detail = {"roles": sorted(role_set), "departments": sorted(department_set)}
    _change(ctx, login, "roles-changed", f"账号 {login} 现为：{names}；部门：{'、'.join(sorted(department_set)) or '无'}",
            detail, roles=role_set, departments=department_set)  # fmt: skip
