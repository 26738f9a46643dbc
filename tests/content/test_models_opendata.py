"""Reading the published open data back: every record, or a Chinese error saying what is wrong."""

from __future__ import annotations

import json

import pytest

from generator.features.feeds import build_data_files
from generator.features.feeds.opendata import item_record
from generator.models.opendata import OpenDataError, read_records
from generator.writing import write_files
from tests.features.feeds.conftest import TODAY, items, load, tree, write_tree  # noqa: F401


@pytest.fixture
def site(tree, tmp_path):  # noqa: F811 - the fixture imported above
    index = load(tree)
    root = tmp_path / "site"
    write_files(root, ((f.path, f.data) for f in build_data_files(index, TODAY, limit=2)))
    return index, root


def test_every_record_is_read_back_from_the_files_the_index_lists(site):
    index, root = site
    records = read_records(root)
    assert sorted(r["id"] for r in records) == sorted(i.id for i in index.all_items())
    assert all(r == item_record(index, index.get(r["id"]), TODAY) for r in records)


def test_a_site_without_the_index_says_to_build_first(tmp_path):
    with pytest.raises(OpenDataError, match="请先运行 qinqing build"):
        read_records(tmp_path)


def test_a_damaged_file_is_named(site):
    _index, root = site
    listed = json.loads((root / "data/index.json").read_text())["files"][0]["path"]
    (root / listed).write_text("{", encoding="utf-8")
    with pytest.raises(OpenDataError, match="无法读取"):
        read_records(root)


def test_an_index_pointing_outside_the_site_is_refused(site):
    _index, root = site
    index = json.loads((root / "data/index.json").read_text())
    index["files"][0]["path"] = "../../etc/passwd"
    (root / "data/index.json").write_text(json.dumps(index), encoding="utf-8")
    with pytest.raises(OpenDataError, match="不在网站目录内"):
        read_records(root)
