"""`qinqing petitions comments CONSULTATION`: a consultation's comments with their counts."""

from __future__ import annotations

import sys

import click

from generator import csvsafe


@click.command("comments")
@click.argument("consultation")
@click.option("--csv", "as_csv", is_flag=True, help="输出 CSV（UTF-8，带 BOM，表头为中文）")
@click.pass_context
def comments(ctx: click.Context, consultation: str, as_csv: bool) -> None:
    """列出某项意见征集收到的意见，及收到、采纳、部分采纳、未采纳的条数。"""
    from generator.cli.petitions import desk_for, shown
    from generator.petitions.comment_store import comments_of, tally
    from generator.petitions.comments import EXPORT_HEADERS, CommentDesk

    with desk_for(ctx) as petitions:
        desk = CommentDesk(petitions.settings, petitions.store, petitions.now)
        found = comments_of(petitions.store, consultation)
        if not found and consultation not in petitions.settings.consultations:
            raise click.ClickException(
                f"没有编号为 {consultation} 的意见征集（content/consultations/{consultation}.md "
                "不存在或未通过 qinqing check），也没有收到过它的意见"
            )
        rows = desk.export_rows(found, with_contact=as_csv)  # the listing shows no contact
    if as_csv:
        sys.stdout.write(csvsafe.excel_text([EXPORT_HEADERS, *rows]))
        return
    for row in rows:
        clause = f"【{shown(row[2])}】" if row[2] else ""
        click.echo(f"{row[0]}  {row[1]}  {row[6]}  {clause}{shown(row[3])}")
    counts = tally(found)
    click.echo(
        f"共收到 {counts['received']} 条：采纳 {counts['adopted']} 条，部分采纳 {counts['partly']} 条，"
        f"未采纳 {counts['declined']} 条"
    )
