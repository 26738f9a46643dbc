"""What editors must act on soon: closing funds, ending publicity, expiring policies, stale guides,
overdue petitions. Pure: the index, the day and the petition records in; a list of actions out."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import click

from generator.cli.exits import EXIT_CANNOT_RUN
from generator.cli.options import content_option, today_option
from generator.content.index import ContentIndex
from generator.content.status import days_left
from generator.models.announcements import Announcement
from generator.models.funds import Fund
from generator.models.guides import Guide
from generator.models.policies import Policy

FUND_CLOSING_DAYS = 7
PUBLICITY_ENDING_DAYS = 3
POLICY_EXPIRING_DAYS = 90

# kind -> (section heading, what to do), in the order the report shows them.
KINDS = {
    "petition_overdue": ("企业诉求已超期", "尽快受理或答复；确需延期的，办理延期并说明理由"),
    "fund_closing": ("资金项目即将截止", "确认是否需要发布延期通知或提醒企业申报"),
    "publicity_ending": ("公示期即将结束", "公示期满后在 outcome 中填写异议处理结果"),
    "policy_expiring": (
        "政策文件即将到期",
        "评估是否延续；延续或废止时更新文件（expires、repealed 或新文件）",
    ),
    "guide_review": ("办事指南待复核", "核对内容，更新后把 reviewed 改为核对日期"),
}


@dataclass(frozen=True)
class Action:
    """One thing to act on: which item (or petition receipt), by when, and how many days are left."""

    kind: str
    id: str
    title: str
    due: dt.date
    days_left: int  # negative when already overdue
    path: str = ""  # the content file to edit, relative to content/'s parent


@dataclass(frozen=True)
class PetitionDue:
    """An open petition and the date its current step was due (from the petition store)."""

    receipt: str
    subject: str
    category: str
    step: str
    due: dt.date


def _content_path(index: ContentIndex, rel: str) -> str:
    return f"{index.content_dir.name}/{rel}"


def content_actions(index: ContentIndex, today: dt.date) -> list[Action]:
    """Actions due from the content alone."""
    actions = []
    review_limit = index.site.rules.review_max_age_days
    for item in index.all_items():
        if item.withdrawn:
            continue
        data, path = item.data, _content_path(index, item.path)

        def add(kind: str, due: dt.date, _item=item, _path=path) -> None:
            actions.append(Action(kind, _item.id, _item.title, due, (due - today).days, _path))

        if isinstance(data, Fund) and index.status(item, today).code == "open":
            left = days_left(data.closes, today)
            if left <= FUND_CLOSING_DAYS:
                add("fund_closing", today + dt.timedelta(days=left))
        elif isinstance(data, Announcement) and index.status(item, today).code == "publicity":
            if (data.publicity.end - today).days <= PUBLICITY_ENDING_DAYS:
                add("publicity_ending", data.publicity.end)
        elif isinstance(data, Policy) and data.expires is not None:
            code = index.status(item, today).code
            if code in ("in_force", "pending") and (
                0 <= (data.expires - today).days <= POLICY_EXPIRING_DAYS
            ):
                add("policy_expiring", data.expires)
        elif isinstance(data, Guide) and (today - data.reviewed).days > review_limit:
            add("guide_review", data.reviewed + dt.timedelta(days=review_limit))
    return actions


def petition_actions(petitions: Iterable[PetitionDue], today: dt.date) -> list[Action]:
    return [
        Action("petition_overdue", p.receipt, p.subject, p.due, (p.due - today).days)
        for p in petitions
        if p.due < today
    ]


def build_report(
    index: ContentIndex, today: dt.date, petitions: Iterable[PetitionDue] = ()
) -> list[Action]:
    """Every action, grouped by kind in the report's order, most urgent first within a kind."""
    order = {kind: n for n, kind in enumerate(KINDS)}
    actions = content_actions(index, today) + petition_actions(petitions, today)
    return sorted(actions, key=lambda a: (order[a.kind], a.due, a.id))


