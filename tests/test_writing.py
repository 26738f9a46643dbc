"""Files are written under their folder and never outside it."""

from __future__ import annotations

import pytest

from generator.writing import OutsideRootError, target_under, write_files


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
