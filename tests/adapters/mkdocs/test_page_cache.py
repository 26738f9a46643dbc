"""Builds with the build cache are byte-identical to clean builds, after every kind of change.

Real `qinqing build`s of the fixture content into temp folders: one with the cache kept
from the build before, one with `--no-cache`, compared file by file, after a body edit, a
rename and a deletion (Pagefind's bundle included: reused pages reach it in clean-build
order), a site.yaml change, a template change and another `--today` (without the search
index: the background files then run at normal priority, and these builds take seconds, not
a minute, on a busy machine). The count of rendered pages stored shows the cache was used,
the search shards' bundles stored show when Pagefind ran again, and the count of compiled
pages stored that a body edit compiles one page again.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.support.builds import REPO, run_build
from tests.support.content_fixture import TODAY, write_content, write_mkdocs_config


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _entries(cache: Path, layer: str) -> set[str]:
    return {p.name for p in cache.glob(f"*/{layer}/*/*")}


def _stored(cache: Path, layer: str) -> dict[str, int]:
    """Entry name -> inode: a new file when the entry is written again (a build that reads an
    entry touches its modification time, not its inode)."""
    return {path.name: path.stat().st_ino for path in cache.glob(f"*/{layer}/*/*")}


class Tree:
    """Fixture content with its own copy of the theme overrides, built with and without cache."""

    def __init__(self, root: Path, *, search: bool) -> None:
        self.root = root
        self.search = search
        self.content = write_content(root)
        self.theme = root / "site_overrides"
        shutil.copytree(REPO / "site_overrides", self.theme)
        config = write_mkdocs_config(root, self.content, search=search)
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace(str(REPO / "site_overrides"), str(self.theme)), "utf-8")
        self.config = config
        self.cache = root / "var" / "cache"
        self.today = TODAY
        self.builds = 0
        self.shards_indexed: set = set()

    def build(self, *options: str, into: str | None = None) -> Path:
        """Build into a new folder, or into the folder `into` (kept from the build before)."""
        self.builds += 1
        site = self.root / (into or f"site-{self.builds}")
        command = [
            sys.executable,
            "-m",
            "generator.cli.main",
            "build",
            "--config",
            str(self.config),
        ]
        command += ["--site-dir", str(site), "--today", self.today, *options]
        run_build(command, self.today)
        return site

    def assert_cached_equals_clean(self) -> set[str]:
        """Build with the cache and without; equal bytes. The page entries the cached build added."""
        before = _entries(self.cache, "pages")
        shards_before = _stored(self.cache, "search-shards")
        cached = _files(self.build())
        added = _entries(self.cache, "pages") - before
        # Each shard Pagefind indexes is stored (a new file); one written from the cache is not.
        self.shards_indexed = set(_stored(self.cache, "search-shards").items()) - set(
            shards_before.items()
        )
        clean = _files(self.build("--no-cache"))
        assert sorted(cached) == sorted(clean)
        assert [name for name in clean if cached[name] != clean[name]] == []
        assert any(name.startswith("pagefind/") for name in clean) == self.search
        return added


def _edit_body(tree: Tree) -> None:
    path = tree.content / "policies" / "policy-current.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n新增的一段说明文字。\n", "utf-8")


def _rename(tree: Tree) -> None:
    funds = tree.content / "funds"
    (funds / "fund-withdrawn.md").rename(funds / "fund-renamed.md")


def _delete(tree: Tree) -> None:
    (tree.content / "announcements" / "notice-ended.md").unlink()


def _site_yaml(tree: Tree) -> None:
    path = tree.content / "site.yaml"
    site = yaml.safe_load(path.read_text(encoding="utf-8"))
    site["title"] = site["title"] + "（改名）"
    path.write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")


def _template(tree: Tree) -> None:
    path = tree.theme / "main.html"
    text = path.read_text(encoding="utf-8")
    changed = text.replace("{% block content %}", "{% block content %}<!-- 模板改动 -->", 1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def _today(tree: Tree) -> None:
    tree.today = "2027-03-01"


SITE_WIDE: list[tuple[str, Callable[[Tree], None]]] = [
    ("site.yaml changed", _site_yaml),
    ("template changed", _template),
    ("another day", _today),
]


@pytest.fixture(scope="module")
def searched(tmp_path_factory) -> Tree:
    built = Tree(tmp_path_factory.mktemp("incremental-search"), search=True)
    built.build()  # fills the cache
    return built


@pytest.fixture(scope="module")
def unsearched(tmp_path_factory) -> Tree:
    built = Tree(tmp_path_factory.mktemp("incremental"), search=False)
    built.build()  # fills the cache
    return built


def test_a_no_op_rebuild_reuses_every_page_and_equals_a_clean_build(searched):
    assert _entries(searched.cache, "pages")
    assert _entries(searched.cache, "search-shards")
    files = _entries(searched.cache, "files")  # feeds, calendars, open data, list index
    assert files
    assert searched.assert_cached_equals_clean() == set()
    # The search bundle too: written from the cache, Pagefind not run.
    assert searched.shards_indexed == set()
    assert _entries(searched.cache, "files") == files  # all read back, none made again


def test_after_an_edit_a_rename_and_a_deletion_the_cached_build_equals_a_clean_one(searched):
    stored = len(_entries(searched.cache, "pages"))
    _edit_body(searched)
    _rename(searched)
    _delete(searched)
    # The edited and the renamed page render again (and pages that list them); most do not.
    assert 2 <= len(searched.assert_cached_equals_clean()) < stored
    # The fixture's items are one search shard: indexed again, once.
    assert len(searched.shards_indexed) == 1


def test_rebuilt_into_its_own_folder_after_edits_the_site_equals_a_clean_build(tmp_path):
    """The site folder is kept through MkDocs' cleaning (kept_folder.py): what this build
    writes with the same bytes stays, the rest is written, and what it does not write goes,
    so the folder ends as a build into an empty one."""
    tree = Tree(tmp_path, search=True)
    site = tree.build(into="site")
    unchanged = site / "guides" / "index.html"  # no guide is edited, renamed or deleted
    kept_inode = unchanged.stat().st_ino
    # The feeds child's files: those it makes again with the same bytes stay as they are.
    child_made = {p: (p.read_bytes(), p.stat().st_ino) for p in (site / "calendar").rglob("*.ics")}
    (site / "stray.html").write_text("不是构建生成的文件", encoding="utf-8")
    (site / "stray-folder" / "deep").mkdir(parents=True)
    (site / "stray-folder" / "deep" / "x.txt").write_text("x", encoding="utf-8")
    (site / ".hidden-note").write_text("隐藏文件：MkDocs 不清除，qinqing 也不清除", "utf-8")
    # The same length and an old time, other bytes: only a comparison of bytes finds it.
    tampered = site / "sitemap.xml"
    stat = tampered.stat()
    data = tampered.read_bytes()
    tampered.write_bytes(data[:-2] + b"!>")
    os.utime(tampered, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    # So is an item page: its file is no longer the one the site record noted (site_record.py).
    page = site / "guides" / "guide-apply" / "index.html"
    stat = page.stat()
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</html>", "</HTML>"), encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    _edit_body(tree)
    _rename(tree)
    _delete(tree)

    tree.build(into="site")

    clean = _files(tree.build("--no-cache"))
    rebuilt = _files(site)
    assert rebuilt.pop(".hidden-note").decode("utf-8").startswith("隐藏文件")
    assert sorted(rebuilt) == sorted(clean)
    assert [name for name in clean if rebuilt[name] != clean[name]] == []
    assert not (site / "stray-folder").exists()
    assert unchanged.stat().st_ino == kept_inode  # moved aside and back, never removed
    same = [
        path
        for path, (data, _) in child_made.items()
        if path.is_file() and path.read_bytes() == data
    ]
    assert same
    assert [path for path in same if path.stat().st_ino != child_made[path][1]] == []
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == [".hidden-note"]


def test_a_body_edit_compiles_only_its_own_page_again(unsearched):
    before = _entries(unsearched.cache, "compiled")
    files = _entries(unsearched.cache, "files")
    assert before  # the item and list pages of the first build
    _edit_body(unsearched)
    unsearched.assert_cached_equals_clean()
    # Other items' pages and the lists show no body: read back, not compiled again.
    assert len(_entries(unsearched.cache, "compiled") - before) == 1
    # The feeds show bodies and are made again; open data, calendars, list index are not.
    assert 0 < len(_entries(unsearched.cache, "files") - files) < len(files) / 2


def test_a_front_matter_edit_shows_on_every_page_that_names_the_item(unsearched):
    # policy-current's title shows on the funds based on it, the policy it repeals, lists.
    path = unsearched.content / "policies" / "policy-current.md"
    text = path.read_text(encoding="utf-8")
    changed = text.replace(
        "测试市支持数字化转型的若干措施", "测试市支持数字化转型的若干措施（修订）", 1
    )
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    before = _entries(unsearched.cache, "compiled")
    unsearched.assert_cached_equals_clean()
    assert len(_entries(unsearched.cache, "compiled") - before) > 2


def test_after_site_wide_changes_the_cached_build_equals_a_clean_one(unsearched):
    added = {}
    for label, change in SITE_WIDE:
        change(unsearched)
        added[label] = len(unsearched.assert_cached_equals_clean())
    # A change every page shows renders every page again (the statuses a day changes are
    # in the compiled pages: only those render again).
    assert added["template changed"] == added["site.yaml changed"] > 2
    assert added["another day"] >= 1


def test_a_corrupted_cache_is_ignored(unsearched):
    tree = unsearched
    entries = [p for p in tree.cache.rglob("*") if p.is_file()]
    assert entries
    for number, path in enumerate(entries):
        data = bytearray(path.read_bytes())
        if number % 2:
            data[-1] ^= 0xFF  # a flipped byte
            path.write_bytes(bytes(data))
        else:
            path.write_bytes(bytes(data[: len(data) // 3]))  # a torn write
    tree.assert_cached_equals_clean()


def test_the_cache_lives_under_var_and_no_cache_writes_none(tmp_path):
    tree = Tree(tmp_path, search=False)
    tree.build("--no-cache")
    assert not (tmp_path / "var").exists()
    elsewhere = tmp_path / "elsewhere"
    tree.build("--cache-dir", str(elsewhere))
    assert _entries(elsewhere, "pages") and not (tmp_path / "var").exists()
    tree.build()
    assert _entries(tree.cache, "pages") and _entries(tree.cache, "editor")


def test_the_site_key_follows_what_pages_show_from_the_configuration():
    from mkdocs.config import load_config

    from generator.adapters.mkdocs.page_cache import site_key

    config = load_config(str(REPO / "mkdocs.yml"))
    config.extra["qinqing"] = {"version": "0a13ad9", "departments": []}
    first = site_key(config)
    config.extra["qinqing"] = {"version": "79f4bcf", "departments": []}  # another commit
    second = site_key(config)
    config.site_url = "http://127.0.0.1:8000/"  # mkdocs serve's address
    assert len({first, second, site_key(config)}) == 3
    assert site_key(config) == site_key(config)


def _all_entries(cache: Path) -> set[str]:
    """Every entry of the cache, as `layer/key`, whatever the code version folder."""
    return {f"{p.parent.parent.name}/{p.name}" for p in cache.glob("*/*/*/*") if p.is_file()}


def test_after_edits_the_cache_holds_what_a_cold_build_writes_and_no_more(tmp_path):
    tree = Tree(tmp_path, search=False)
    tree.build()
    _edit_body(tree)
    _delete(tree)
    tree.build()  # the edited and deleted items' old entries: used by the build before
    tree.build()  # and now by neither of the last two builds
    cold = tmp_path / "cold-cache"
    tree.build("--cache-dir", str(cold))
    assert _all_entries(tree.cache) == _all_entries(cold)
