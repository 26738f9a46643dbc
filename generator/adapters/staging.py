"""The staging folder: a compiled site as Markdown with front matter for another builder, and nothing more."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.output import SiteBuild
from generator.writing import write_files

STAGE_NAV = "_nav.yml"


class StagingDirError(Exception):
    """The folder holds something else than an earlier staging: it is not emptied (Chinese)."""


def _clear(out_dir: Path) -> None:
    """Empty `out_dir` for a new staging, unless it may hold anything but an old one."""
    if not out_dir.exists():
        return
    if not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / STAGE_NAV).is_file()):
        raise StagingDirError(
            f"暂存目录 {out_dir} 已存在，且不是以前生成的暂存目录（其中没有 {STAGE_NAV}）："
            "为免删除其中的文件，没有写入。请指定一个新目录或空目录。"
        )
    shutil.rmtree(out_dir)


def write_staging(build: SiteBuild, out_dir: Path) -> int:
    """Pages as Markdown with YAML front matter, plus every extra file, under `out_dir`.

    The folder is a complete `docs_dir` for any Markdown site builder (MkDocs, Zensical):
    `index.md`, `funds/<id>.md` ..., `feeds/...`, `attachments/...`, and `_nav.yml` with the
    navigation in order. Returns the number of files written. A path outside `out_dir`
    raises `generator.writing.OutsideRootError`; an `out_dir` that is neither empty nor an
    earlier staging (it has no `_nav.yml`) raises `StagingDirError` before anything is removed.
    """
    _clear(out_dir)
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
    write_files(root, [(rel, data)])
