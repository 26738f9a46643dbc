"""Runs Pagefind over a built site directory to write the search bundle, and nothing more.

The binary comes from the `pagefind[extended]` wheel (extended = Chinese segmentation at
index time); nothing is downloaded at build time. A build normally hands its pages to
Pagefind while rendering (stream.py); this whole-directory run is the fallback (a dirty
build, a page count that does not add up) and what benchmarks and tests use to compare.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

from generator.adapters.mkdocs.canonical import BundleFormatError, canonicalize_bundle

BUNDLE_DIR = "pagefind"
LANGUAGE = "zh"

_PAGES = re.compile(r"Indexed (\d+) pages?")


class SearchIndexError(Exception):
    """The search index could not be built; the message is for editors (Chinese)."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float
    bundle_bytes: int
    streamed: bool = False  # pages handed over during the build, not read from the site


def executable() -> Path:
    found = get_executable()
    if found is None or not Path(found).is_file():
        raise SearchIndexError(
            "找不到 Pagefind 程序：请安装 pagefind[extended]（pip install 'pagefind[extended]'）。"
        )
    return Path(found)


def bundle_size(site_dir: Path) -> int:
    bundle = Path(site_dir) / BUNDLE_DIR
    return sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())


def build_search_index(site_dir: Path, *, timeout: float = 600) -> IndexReport:
    """Index every page of `site_dir` that has `data-pagefind-body`; write `site_dir/pagefind/`.

    One language (zh) for the whole site, so the browser always loads the same index.
    The filter files are then rewritten in a stable order (see canonical.py), so two builds
    of the same site give the same bundle byte for byte.
    """
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SearchIndexError(f"搜索索引：站点目录不存在：{site_dir}")
    command = [
        str(executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE_DIR,
        "--force-language",
        LANGUAGE,
    ]
    started = time.perf_counter()
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"搜索索引生成失败：{error}") from error
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise SearchIndexError(
            f"搜索索引生成失败（Pagefind 退出码 {result.returncode}）：\n{output}"
        )
    match = _PAGES.search(output)
    return finish_bundle(site_dir, pages=int(match[1]) if match else 0, started=started)


def finish_bundle(
    site_dir: Path,
    *,
    pages: int,
    started: float,
    streamed: bool = False,
    shard_dirs: Sequence[str] = ("",),
) -> IndexReport:
    """Put the bundles Pagefind wrote to `site_dir/pagefind` (and its shards' directories
    in it) in their stable form; report on them."""
    try:
        for shard in shard_dirs:
            canonicalize_bundle(Path(site_dir) / BUNDLE_DIR / shard)
    except (BundleFormatError, OSError, ValueError, KeyError) as error:
        raise SearchIndexError(f"搜索索引整理失败（Pagefind 输出格式不符）：{error}") from error
    seconds = time.perf_counter() - started
    return IndexReport(pages, seconds, bundle_size(site_dir), streamed)
