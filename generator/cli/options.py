"""Options several `qinqing` commands share (`--content`, `--today`, `--output`) and how they are read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click

CONTENT_HELP = "内容目录（默认取 mkdocs.yml 中的设置，否则 ./content）"
TODAY_HELP = "按此日期计算状态与时效，格式 YYYY-MM-DD（默认：站点时区的今天）"


def parse_today(value: str | None) -> dt.date | None:
    """A `--today` value as a date (None when not given); a Chinese message when malformed."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"日期格式应为 YYYY-MM-DD，实际为 {value!r}", param_hint="--today"
        ) from None


def default_content_dir(config: Path = Path("mkdocs.yml")) -> Path:
    """`content_dir` of the qinqing plugin in mkdocs.yml, else ./content."""
    from generator.cli.settings import plugin_option

    value = plugin_option(config, "content_dir")
    if isinstance(value, str) and value:
        return (config.parent / value) if not Path(value).is_absolute() else Path(value)
    return Path("content")


def configured_today(config: Path = Path("mkdocs.yml")) -> dt.date | None:
    """The `today` option of the qinqing plugin in mkdocs.yml, if set (a Chinese message when malformed)."""
    from generator.cli.settings import plugin_option

    value = plugin_option(config, "today")
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise click.ClickException(
            f"{config} 中 qinqing 插件的 today 应为 YYYY-MM-DD，实际为 {value!r}"
        ) from None


def content_option() -> Callable:
    """`--content DIR`, passed as `content_dir`: the folder given, else `default_content_dir()`."""
    return click.option(
        "--content",
        "content_dir",
        type=click.Path(path_type=Path),
        default=None,
        callback=lambda _ctx, _param, value: value or default_content_dir(),
        help=CONTENT_HELP,
    )


def allow_placeholders_option() -> Callable:
    """`--allow-placeholders`, passed as `allow_placeholders`: placeholders become warnings."""
    return click.option(
        "--allow-placeholders",
        is_flag=True,
        help="把 qinqing new / init 写入的【待填写】占位内容当作警告（仅供上线前预览）",
    )


def today_option(help: str = TODAY_HELP) -> Callable:  # noqa: A002 - click's own name
    """`--today YYYY-MM-DD`, passed as `today`: a date, or None when not given."""
    return click.option(
        "--today",
        default=None,
        callback=lambda _ctx, _param, value: parse_today(value),
        help=help,
    )


def output_option(help: str) -> Callable:  # noqa: A002 - click's own name
    """`--output/-o FILE`, passed as `output`: a file path, or None for the screen."""
    return click.option(
        "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help=help
    )


def petition_database_options(command: Callable) -> Callable:
    """`--config` and `--database-url` (or their environment variables), for the commands that
    open the petition database (`qinqing petitions`, `qinqing staff`)."""
    command = click.option(
        "--database-url",
        envvar="QINQING_DATABASE_URL",
        help="数据库地址（默认 sqlite:///var/petitions.db）",
    )(command)
    return click.option(
        "--config", envvar="QINQING_CONFIG", help="site.yaml 路径（默认 content/site.yaml）"
    )(command)
