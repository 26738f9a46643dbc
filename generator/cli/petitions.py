"""`qinqing petitions …`: staff commands against the petition database (list, act, export, purge)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from generator import csvsafe
from generator.cli.options import output_option, petition_database_options, today_option
from generator.petitions.characters import escape_unsafe
from generator.petitions.states import ROUTES, STATUS_LABELS, Refused

HIT_RETENTION_SECONDS = 2 * 86400


def shown(text: str | None, multiline: bool = False) -> str:
    """Stored text as the terminal may print it: controls and bidi characters escaped."""
    return escape_unsafe(text or "", multiline)


def settings_for(ctx: click.Context):  # -> Settings, imported only when a command runs
    """The handler's settings from the group's options and the environment."""
    from generator.petitions.config import ConfigError, load_settings

    options = ctx.obj
    env = dict(os.environ)
    for key, value in (
        ("QINQING_CONFIG", options["config"]),
        ("QINQING_DATABASE_URL", options["database_url"]),
    ):
        if value:
            env[key] = value
    try:
        return load_settings(env)
    except ConfigError as err:
        raise click.ClickException(str(err)) from None


@contextmanager
def desk_for(ctx: click.Context) -> Iterator:
    """Open the store and the petition desk from the group's options; close on exit."""
    from generator.petitions.backends import open_store
    from generator.petitions.config import ConfigError
    from generator.petitions.service import Petitions
    from generator.petitions.store import StoreError

    settings = settings_for(ctx)
    try:
        store = open_store(settings.database_url)
    except StoreError as err:
        raise click.ClickException(str(err)) from None
    from generator.notify.compose import install

    try:
        install(store, settings)  # staff actions queue the enterprise's notices with their events
    except ConfigError as err:
        store.close()
        raise click.ClickException(str(err)) from None
    try:
        yield Petitions(settings, store, lambda: dt.datetime.now(dt.UTC))
    except StoreError as err:
        raise click.ClickException(f"数据库不可用：{err}") from None
    finally:
        store.close()


def _today(ctx: click.Context, desk) -> dt.date:
    return ctx.obj["today"] or desk.now().date()


@click.group()
@petition_database_options
@today_option("按此日期计算是否超期，格式 YYYY-MM-DD（默认今天）")
@click.pass_context
def petitions(
    ctx: click.Context, config: str | None, database_url: str | None, today: dt.date | None
) -> None:
    """企业诉求办理：查看、受理、答复、办结、导出和按期删除个人信息。"""
    ctx.obj = {"config": config, "database_url": database_url, "today": today}


@petitions.command("list")
@click.option("--overdue", is_flag=True, help="只列出已超期的诉求")
@click.option(
    "--due-within", type=click.IntRange(0, 365), help="只列出 N 天内到期（含已超期）的诉求"
)
@click.option("--all", "show_all", is_flag=True, help="也列出已答复、已办结和已屏蔽的诉求")
@click.pass_context
def list_command(ctx: click.Context, overdue: bool, due_within: int | None, show_all: bool) -> None:
    """列出诉求：超期的排在最前，其余按到期日。"""
    with desk_for(ctx) as desk:
        entries = desk.casebook.worklist(
            desk.store.all(),
            _today(ctx, desk),
            overdue_only=overdue,
            due_within=due_within,
            include_finished=show_all,
        )
        if not entries:
            click.echo("没有符合条件的诉求")
            return
        for entry in entries:
            record, due, late = entry.record, entry.due, entry.late
            flag = "超期" if late else "    "
            due_text = f"{due.date}{'?' if due.provisional else ''}" if due else "-"
            click.echo(
                f"{flag} {record.receipt}  {STATUS_LABELS[record.state.status]:<4} {due_text:<11} "
                f"{desk.category_name(record.category):<5} {shown(record.subject[:40])}"
            )


def _record_or_fail(desk, receipt: str):
    record = desk.store.get(receipt.strip().upper())
    if record is None:
        raise click.ClickException(f"没有受理编号为 {receipt} 的诉求")
    return record