def overdue_petitions(database_url: str, index: ContentIndex, today: dt.date) -> list[PetitionDue]:
    """Open petitions past the due date of their current step, read from the petition store."""
    from generator.petitions.backends import open_store
    from generator.petitions.casebook import Casebook

    store = open_store(database_url)
    try:
        records = store.all()
    finally:
        store.close()
    casebook = Casebook(index.site, index.calendar)
    return [
        PetitionDue(
            e.record.receipt,
            e.record.subject,
            casebook.category_name(e.record.category),
            e.due.step,
            e.due.date,
        )
        for e in casebook.overdue_entries(records, today)
    ]


# -- formatting ----------------------------------------------------------------------------


def _when(action: Action) -> str:
    if action.kind == "petition_overdue":
        return f"应于 {action.due} 前处理，已超期 {-action.days_left} 天"
    if action.kind == "guide_review":
        return f"应于 {action.due} 前复核，已超过 {-action.days_left} 天"
    if action.days_left == 0:
        return f"{action.due}（今天）"
    return f"{action.due}（还有 {action.days_left} 天）"


def format_report_text(actions: list[Action], today: dt.date, petitions_checked: bool) -> str:
    lines = [f"待办提醒（{today}）"]
    if not actions:
        lines.append("目前没有需要处理的事项。")
    for kind, (heading, todo) in KINDS.items():
        group = [a for a in actions if a.kind == kind]
        if not group:
            continue
        lines += ["", f"{heading}（{len(group)} 项）：{todo}"]
        for action in group:
            where = f"  {action.path}" if action.path else ""
            lines.append(f"- {action.id} {action.title}：{_when(action)}{where}")
    if not petitions_checked:
        lines += [
            "",
            "未检查企业诉求：没有配置数据库（--database 或环境变量 QINQING_DATABASE_URL）。",
        ]
    return "\n".join(lines)


def format_report_json(actions: list[Action], today: dt.date, petitions_checked: bool) -> str:
    return json.dumps(
        {
            "today": today.isoformat(),
            "petitions_checked": petitions_checked,
            "actions": [
                {**asdict(a), "due": a.due.isoformat(), "label": KINDS[a.kind][0]} for a in actions
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


# -- command -------------------------------------------------------------------------------

DATABASE_ENV = "QINQING_DATABASE_URL"


@click.command("report")
@content_option()
@today_option()
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--database",
    envvar=DATABASE_ENV,
    default=None,
    help=f"诉求数据库（sqlite:///路径 或 postgresql://…；默认取环境变量 {DATABASE_ENV}）",
)
def report(content_dir: Path, today: dt.date | None, fmt: str, database: str | None) -> None:
    """List what editors must act on: funds closing, publicity ending, policies expiring,
    guides to review, overdue petitions."""
    from generator.content.loader import load_content
    from generator.models.instants import local_today
    from generator.problems import format_problems

    result = load_content(content_dir)
    if result.index is None:
        click.echo(format_problems(result.errors), err=True)
        click.echo("内容无法读取，先运行 qinqing check 修正上面的错误。", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    index = result.index
    day = today or local_today(index.site.zone)
    petitions: list[PetitionDue] = []
    if database:
        petitions = _read_petitions(database, index, day)
    actions = build_report(index, day, petitions)
    formatter = format_report_json if fmt == "json" else format_report_text
    click.echo(formatter(actions, day, petitions_checked=bool(database)))


def _read_petitions(database: str, index: ContentIndex, day: dt.date) -> list[PetitionDue]:
    from generator.petitions.config import ConfigError
    from generator.petitions.store import StoreError

    if database.startswith("sqlite:///") and not Path(database[len("sqlite:///") :]).is_file():
        raise click.ClickException(f"诉求数据库文件不存在：{database[len('sqlite:///') :]}")
    try:
        return overdue_petitions(database, index, day)
    except ConfigError as exc:
        raise click.ClickException(f"数据库地址无效：{exc}") from None
    except StoreError as exc:
        raise click.ClickException(f"无法读取诉求数据库：{exc}") from None
