"""The `qinqing` command line: parses arguments, prints results, sets exit codes, nothing more."""

from __future__ import annotations

import datetime as dt
import errno
import sys
from pathlib import Path

import click

from generator import __version__
from generator.cli.exits import EXIT_CANNOT_RUN, EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS
from generator.cli.options import allow_placeholders_option, content_option, today_option
from generator.models.instants import local_today
from generator.petitions.keys import UnknownKey

_OS_REASONS = {
    errno.ENOENT: "文件或所在目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许的操作",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "只读文件系统",
}


class QinqingGroup(click.Group):
    """Turns any unexpected exception into a one-line message and exit code 2: never a traceback.

    Data sealed under a key the configuration lacks, and a file that cannot be read or
    written (a missing folder, no permission, a full disk), are named as such; anything else
    is an internal error for the maintainers."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("已中断。", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except UnknownKey as exc:  # sealed under a key no longer configured (rotated out)
            click.echo(f"qinqing: {exc}：请把它列入退役密钥（QINQING_RETIRED_KEY_FILE）", err=True)
            sys.exit(EXIT_CANNOT_RUN)
        except OSError as exc:  # a path the operator gave: not ours to report, theirs to fix
            where = f" {exc.filename}" if exc.filename else ""
            reason = _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
            click.echo(f"qinqing: 无法读写{where}：{reason}", err=True)
            sys.exit(EXIT_CANNOT_RUN)
        except Exception as exc:  # noqa: BLE001 - the edge: report, do not crash
            click.echo(f"qinqing: 内部错误，无法完成：{type(exc).__name__}: {exc}", err=True)
            click.echo("请把这条信息和所用命令报告给维护人员。", err=True)
            sys.exit(EXIT_CANNOT_RUN)


@click.group(cls=QinqingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qinqing")
def main() -> None:
    """亲清 qinqing: check and build a policy-disclosure site from content/."""


@main.command()
@content_option()
@today_option()
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="消息语言"
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="输出格式",
)
@click.option("--links", is_flag=True, help="同时检查外部链接（需要联网，问题作为警告）")
@allow_placeholders_option()
def check(
    content_dir: Path,
    today: dt.date | None,
    lang: str,
    fmt: str,
    links: bool,
    allow_placeholders: bool,
) -> None:
    """Check every content file and report all problems, sorted by file and line.

    Exit code 0: no errors; 1: errors found; 2: could not run.
    """
    from generator.content.check import check_content
    from generator.content.placeholders import allow_placeholders as as_warnings
    from generator.problems import format_problems

    result = check_content(content_dir, today, external_links=links)
    problems = as_warnings(result.problems) if allow_placeholders else result.problems
    click.echo(format_problems(problems, fmt, lang))
    if result.view is None and not problems:
        sys.exit(EXIT_CANNOT_RUN)
    sys.exit(EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK)


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="输出目录",
)
def schema(out_dir: Path) -> None:
    """Write the JSON Schemas of site.yaml, the five collections and content/answers.json into schemas/."""
    from generator.models.schema_export import write_schemas

    for path in write_schemas(out_dir):
        click.echo(f"已写入 {path}")


@main.command()
@click.argument(
    "collection",
    type=click.Choice(["policies", "funds", "guides", "announcements", "consultations"]),
)
@click.argument("item_id")
@content_option()
@today_option("写入文件的日期，格式 YYYY-MM-DD（默认今天）")
def new(collection: str, item_id: str, content_dir: Path, today: dt.date | None) -> None:
    """Create content/COLLECTION/ITEM_ID.md with every key, commented in Chinese."""
    from generator.cli.scaffold import render_new_item
    from generator.models.fields import ID_RE

    if not ID_RE.match(item_id):
        raise click.ClickException(
            f"id {item_id!r} 无效：只能用小写英文字母、数字和连字符 -，长度 3 到 80"
        )
    target = content_dir / collection / f"{item_id}.md"
    if target.exists():
        raise click.ClickException(f"{target} 已存在，没有覆盖")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        render_new_item(collection, item_id, today or local_today()), encoding="utf-8"
    )
    click.echo(f"已创建 {target}：请填写各字段，然后运行 qinqing check")


from generator.cli.match import match  # noqa: E402 - the command module needs `main` defined

main.add_command(match)

from generator.cli.petitions import petitions  # noqa: E402 - see above
from generator.cli.serve import serve  # noqa: E402 - see above

main.add_command(petitions)
from generator.cli.answers import answers_command, figures_command  # noqa: E402 - see above
from generator.cli.staff import staff  # noqa: E402 - see above

petitions.add_command(answers_command)
petitions.add_command(figures_command)
main.add_command(staff)
main.add_command(serve)

# Adds backup, restore, verify, key-fingerprint and rekey to the petitions group.
import generator.cli.backups  # noqa: E402, F401
from generator.cli.notify import notify  # noqa: E402 - see above

main.add_command(notify)

from generator.cli.init import init  # noqa: E402
from generator.cli.report import report  # noqa: E402

main.add_command(init)
main.add_command(report)

from generator.cli.build import build  # noqa: E402

main.add_command(build)


def run() -> None:
    main(prog_name="qinqing")


if __name__ == "__main__":
    run()
