"""`qinqing petitions answers` (the 答复选登 snapshot) and `qinqing petitions figures` (督办统计)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.cli.options import output_option
from generator.cli.petitions import _today, desk_for

_DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.command("answers")
@output_option("写入的文件，通常为 content/answers.json（默认输出到屏幕）")
@click.pass_context
def answers_command(ctx: click.Context, output: Path | None) -> None:
    """导出答复选登快照（JSON）：只含已选登诉求的公开文本、类别、部门和日期，供网站生成时发布。"""
    from generator.petitions.answer_snapshot import answers_snapshot, render_snapshot

    with desk_for(ctx) as desk:
        snapshot = answers_snapshot(desk.store.all(), desk.calendar, desk.site.zone)
    text = render_snapshot(snapshot)
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(f"已写入 {output}（{len(snapshot['answers'])} 条答复）", err=True)


@click.command("figures")
@click.option(
    "--period",
    type=click.Choice(["month", "quarter", "year", "custom"]),
    default="month",
    show_default=True,
    help="统计期间：本月、本季度、本年或自定义（配合 --from/--to）",
)
@click.option("--from", "first", type=_DAY, help="自定义期间的开始日期 YYYY-MM-DD")
@click.option("--to", "last", type=_DAY, help="自定义期间的结束日期 YYYY-MM-DD")
@click.option("--csv", "as_csv", is_flag=True, help="输出 CSV（中文表头，带 BOM）")
@click.pass_context
def figures_command(
    ctx: click.Context,
    period: str,
    first: dt.datetime | None,
    last: dt.datetime | None,
    as_csv: bool,
) -> None:
    """督办统计：按承办部门和诉求类别统计收到、按时办结、当前超期、办理用时、不满意和重新办理。"""
    from generator.petitions.figures import (
        HEADERS,
        PeriodError,
        compute_figures,
        figures_csv,
        period_bounds,
    )

    with desk_for(ctx) as desk:
        today = _today(ctx, desk)
        try:
            start, end = period_bounds(
                period, today, first.date() if first else None, last.date() if last else None
            )
        except PeriodError as err:
            raise click.UsageError(str(err)) from None
        figures = compute_figures(desk.store.all(), desk.site, start, end, today)
    if as_csv:
        click.echo(figures_csv(figures), nl=False)
        return
    click.echo(f"统计期间：{start.isoformat()} 至 {end.isoformat()}")
    for heading, rows in (("承办部门", figures.by_department), ("诉求类别", figures.by_category)):
        click.echo(f"\n{heading}\t" + "\t".join(HEADERS))
        for row in rows:
            click.echo("\t".join(str(cell) for cell in (row.name, *row.cells())))
    click.echo("\n" + "\t".join(str(c) for c in (figures.total.name, *figures.total.cells())))
