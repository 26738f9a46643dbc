"""`mkdocs serve` rebuilds (one plugin instance, the site folder and the cache's entries kept
between builds) show exactly what a fresh preview build of the same content shows: after a
body edit, a front-matter edit, a deletion, an edit undone, and a content error.

Real MkDocs builds in this process, as `mkdocs serve` runs them: the configuration loaded
again for each rebuild, `on_startup(command="serve")` once, `serve_url` set, another thread
running (the server's). Each rebuild's site folder is compared file by file with a fresh
preview build (a new plugin, an empty folder, no cache) of the content as it then is.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.support.builds import SOURCE_DATE_EPOCH
from tests.support.content_fixture import TODAY, write_content, write_mkdocs_config

SERVE_URL = "http://127.0.0.1:8000/"
POLICY = "policies/policy-current.md"
POLICY_PAGE = "policies/policy-current/index.html"
OTHER_PAGE = "policies/policy-hostile/index.html"


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not p.relative_to(root).as_posix().startswith(".")
    }


class Serve:
    """Preview builds of one site in this process, with the same plugin from build to build."""

    def __init__(self, config_file: Path, site_dir: Path, *, cache: bool = True) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.cache = cache
        self.config = self._load()
        self.plugin = self.config.plugins["qinqing"]
        self.config.plugins.on_startup(command="serve", dirty=False)

    def _load(self):
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        if not self.cache:
            config.plugins["qinqing"].config.cache = False
        return config

    def rebuild(self) -> dict[str, bytes]:
        config = self._load()
        assert config.plugins["qinqing"] is self.plugin  # as `mkdocs serve` keeps it
        build(config, serve_url=SERVE_URL)
        self.settle()
        return _files(self.site_dir)

    def settle(self) -> None:
        """Wait for the feeds, calendars and open data made after the pages."""
        if self.plugin.after_pages is not None:
            self.plugin.after_pages.join()
            assert self.plugin.after_pages.error is None

    def close(self) -> None:
        self.config.plugins.on_shutdown()


@pytest.fixture
def server_thread() -> Iterator[None]:
    """Another thread running, as the server's in `mkdocs serve` (the build forks nothing)."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join(timeout=10)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server_thread) -> Iterator[Serve]:
    yield from _served(tmp_path, monkeypatch)


@pytest.fixture
def forking_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Serve]:
    """No other thread: the feeds child is forked, as in `mkdocs serve`'s first build."""
    yield from _served(tmp_path, monkeypatch)


def _served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Serve]:
    monkeypatch.setenv("QINQING_TODAY", TODAY)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    content = write_content(tmp_path)
    config = write_mkdocs_config(tmp_path, content, search=False)
    serve = Serve(config, tmp_path / "served")
    yield serve
    serve.close()


def _fresh(serve: Serve) -> dict[str, bytes]:
    """A fresh preview build of the same content: new plugin, empty folder, no cache."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = Serve(serve.config_file, Path(folder) / "site", cache=False)
        try:
            return fresh.rebuild()
        finally:
            fresh.close()


def _assert_same(served: dict[str, bytes], fresh: dict[str, bytes]) -> None:
    assert sorted(served) == sorted(fresh)
    differing = [path for path in fresh if served[path] != fresh[path]]
    assert differing == []


def _edit(site: Serve, rel: str, old: str, new: str) -> None:
    path = site.config_file.parent / "content" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_body_edit_rewrites_its_page_only_and_equals_a_fresh_build(site):
    first = site.rebuild()
    other = site.site_dir / OTHER_PAGE
    written = other.stat().st_ino, other.stat().st_mtime_ns
    _edit(site, POLICY, "\n\n", "\n\n预览中新加的一段正文。\n\n")

    served = site.rebuild()

    assert "预览中新加的一段正文" in served[POLICY_PAGE].decode()
    assert served[POLICY_PAGE] != first[POLICY_PAGE]
    assert (other.stat().st_ino, other.stat().st_mtime_ns) == written  # kept, not rewritten
    _assert_same(served, _fresh(site))


def test_a_title_edit_shows_on_every_page_that_names_the_item(site):
    site.rebuild()
    _edit(site, POLICY, "测试市支持数字化转型的若干措施", "测试市预览改名的若干措施")

    served = site.rebuild()

    showing = {path for path, data in served.items() if "测试市预览改名的若干措施".encode() in data}
    assert {POLICY_PAGE, "policies/index.html", "index.html"} <= showing
    assert not any("测试市支持数字化转型的若干措施".encode() in data for data in served.values())
    _assert_same(served, _fresh(site))


def test_a_deleted_item_disappears_with_everything_only_it_made(site):
    first = site.rebuild()
    (site.config_file.parent / "content" / "policies" / "policy-old.md").unlink()

    served = site.rebuild()

    assert "policies/policy-old/index.html" in first
    assert not any(path.startswith("policies/policy-old/") for path in served)
    assert not (site.site_dir / "policies" / "policy-old").exists()
    _assert_same(served, _fresh(site))


def test_an_edit_undone_shows_the_original_again(site):
    first = site.rebuild()
    _edit(site, POLICY, "\n\n", "\n\n一段随后撤回的正文。\n\n")
    site.rebuild()
    _edit(site, POLICY, "\n\n一段随后撤回的正文。\n\n", "\n\n")

    served = site.rebuild()

    assert served == first


def test_a_content_error_is_reported_in_chinese_and_the_last_site_stays(site, caplog):
    first = site.rebuild()
    _edit(site, POLICY, "title: 测试市支持数字化转型的若干措施", "title: [未闭合")

    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        site.rebuild()

    assert "内容检查未通过" in caplog.text
    assert _files(site.site_dir) == first
    _edit(site, POLICY, "title: [未闭合", "title: 测试市预览修好的标题")
    served = site.rebuild()
    assert "测试市预览修好的标题" in served[POLICY_PAGE].decode()
    _assert_same(served, _fresh(site))


def test_files_a_forked_child_wrote_are_kept_and_follow_an_edit(forking_site):
    first = forking_site.rebuild()
    assert "data/index.json" in first and "calendar/deadlines.ics" in first
    _edit(forking_site, POLICY, "测试市支持数字化转型的若干措施", "测试市分叉构建改名的措施")

    served = forking_site.rebuild()

    assert any(
        "测试市分叉构建改名的措施".encode() in served[p] for p in served if p.startswith("data/")
    )
    _assert_same(served, _fresh(forking_site))


def test_a_build_that_fails_while_writing_is_followed_by_a_whole_one(site):
    site.rebuild()
    other = site.site_dir / OTHER_PAGE
    written = other.stat().st_mtime_ns
    _edit(site, POLICY, "\n\n", "\n\n写到一半失败的正文。\n\n")
    blocked = site.site_dir / POLICY_PAGE
    blocked.unlink()
    blocked.mkdir()  # MkDocs cannot write the edited page: the build fails mid-way

    with pytest.raises(OSError):
        site.rebuild()

    blocked.rmdir()
    served = site.rebuild()
    assert "写到一半失败的正文" in served[POLICY_PAGE].decode()
    assert other.stat().st_mtime_ns != written  # nothing on disk was trusted: all rewritten
    _assert_same(served, _fresh(site))
