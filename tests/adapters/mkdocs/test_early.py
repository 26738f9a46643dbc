"""Deferred files made by a child forked before compiling, staged beside the site and moved in.

The forked path runs in a fresh process (tests/support/fresh.py): this session's server
threads would, rightly, keep the fork helper from forking here.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from pathlib import Path

from generator.adapters.mkdocs.early import EarlyFiles, move_tree, staging_folder
from generator.content.loader import load_content
from generator.output import OutputFile
from generator.site import compile_site, site_deferred_files
from generator.writing import write_files
from tests.support.content_fixture import TODAY, write_content
from tests.support.fresh import in_fresh_process


def _write_into(root: Path, files) -> None:
    write_files(root, ((file.path, file.data) for file in files))


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _staged_like_a_build(content: str, site: str) -> dict:
    """In a fresh process: start the files before compiling, empty the site as MkDocs does,
    write a page into it, then wait."""
    day = dt.date.fromisoformat(TODAY)
    index = load_content(Path(content), day).index
    site_dir = Path(site)
    (site_dir / "feeds").mkdir(parents=True)
    (site_dir / "feeds" / "stale.xml").write_text("old")
    early = EarlyFiles(site_deferred_files(index, day), site_dir, _write_into).start()
    staging = early.staging
    compile_site(index, day, defer_files=True)
    shutil.rmtree(site_dir)  # MkDocs cleans the site directory after on_config
    (site_dir / "policies").mkdir(parents=True)
    (site_dir / "policies" / "index.html").write_text("page")
    early.wait()
    return {
        "parallel": early.parallel,
        "staging_beside_site": staging is not None and staging.parent == site_dir.parent,
        "staging_left": staging is not None and staging.exists(),
        "cpu": early.cpu_seconds,
    }


def test_the_forked_child_gives_the_files_a_plain_build_writes(tmp_path):
    content = write_content(tmp_path / "content")
    seen = in_fresh_process(_staged_like_a_build, str(content), str(tmp_path / "site"))
    assert seen["parallel"] and seen["staging_beside_site"] and seen["cpu"] > 0
    assert not seen["staging_left"]
    day = dt.date.fromisoformat(TODAY)
    deferred = compile_site(load_content(content, day).index, day, defer_files=True).deferred
    expected = tmp_path / "expected"
    _write_into(expected, [file for job in deferred for file in job()])
    built = _tree(tmp_path / "site")
    assert built.pop("policies/index.html") == b"page"  # the page MkDocs wrote stays
    assert built == _tree(expected)  # and the cleaned-away file stays away
    assert any(path.startswith("feeds/") for path in built)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "expected", "site"]


def test_the_jobs_are_those_a_deferring_compile_leaves(tmp_path):
    content = write_content(tmp_path / "content")
    day = dt.date.fromisoformat(TODAY)
    index = load_content(content, day).index
    left = compile_site(index, day, defer_files=True).deferred
    early = site_deferred_files(index, day)
    assert [f for job in early for f in job()] == [f for job in left for f in job()]


def test_with_other_threads_running_the_files_are_made_at_wait(tmp_path):
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        early = EarlyFiles([lambda: [OutputFile("a/b.txt", b"b")]], tmp_path / "site", _write_into)
        early.start()
    finally:
        stop.set()
        worker.join()
    assert not early.parallel and early.staging is None
    assert not (tmp_path / "site").exists()
    early.wait()
    assert _tree(tmp_path / "site") == {"a/b.txt": b"b"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def _broken() -> list[OutputFile]:
    raise ValueError("坏数据")


def _waited(early: EarlyFiles) -> tuple[bool, str, bool]:
    """Whether it forked, the error `wait()` raised ("" for none), whether staging is left."""
    staging = early.staging
    try:
        early.wait()
    except RuntimeError as error:
        return early.parallel, str(error), staging.exists()
    return early.parallel, "", staging.exists()


def _failing(site: str) -> tuple[bool, str, bool]:
    return _waited(EarlyFiles([_broken], Path(site), _write_into).start())


def test_a_failing_job_is_reported_and_its_staging_folder_removed(tmp_path):
    parallel, message, left = in_fresh_process(_failing, str(tmp_path / "site"))
    assert parallel and "坏数据" in message and not left
    assert list(tmp_path.iterdir()) == []


def _cancelled(site: str) -> tuple[bool, bool, bool]:
    early = EarlyFiles([lambda: [OutputFile("a.txt", b"a")]], Path(site), _write_into).start()
    staging, process = early.staging, early.background._process
    early.cancel()
    early.cancel()  # idempotent
    return early.parallel, process.is_alive(), staging.exists()


def test_cancel_stops_the_child_and_removes_its_staging_folder(tmp_path):
    parallel, alive, left = in_fresh_process(_cancelled, str(tmp_path / "site"))
    assert parallel and not alive and not left


def _blocked(site: str) -> tuple[bool, str, bool]:
    Path(site).mkdir(parents=True)
    (Path(site) / "data").write_bytes(b"x")
    job = [lambda: [OutputFile("data/items.json", b"{}")]]
    return _waited(EarlyFiles(job, Path(site), _write_into).start())


def test_files_that_cannot_be_moved_in_are_a_chinese_error_not_a_traceback(tmp_path):
    # The staged folder `data` cannot go where the site has a file of that name.
    parallel, message, left = in_fresh_process(_blocked, str(tmp_path / "site"))
    assert parallel and "未能移入站点目录" in message and not left


def test_no_jobs_make_no_staging_folder(tmp_path):
    early = EarlyFiles([], tmp_path / "site", _write_into).start()
    assert early.staging is None and not early.parallel
    early.wait()
    assert list(tmp_path.iterdir()) == []


def test_moving_merges_folders_and_replaces_files(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    _write_into(
        source,
        [OutputFile("a/x.txt", b"new"), OutputFile("a/y.txt", b"y"), OutputFile("b/z.txt", b"z")],
    )
    _write_into(target, [OutputFile("a/x.txt", b"old"), OutputFile("a/w.txt", b"w")])
    move_tree(source, target)
    assert _tree(target) == {"a/x.txt": b"new", "a/y.txt": b"y", "a/w.txt": b"w", "b/z.txt": b"z"}
    assert _tree(source) == {}


def test_a_staging_folder_is_a_new_hidden_sibling_of_the_site(tmp_path):
    first, second = (
        staging_folder(tmp_path / "out" / "site"),
        staging_folder(tmp_path / "out" / "site"),
    )
    assert first != second
    assert first.parent == second.parent == tmp_path / "out"
    assert first.name.startswith(".site-files-") and list(first.iterdir()) == []
