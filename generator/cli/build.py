"""`qinqing build`: check the content, then build the site with MkDocs or stage it for another builder."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.cli.exits import EXIT_CANNOT_RUN, EXIT_PROBLEMS
from generator.cli.options import (
    allow_placeholders_option,
    configured_today,
    default_content_dir,
    today_option,
)
from generator.writing import OutsideRootError


@click.command()
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="MkDocs 配置文件",
)
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, help="站点输出目录")
@today_option()
@click.option(
    "--stage",
    "stage_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="不用 MkDocs 构建，而是把页面（带 front matter 的 Markdown）和其他文件写入此目录，供其他构建工具使用",
)
@allow_placeholders_option()
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="构建缓存目录（默认为 mkdocs.yml 中 qinqing 插件的 cache_dir，即 var/cache）",
)
@click.option("--no-cache", is_flag=True, help="不读也不写构建缓存，全部重新生成")
def build(
    config_file: Path,
    site_dir: Path | None,
    today: dt.date | None,
    stage_dir: Path | None,
    allow_placeholders: bool,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Check the content, then build the site (or stage it with --stage).

    Exit code 0: built; 1: content has errors; 2: could not build.
    """
    from generator.cache.memo import results_cached
    from generator.content.check import check_content
    from generator.content.placeholders import allow_placeholders as as_warnings
    from generator.longlived import long_lived
    from generator.models.instants import local_today
    from generator.problems import format_problems

    if not config_file.is_file():
        raise click.ClickException(f"找不到配置文件 {config_file}")
    content_dir = default_content_dir(config_file).resolve()
    # --today, else the plugin's `today` option in mkdocs.yml, else today where the site is.
    chosen = today or configured_today(config_file)
    cache = None if no_cache else _cache(config_file, cache_dir)
    with long_lived(), results_cached(cache):
        result = check_content(content_dir, chosen, with_git=True)
    if allow_placeholders:
        result.problems = as_warnings(result.problems)
    if result.problems:
        click.echo(format_problems(result.problems, "text", "zh"), err=True)
    if result.index is None or result.errors:
        click.echo("内容检查未通过，没有构建。", err=True)
        sys.exit(EXIT_PROBLEMS)
    day = chosen or local_today(result.index.site.zone)
    if stage_dir is not None:
        with results_cached(cache):
            _stage(result.index, day, stage_dir)
        return
    from generator.adapters.mkdocs.handover import Handover
    from generator.adapters.mkdocs.run import MkDocsRunError, run_mkdocs

    # Handed over, so the build lets go of the content once compiled (handover.py).
    content = Handover(result.index)
    del result
    try:
        built = run_mkdocs(config_file, site_dir, content, day, cache)
    except MkDocsRunError as exc:
        raise click.ClickException(f"构建失败：{exc}") from None
    except Exception as exc:  # noqa: BLE001 - MkDocs' own errors, reported in one line
        click.echo(f"构建失败：{exc}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    click.echo(f"站点已构建到 {built}（按 {day.isoformat()} 计算状态）")


def _cache(config_file: Path, chosen: Path | None):
    """The build cache: `--cache-dir`, else the plugin's `cache_dir` next to mkdocs.yml
    (var/cache); None when the plugin's `cache` option is off and no folder was given."""
    from generator.cache import DEFAULT_CACHE_DIR, open_cache
    from generator.cli.settings import plugin_option

    if chosen is None:
        if plugin_option(config_file, "cache") is False:
            return None
        chosen = config_file.parent / (plugin_option(config_file, "cache_dir") or DEFAULT_CACHE_DIR)
    return open_cache(chosen)


def _stage(index, day: dt.date, stage_dir: Path) -> None:
    from generator.adapters.staging import StagingDirError, write_staging
    from generator.site import compile_site

    try:
        count = write_staging(compile_site(index, day), stage_dir)
    except (OutsideRootError, StagingDirError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"已把 {count} 个文件写入 {stage_dir}（按 {day.isoformat()} 计算状态）")
