"""Pagefind over a directory of pages: only pages marked data-pagefind-body are indexed."""

from __future__ import annotations

import json

import pytest

from generator.adapters.mkdocs.indexer import SearchIndexError, build_search_index

PAGE = '<!doctype html><html lang="zh"><head><meta charset="utf-8"></head><body>{}</body></html>'


def write(root, path, body):
    target = root / path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PAGE.format(body), "utf-8")


def test_indexes_marked_pages_and_writes_the_bundle(tmp_path):
    write(tmp_path, "policies/a", "<article data-pagefind-body><h1>两化融合</h1></article>")
    write(tmp_path, "funds/b", "<article data-pagefind-body><h1>专精特新</h1></article>")
    write(tmp_path, "", "<main><h1>首页</h1></main>")
    report = build_search_index(tmp_path)
    assert report.pages == 2
    bundle = tmp_path / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["zh"]
    assert report.bundle_bytes == sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())


def test_missing_site_directory_is_a_clear_chinese_error(tmp_path):
    with pytest.raises(SearchIndexError, match="站点目录不存在"):
        build_search_index(tmp_path / "nope")
