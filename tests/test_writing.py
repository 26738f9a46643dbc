"""Files are written under their folder and never outside it."""

from __future__ import annotations

import os

import pytest

from generator.writing import (
    OutsideRootError,
    clock_on_disk,
    target_under,
    write_files,
    write_if_changed,
)


def test_files_land_under_the_folder_with_their_folders_made(tmp_path):
    count = write_files(tmp_path, [("a/b/c.txt", b"1"), ("a/b/d.txt", b"2"), ("e.txt", b"3")])
    assert count == 3
    assert (tmp_path / "a/b/c.txt").read_bytes() == b"1"
    assert (tmp_path / "e.txt").read_bytes() == b"3"
    assert target_under(tmp_path, "x/./y/../z.txt") == tmp_path / "x/z.txt"


@pytest.mark.parametrize("rel", ["../x.txt", "a/../../x.txt", "/etc/passwd", ".", ""])
def test_a_path_leaving_the_folder_is_refused_in_chinese(tmp_path, rel):
    with pytest.raises(OutsideRootError, match="输出路径超出目录"):
        write_files(tmp_path / "site", [(rel, b"x")])
    assert not (tmp_path / "x.txt").exists()


def test_a_file_with_the_same_bytes_is_left_as_it_is_with_its_time_renewed(tmp_path):
    target = tmp_path / "page.html"
    target.write_bytes(b"<p>same</p>")
    os.utime(target, ns=(0, 0))
    inode = target.stat().st_ino
    before = clock_on_disk(tmp_path)

    assert write_if_changed(target, b"<p>same</p>") is False

    assert target.stat().st_ino == inode
    assert target.stat().st_mtime_ns >= before  # counts as written by this build


@pytest.mark.parametrize(
    "old", [b"<p>diff</p>", b"<p>shorter", b""], ids=["same size", "other size", "empty"]
)
def test_a_file_with_other_bytes_is_written(tmp_path, old):
    target = tmp_path / "page.html"
    target.write_bytes(old)
    assert write_if_changed(target, b"<p>same</p>") is True
    assert target.read_bytes() == b"<p>same</p>"
    assert write_if_changed(tmp_path / "new.html", b"x") is True
    assert (tmp_path / "new.html").read_bytes() == b"x"


def test_the_clock_on_disk_dates_as_new_files_are_dated(tmp_path):
    before = clock_on_disk(tmp_path)
    (tmp_path / "later.txt").write_bytes(b"x")
    assert (tmp_path / "later.txt").stat().st_mtime_ns >= before
    assert [p.name for p in tmp_path.iterdir()] == ["later.txt"]  # the probe is gone
