"""`qinqing match PROFILE.yaml`: which funds an enterprise profile meets, as text or JSON."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from generator.cli.exits import EXIT_CANNOT_RUN
from generator.cli.options import content_option, today_option
from generator.features.matching.evaluate import VERDICT_LABELS, FundMatch
from generator.urls import item_url


def _timing_text(match: FundMatch) -> str:
    if match.status.code == "open":
        return "今天截止" if match.days_left == 0 else f"还剩 {match.days_left} 天截止"
    if match.status.code == "upcoming":
        start = "今天开始申报" if match.opens_in == 0 else f"{match.opens_in} 天后开始申报"
        return f"{start}，还剩 {match.days_left} 天截止"
    return ""


def format_text(matches: list[FundMatch], site, name: str | None, day) -> str:
    counts = {v: sum(m.verdict.verdict == v for m in matches) for v in VERDICT_LABELS}
    who = f"（{name}）" if name else ""
    lines = [
        f"政策匹配结果{who}，按 {day.isoformat()} 的申报状态：",
        f"共 {len(matches)} 个资金项目："
        + "，".join(f"{VERDICT_LABELS[v]} {n} 个" for v, n in counts.items())
        + "。",
    ]
    for match in matches:
        timing = _timing_text(match)
        status = f"{match.status.label}（{timing}）" if timing else match.status.label
        lines += [
            "",
            f"【{VERDICT_LABELS[match.verdict.verdict]}】{match.item.title}",
            f"  状态：{status}",
            f"  链接：{item_url(site, match.item)}",
        ]
        lines += [f"  - {reason}" for reason in match.verdict.reasons]
    lines += ["", "结果仅供参考，是否符合条件以申报通知原文和主管部门审核为准。"]
    return "\n".join(lines)


def format_json(matches: list[FundMatch], site) -> str:
    return json.dumps(
        [
            {
                "id": m.item.id,
                "title": m.item.title,
                "status": m.status.code,
                "verdict": m.verdict.verdict,
                "reasons": list(m.verdict.reasons),
                "days_left": m.days_left,
                "opens_in": m.opens_in,
                "url": item_url(site, m.item),
            }
            for m in matches
        ],
        ensure_ascii=False,
        indent=2,
    )


@click.command("match")
@click.argument("profile_path", metavar="PROFILE.yaml", type=click.Path(path_type=Path))
@content_option()
@today_option("按此日期判断申报状态，格式 YYYY-MM-DD（默认：站点时区的今天）")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="输出格式",
)
def match(profile_path: Path, content_dir: Path, today: dt.date | None, fmt: str) -> None:
    """Check an enterprise profile against every fund's eligibility rules.

    Each fund that is not withdrawn gets a verdict: eligible, ineligible (with the failing
    conditions) or unknown (with what cannot be decided). Open funds first, then upcoming,
    then closed. Exit code 0: answered; 2: the profile or the content has errors.
    """
    # generator.cli.main registers this command, so import it here, not at module level.
    from generator.content.loader import load_content
    from generator.features.matching.evaluate import match_funds
    from generator.features.matching.profile import read_profile
    from generator.models.instants import local_today
    from generator.problems import format_problems

    result = load_content(content_dir, today=today)
    if result.index is None or result.errors:
        click.echo(format_problems(result.errors), err=True)
        click.echo("内容有错误，无法匹配：请先运行 qinqing check 并修正。", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    site = result.index.site
    profile, problems = read_profile(profile_path, site)
    if profile is None:
        click.echo(format_problems(problems), err=True)
        click.echo("企业画像文件有错误，请按提示修改后重试。", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    day = today or local_today(site.zone)
    matches = match_funds(result.index, profile, day)
    if fmt == "json":
        click.echo(format_json(matches, site))
    else:
        click.echo(format_text(matches, site, profile.name, day))
