"""`qinqing build`: check the content, then build the site with MkDocs or stage it for another builder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import click
import yaml

from generator.cli.options import allow_placeholders_option, default_content_dir, today_option
from generator.output import SiteBuild
from generator.writing import OutsideRootError, write_files

STAGE_NAV = "_nav.yml"


def write_staging(build: SiteBuild, out_dir: Path) -> int:
    """Pages as Markdown with YAML front matter, plus every extra file, under `out_dir`.

    The folder is a complete `docs_dir` for any Markdown site builder (MkDocs, Zensical):
    `index.md`, `funds/<id>.md` ..., `feeds/...`, `attachments/...`, and `_nav.yml` with the
    navigation in order. Returns the number of files written.
    """
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    count = 0
    for page in build.pages:
        meta = {"title": page.title, **dict(page.meta)}
        if page.template:
            meta["template"] = page.template
        meta["in_nav"] = page.in_nav
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, default_flow_style=False)
        _write(out_dir, page.src_uri, f"---\n{front}---\n\n{page.full_content()}\n".encode())
        count += 1
    for extra in build.files:
        _write(out_dir, extra.path, extra.data)
        count += 1
    for copy in build.copies:
        _write(out_dir, copy.path, copy.source.read_bytes())
        count += 1
    nav = [{title: uri} for title, uri in build.nav]
    _write(out_dir, STAGE_NAV, yaml.safe_dump(nav, allow_unicode=True).encode())
    return count + 1


def _write(root: Path, rel: str, data: bytes) -> None:
    try:
        write_files(root, [(rel, data)])
    except OutsideRootError as error:
        raise click.ClickException(str(error)) from None


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
def build(
    config_file: Path,
    site_dir: Path | None,
    today: dt.date | None,
    stage_dir: Path | None,
    allow_placeholders: bool,
) -> None:
    """Check the content, then build the site (or stage it with --stage).

    Exit code 0: built; 1: content has errors; 2: could not build.
    """
    from generator.cli.main import EXIT_CANNOT_RUN, EXIT_PROBLEMS
    from generator.content.check import check_content
    from generator.content.placeholders import allow_placeholders as as_warnings
    from generator.content.status import local_today
    from generator.longlived import long_lived
    from generator.problems import format_problems

    if not config_file.is_file():
        raise click.ClickException(f"找不到配置文件 {config_file}")
    content_dir = default_content_dir(config_file).resolve()
    with long_lived():
        result = check_content(content_dir, today, with_git=True)
    if allow_placeholders:
        result.problems = as_warnings(result.problems)
    if result.problems:
        click.echo(format_problems(result.problems, "text", "zh"), err=True)
    if result.index is None or result.errors:
        click.echo("内容检查未通过，没有构建。", err=True)
        sys.exit(EXIT_PROBLEMS)
    day = today or local_today(result.index.site.zone)
    if stage_dir is not None:
        from generator.site import compile_site

        count = write_staging(compile_site(result.index, day), stage_dir)
        click.echo(f"已把 {count} 个文件写入 {stage_dir}（按 {day.isoformat()} 计算状态）")
        return
    try:
        _mkdocs_build(config_file, site_dir, day, result.index)
    except click.ClickException:
        raise
    except Exception as exc:  # noqa: BLE001 - MkDocs' own errors, reported in one line
        click.echo(f"构建失败：{exc}", err=True)
        sys.exit(EXIT_CANNOT_RUN)


def _mkdocs_build(config_file: Path, site_dir: Path | None, day: dt.date, index) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    os.environ["QINQING_TODAY"] = day.isoformat()
    overrides = {"site_dir": str(site_dir)} if site_dir is not None else {}
    try:
        config = load_config(config_file=str(config_file), **overrides)
        plugin = config.plugins.get("qinqing")
        if plugin is not None:
            plugin.preloaded = index
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as exc:
        raise click.ClickException(f"构建失败：{exc}") from None
    click.echo(f"站点已构建到 {config.site_dir}（按 {day.isoformat()} 计算状态）")