@petitions.command()
@click.argument("receipt")
@click.option(
    "--contact",
    "with_contact",
    is_flag=True,
    help="同时显示联系方式（须 --reason 和 --as；每次查看记入办理记录和审计日志）",
)
@click.option("--reason", default="", help="查看联系方式的理由")
@click.option(
    "--as", "actor", envvar="QINQING_STAFF_ACCOUNT", default=None, metavar="ACCOUNT",
    help="以哪个工作人员账号查看联系方式",
)  # fmt: skip
@click.pass_context
def show(
    ctx: click.Context, receipt: str, with_contact: bool, reason: str, actor: str | None
) -> None:
    """显示一件诉求的全部内容和办理记录（含内部记录）；联系方式须 --contact 并说明理由。"""
    with desk_for(ctx) as desk:
        record = _record_or_fail(desk, receipt)
        due = desk.due(record)
        contact = _viewed_contact(desk, record, actor, reason) if with_contact else {}
        lines = [
            f"受理编号：{record.receipt}",
            f"类别：{desk.category_name(record.category)}（{shown(record.category)}）",
            f"状态：{STATUS_LABELS[record.state.status]}"
            + (f"；办理方式：{ROUTES[record.state.route]}" if record.state.route else ""),
            f"收到：{record.received_at.isoformat(timespec='minutes')}",
            f"期限：{due.date}{'（暂定）' if due.provisional else ''}" if due else "期限：-",
            f"企业：{shown(record.enterprise) or '（匿名）'} {shown(record.credit_code)}".rstrip(),
            f"联系人：{shown(contact.get('contact_name')) or '-'}  电话：{shown(contact.get('phone')) or '-'}  邮箱：{shown(contact.get('email')) or '-'}"
            if contact
            else (
                "联系人：（无或已删除）"
                if not record.contact
                else "联系人：（隐藏；查看用 --contact --reason …）"
            ),
            f"相关内容：{shown(record.related) or '-'}",
            f"标题：{shown(record.subject)}",
            "内容：",
            shown(record.content, multiline=True),
            "办理记录：",
        ]
        for event in record.events:
            hidden = "" if event.public else "（内部）"
            comment = event.data.get("comment") if isinstance(event.data, dict) else None
            said = f"（意见：{shown(comment, multiline=True)}）" if comment else ""
            lines.append(
                f"  {event.at.isoformat(timespec='minutes')} {shown(event.kind)} {shown(event.actor)}{hidden}："
                f"{shown(event.note, multiline=True)}{said}"
            )
        click.echo("\n".join(lines))


def _viewed_contact(desk, record, actor: str | None, reason: str) -> dict:
    """The contact details, after recording the view (event and audit entry) as `actor`."""
    from generator.workbench.contact_audit import watch_contact_views

    if not actor:
        raise click.UsageError("查看联系方式须用 --as 指明工作人员账号")
    login = acting_as(desk, actor, "view_contact", record.receipt)
    watch_contact_views(desk.store)
    try:
        viewed = desk.act(record.receipt, "view_contact", login, reason=reason)
    except Refused as err:
        raise click.ClickException(str(err)) from None
    return desk.contact(viewed)


def acting_as(desk, login: str, action: str, receipt: str | None = None) -> str:
    """The login name of the account `--as` names, when it may do `action`; else an error."""
    from generator.staff.acting import refusal
    from generator.staff.store import StaffStore
    from generator.workbench.access import DISCIPLINE, REPORT

    record = _record_or_fail(desk, receipt) if receipt is not None else None
    department = record.state.department if record is not None else None
    account = StaffStore(desk.store, desk.keys).get(login)
    problem = refusal(account, login, action, department)
    if problem:
        raise click.ClickException(problem)
    if record is not None and record.category == REPORT and DISCIPLINE not in account.roles:
        # A report concerns staff conduct: as in the workbench, discipline alone handle it.
        raise click.ClickException("投诉举报类诉求只由纪检人员在工作台办理")
    return login


def _act(ctx: click.Context, receipt: str, action: str, **options) -> None:
    with desk_for(ctx) as desk:
        actor = acting_as(desk, options.pop("actor"), action, receipt)
        try:
            record = desk.act(receipt, action, actor, **options)
        except KeyError:
            raise click.ClickException(f"没有受理编号为 {receipt} 的诉求") from None
        except Refused as err:
            raise click.ClickException(str(err)) from None
        due = desk.due(record)
        after = f"；期限 {due.date}" if due else ""
        click.echo(f"{record.receipt}：{STATUS_LABELS[record.state.status]}{after}")


actor_option = click.option(
    "--as",
    "actor",
    required=True,
    envvar="QINQING_STAFF_ACCOUNT",
    metavar="ACCOUNT",
    help="以哪个工作人员账号办理（登录名，须已启用并有办理权限；记入办理记录）",
)


@petitions.command()
@click.argument("receipt")
@click.option(
    "--route",
    type=click.Choice(list(ROUTES)),
    required=True,
    help="local 本级办理 / escalate 上报 / decline 不予受理",
)
@click.option("--note", default="", help="公开的受理说明（不予受理时写明理由，必填）")
@click.option("--forwarded-to", default="", help="上报的上级机关（escalate 时必填）")
@click.option(
    "--forwarded-on", type=click.DateTime(["%Y-%m-%d"]), default=None, help="上报日期 YYYY-MM-DD"
)
@actor_option
@click.pass_context
def accept(
    ctx: click.Context, receipt: str, route: str, note: str, forwarded_to: str,
    forwarded_on: dt.datetime | None, actor: str,
) -> None:  # fmt: skip
    """受理诉求并确定办理方式。"""
    on = forwarded_on.date() if forwarded_on else None
    _act(ctx, receipt, "accept", route=route, note=note, forwarded_to=forwarded_to,
         forwarded_on=on, actor=actor)  # fmt: skip


@petitions.command()
@click.argument("receipt")
@click.option("--to", "department", required=True, help="转至的机构代码（site.yaml departments）")
@click.option("--reason", required=True, help="转办理由（内部）")
@actor_option
@click.pass_context
def transfer(ctx: click.Context, receipt: str, department: str, reason: str, actor: str) -> None:
    """转办：交由另一机构办理（期限不变）。"""
    _act(ctx, receipt, "transfer", department=department, reason=reason, actor=actor)


