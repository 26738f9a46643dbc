"""The site folder's files are kept through MkDocs' cleaning, and what a build does not
write is removed after it (the whole-build behaviour is in test_page_cache.py)."""

from __future__ import annotations

import os

from mkdocs.utils import clean_directory

from generator.adapters.mkdocs.kept_folder import HIDDEN, KeptFolder
from generator.writing import write_if_changed


def _tree(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def _old_site(site):
    (site / "policies" / "a").mkdir(parents=True)
    (site / "policies" / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    (site / "gone" / "deep").mkdir(parents=True)
    (site / "gone" / "deep" / "index.html").write_text("<p>gone</p>", encoding="utf-8")
    (site / ".git-note").write_text("hidden", encoding="utf-8")
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(0, 0))  # written long before this build


def test_what_the_build_writes_again_stays_and_the_rest_is_swept(tmp_path):
    site = tmp_path / "site"
    _old_site(site)
    kept = KeptFolder(site)
    kept.start()
    kept.keep()
    clean_directory(str(site))  # what MkDocs does next
    assert sorted(os.listdir(site)) == [".git-note", HIDDEN]
    kept.restore()
    assert not (site / HIDDEN).exists()
    inode = (site / "policies" / "a" / "index.html").stat().st_ino
    write_if_changed(site / "policies" / "a" / "index.html", b"<p>a</p>")
    (site / "new.html").write_text("<p>new</p>", encoding="utf-8")

    assert kept.sweep() == 1

    assert _tree(site) == [
        ".git-note",
        "new.html",
        "policies",
        "policies/a",
        "policies/a/index.html",
    ]
    assert (site / "policies" / "a" / "index.html").stat().st_ino == inode


def test_the_files_are_moved_aside_before_cleaning_and_back_after_a_failure(tmp_path):
    site = tmp_path / "site"
    _old_site(site)
    before = _tree(site)
    kept = KeptFolder(site)
    kept.start()
    kept.keep()
    assert sorted(os.listdir(site)) == [".git-note", HIDDEN]
    clean_directory(str(site))
    assert sorted(os.listdir(site)) == [".git-note", HIDDEN]  # MkDocs leaves hidden entries
    kept.recover()  # the build failed before its pages were written
    assert _tree(site) == before


def test_a_first_build_has_nothing_to_keep(tmp_path):
    kept = KeptFolder(tmp_path / "site")
    kept.start()
    kept.keep()
    kept.restore()
    assert kept.sweep() == 0
    assert list((tmp_path / "site").iterdir()) == []  # the clock's probe is gone
