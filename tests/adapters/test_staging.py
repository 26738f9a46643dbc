"""The staging folder is emptied only when it is new, empty or an earlier staging."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.adapters.staging import STAGE_NAV, StagingDirError, write_staging
from generator.output import Page, SiteBuild


def build() -> SiteBuild:
    page = Page(src_uri="index.md", title="首页", content="<p>首页</p>\n", meta={}, in_nav=True)
    return SiteBuild(pages=[page], files=[], copies=[], nav=[("首页", "index.md")])


def test_an_earlier_staging_is_replaced(tmp_path: Path):
    stage = tmp_path / "stage"
    write_staging(build(), stage)
    (stage / "old.md").write_text("旧页面", encoding="utf-8")
    write_staging(build(), stage)
    assert (stage / STAGE_NAV).is_file() and not (stage / "old.md").exists()


def test_an_empty_folder_is_used(tmp_path: Path):
    write_staging(build(), tmp_path)
    assert (tmp_path / "index.md").is_file()


def test_a_folder_of_other_files_is_left_alone(tmp_path: Path):
    keep = tmp_path / "content" / "site.yaml"
    keep.parent.mkdir()
    keep.write_text("title: 站点\n", encoding="utf-8")
    with pytest.raises(StagingDirError, match="没有写入"):
        write_staging(build(), tmp_path)
    assert keep.read_text(encoding="utf-8") == "title: 站点\n"
    assert not (tmp_path / "index.md").exists()