@petitions.command()
@click.argument("receipt")
@click.option("--text", required=True, help="备注内容（内部，企业看不到）")
@actor_option
@click.pass_context
def note(ctx: click.Context, receipt: str, text: str, actor: str) -> None:
    """添加内部备注。"""
    _act(ctx, receipt, "note", text=text, actor=actor)


@petitions.command()
@click.argument("receipt")
@click.option("--text", help="答复内容")
@click.option(
    "--file",
    "text_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="从 UTF-8 文本文件读取答复",
)
@actor_option
@click.pass_context
def reply(
    ctx: click.Context, receipt: str, text: str | None, text_file: Path | None, actor: str
) -> None:
    """答复诉求（不予受理时写明理由）。"""
    if text_file is not None:
        try:
            text = text_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.ClickException(
                f"无法读取答复文件 {text_file}（须为 UTF-8 文本）：{exc}"
            ) from None
    if not text:
        raise click.UsageError("请用 --text 或 --file 提供答复内容")
    _act(ctx, receipt, "reply", text=text, actor=actor)


@petitions.command()
@click.argument("receipt")
@click.option("--note", default="", help="办结说明")
@actor_option
@click.pass_context
def close(ctx: click.Context, receipt: str, note: str, actor: str) -> None:
    """办结已答复的诉求。"""
    _act(ctx, receipt, "close", note=note, actor=actor)


@petitions.command()
@click.argument("receipt")
@click.option("--reason", default="无效信息", help="屏蔽理由（内部）")
@actor_option
@click.pass_context
def hide(ctx: click.Context, receipt: str, reason: str, actor: str) -> None:
    """屏蔽垃圾或无效信息（不计入统计，查询不到）。"""
    _act(ctx, receipt, "hide", reason=reason, actor=actor)


@petitions.command()
@click.argument("receipt")
@click.option("--days", type=int, required=True, help="延长的工作日数")
@click.option("--reason", required=True, help="延期理由（公开）")
@actor_option
@click.pass_context
def extend(ctx: click.Context, receipt: str, days: int, reason: str, actor: str) -> None:
    """延长当前环节的办理期限，记录理由和新期限。"""
    _act(ctx, receipt, "extend", days=days, reason=reason, actor=actor)


EXPORT_COLUMNS = [
    "receipt", "category", "status", "route", "received_at", "due", "overdue", "finished_at",
    "on_time", "rating", "enterprise", "credit_code", "related", "subject",
]  # fmt: skip


@petitions.command()
@output_option("CSV 文件（默认输出到屏幕）")
@click.option("--with-contact", is_flag=True, help="包含联系人、电话、邮箱（个人信息，注意保管）")
@click.pass_context
def export(ctx: click.Context, output: Path | None, with_contact: bool) -> None:
    """导出全部诉求为 CSV（UTF-8，带 BOM，便于用 Excel 打开）。"""
    columns = EXPORT_COLUMNS + (["contact_name", "phone", "email"] if with_contact else [])
    with desk_for(ctx) as desk:
        today = _today(ctx, desk)
        out = output.open("w", encoding="utf-8-sig", newline="") if output else sys.stdout
        try:
            table = csvsafe.writer(out)
            table.writerow(columns)
            for record in desk.store.all():
                row = desk.casebook.export_row(record, today)
                if with_contact:
                    row.update(desk.contact(record))
                table.writerow(row.get(column, "") for column in columns)
        finally:
            if output:
                out.close()
    if output:
        click.echo(f"已导出到 {output}", err=True)


@petitions.command()
@click.option("--dry-run", is_flag=True, help="只列出将删除个人信息的诉求")
@actor_option
@click.pass_context
def purge(ctx: click.Context, dry_run: bool, actor: str) -> None:
    """删除办结超过保存期限的诉求中的联系人信息，并清理过期的频率记录。"""
    with desk_for(ctx) as desk:
        if not dry_run:
            actor = acting_as(desk, actor, "purge")
        today = _today(ctx, desk)
        due = desk.purgeable(desk.store.all(), today)
        for record in due:
            if not dry_run:
                desk.act(record.receipt, "purge", actor)
            click.echo(f"{'将删除' if dry_run else '已删除'} {record.receipt} 的联系人信息")
        if not dry_run:
            from generator.staff.sessions import Sessions

            desk.store.prune(desk.now().timestamp() - HIT_RETENTION_SECONDS)
            Sessions(desk.store, desk.keys).prune(desk.now().timestamp())  # expired staff sessions
        click.echo(f"共 {len(due)} 件（保存期限 {desk.site.petitions.retention_days} 天）")


@petitions.command()
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """重建工作台的诉求队列索引（修改 site.yaml 的办理时限或节假日后运行）。"""
    with desk_for(ctx) as desk:
        count = desk.queue.rebuild()
    click.echo(f"已重建队列索引：{count} 件诉求")


# The comments command lives in its own module (this one is near its size limit).
from generator.cli.comments import comments  # noqa: E402

petitions.add_command(comments)
