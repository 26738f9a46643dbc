"""`qinqing notify …`: run the sender, list and retry failed messages, send the site digests."""

from __future__ import annotations

import datetime as dt
import signal
import threading
from pathlib import Path

import click

from generator.cli.options import petition_database_options, today_option
from generator.cli.petitions import desk_for


def _config():  # noqa: ANN202 - NotifyConfig
    from generator.notify.config import load_notify_config
    from generator.petitions.config import ConfigError

    try:
        return load_notify_config()
    except ConfigError as err:
        raise click.ClickException(str(err)) from None


def _when(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


@click.group()
@petition_database_options
@click.pass_context
def notify(ctx: click.Context, config: str | None, database_url: str | None) -> None:
    """通知与提醒：发送待发消息、查看和重发失败的消息、发送订阅摘要。"""
    ctx.obj = {"config": config, "database_url": database_url, "today": None}


SENT_KEPT_DAYS = 30  # delivered messages kept for questions ("did the mail go out?")
UNCONFIRMED_KEPT_DAYS = 7  # subscription requests nobody confirmed


def _prune(outbox) -> None:  # noqa: ANN001 - Outbox
    """Forget what is no longer needed: old delivered messages, unconfirmed subscriptions."""
    import time

    from generator.notify.subscriptions import Subscriptions

    now = time.time()
    outbox.prune(now - SENT_KEPT_DAYS * 86400)
    Subscriptions(outbox.store, outbox.keys).prune(now - UNCONFIRMED_KEPT_DAYS * 86400)


@notify.command()
@click.option("--once", is_flag=True, help="发送完当前到期的消息后退出（用于定时任务）")
@click.option(
    "--poll",
    default=5.0,
    show_default=True,
    type=click.FloatRange(0.1, 3600),
    help="空闲时每隔几秒查看一次",
)
@click.pass_context
def run(ctx: click.Context, once: bool, poll: float) -> None:
    """发送待发消息：失败的按指数退避重试，多次失败后标记为发送失败。"""
    from generator.notify.compose import channels_for, outbox_for, render
    from generator.notify.sender import Sender

    config = _config()
    with desk_for(ctx) as desk:
        sender = Sender(
            outbox_for(desk.store, desk.settings, config), lambda: channels_for(config), render,
            lease=config.lease, batch=config.batch, workers=config.workers,
        )  # fmt: skip
        _prune(sender.outbox)
        if once:
            tally = sender.run_once()
        else:
            stop = threading.Event()
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *_: stop.set())
            click.echo(f"开始发送（每 {poll:g} 秒查看一次；Ctrl-C 停止）", err=True)
            tally = sender.run_forever(stop, poll)
    click.echo(f"已发送 {tally.sent} 条，待重试 {tally.retried} 条，发送失败 {tally.failed} 条")


@notify.command("list")
@click.option("--failed", is_flag=True, help="只列出发送失败的消息")
@click.option(
    "--status",
    type=click.Choice(["pending", "sending", "sent", "failed"]),
    help="只列出此状态的消息",
)
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 100000))
@click.pass_context
def list_command(ctx: click.Context, failed: bool, status: str | None, limit: int) -> None:
    """列出消息（不显示收件人）：编号、通道、模板、状态、已尝试次数、最后的错误。"""
    from generator.notify.compose import outbox_for
    from generator.notify.outbox import STATUS_LABELS

    with desk_for(ctx) as desk:
        rows = outbox_for(desk.store, desk.settings).rows("failed" if failed else status, limit)
    if not rows:
        click.echo("没有符合条件的消息")
        return
    for row in rows:
        click.echo(
            f"{row.key}  {row.channel:<8} {row.template:<22} {STATUS_LABELS[row.status]} "
            f"尝试 {row.attempts} 次  下次 {_when(row.next_attempt_at)}  {row.last_error}"
        )


@notify.command()
@click.argument("keys", nargs=-1)
@click.option("--all-failed", is_flag=True, help="重发全部发送失败的消息")
@click.pass_context
def retry(ctx: click.Context, keys: tuple[str, ...], all_failed: bool) -> None:
    """把发送失败的消息重新放入待发队列（按编号，或 --all-failed 全部）。"""
    import time

    from generator.notify.compose import outbox_for

    if bool(keys) == all_failed:
        raise click.ClickException("请给出消息编号，或使用 --all-failed（二者选一）")
    with desk_for(ctx) as desk:
        outbox = outbox_for(desk.store, desk.settings)
        done = outbox.retry_failed(None if all_failed else list(keys), time.time())
    missing = sorted(set(keys) - set(done))
    click.echo(f"已重新排队 {len(done)} 条消息")
    if missing:
        raise click.ClickException(f"以下编号不是发送失败的消息：{'、'.join(missing)}")


@notify.command()
@click.option(
    "--site",
    "site_dir",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help="已生成的网站目录（读取其中的 data/items.json）",
)
@today_option("按此日期判断申报截止提醒，格式 YYYY-MM-DD（默认今天）")
@click.pass_context
def digest(ctx: click.Context, site_dir: Path, today: dt.date | None) -> None:
    """把网站新发布和重要更新的内容、开始申报和即将截止的资金项目汇总发给每位订阅者。"""
    import time

    from generator.notify.compose import outbox_for
    from generator.notify.digest import DigestError, read_items, run_digest
    from generator.petitions.casebook import site_calendar

    with desk_for(ctx) as desk:
        try:
            items = read_items(site_dir)
        except DigestError as err:
            raise click.ClickException(str(err)) from None
        site = desk.settings.site
        outcome = run_digest(
            outbox_for(desk.store, desk.settings), site, items, today or desk.now().date(),
            site_calendar(site), time.time(),
        )  # fmt: skip
    if outcome.baseline:
        click.echo(f"首次运行：已记录当前 {len(items)} 项内容，之后的新内容和重要更新才会发送")
        return
    click.echo(
        f"新内容 {outcome.entries} 项；已为 {outcome.queued} 位订阅者（共 {outcome.subscribers} 位）排队摘要邮件，"
        "由 qinqing notify run 发送"
    )


@notify.command("staff-digest")
@today_option("按此日期计算到期和超期，格式 YYYY-MM-DD（默认今天）")
@click.pass_context
def staff_digest(ctx: click.Context, today: dt.date | None) -> None:
    """给每位承办人、督办人和纪检人员发送当天的待办摘要：两个工作日内到期的和已超期的诉求（超期的也发给督办人）。"""
    import time

    from generator.notify.compose import outbox_for, staff_base
    from generator.notify.staff_notices import staff_digests
    from generator.staff.store import StaffStore

    with desk_for(ctx) as desk:
        outbox = outbox_for(desk.store, desk.settings)
        queued = staff_digests(
            outbox, StaffStore(desk.store, outbox.keys), desk.store.all(), desk.casebook,
            today or desk.now().date(), staff_base(desk.settings), time.time(),
        )  # fmt: skip
    click.echo(f"已为 {queued} 位工作人员排队待办摘要，由 qinqing notify run 发送")
