"""Pages handed to Pagefind during the build give the index Pagefind makes of the finished site."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.adapters.mkdocs.canonical import SIGNATURE, read_file
from generator.adapters.mkdocs.indexer import (
    BUNDLE_DIR,
    LANGUAGE,
    SearchIndexError,
    build_search_index,
)
from generator.adapters.mkdocs.search import SearchFeed
from generator.adapters.mkdocs.stream import SearchStream
from tests.support.builds import REPO, run_build
from tests.support.content_fixture import write_mkdocs_config

ARTICLE = '<h1>{title}</h1><p>{text}</p><span data-pagefind-filter="year">{year}</span>'


def _decode_bundle(bundle: Path) -> dict:
    """What a browser can learn from a bundle, with pages named by their fragment, not number."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    meta = read_file(bundle / f"pagefind.{entry['languages'][LANGUAGE]['hash']}.pf_meta")
    pages = [fragment for fragment, _words in meta[1]]
    words: dict[str, dict[str, list]] = {}
    for _first, _last, chunk in meta[2]:
        for word, postings, *_rest in read_file(bundle / "index" / f"{chunk}.pf_index")[0]:
            number = 0
            for delta, locations, *_ in postings:
                number += delta  # page numbers are stored as differences
                words.setdefault(word, {})[pages[number]] = locations
    filters = {}
    for name, file_hash in meta[3]:
        _name, values = read_file(bundle / "filter" / f"{file_hash}.pf_filter")
        filters[name] = {value: {pages[n] for n in numbers} for value, numbers in values}
    fragments = {p.name: p.read_bytes() for p in (bundle / "fragment").iterdir()}
    # Pages with the same date may come in either order; the dates must not.
    dates = {}
    for name, data in fragments.items():
        fragment = json.loads(gzip.decompress(data)[len(SIGNATURE) :])
        dates[name.removesuffix(".pf_fragment")] = fragment["meta"].get("date")
    sorts = {name: [dates[pages[n]] for n in order] for name, order in meta[4]}
    return {
        "pages": sorted(pages),
        "words": words,
        "filters": filters,
        "sorts": sorts,
        "meta_fields": meta[5],
        "fragments": fragments,
    }


def test_the_sample_build_streams_its_pages_and_the_index_is_pagefinds_own(tmp_path):
    built = tmp_path / "built"
    output = run_build([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(built)])
    assert "边构建边索引" in output
    site = tmp_path / "site"
    shutil.copytree(built, site)
    shutil.rmtree(site / BUNDLE_DIR)
    report = build_search_index(site)
    streamed = _decode_bundle(built / BUNDLE_DIR)
    whole_site = _decode_bundle(site / BUNDLE_DIR)
    searchable = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert report.pages == len(streamed["pages"]) == len(searchable) > 20
    assert streamed["fragments"] == whole_site["fragments"]  # byte for byte
    assert streamed["words"] == whole_site["words"]
    assert streamed["filters"] == whole_site["filters"]
    assert streamed["sorts"] == whole_site["sorts"]
    assert streamed["meta_fields"] == whole_site["meta_fields"]
    assert "专精" in streamed["words"]


def test_navigation_badges_and_page_furniture_stay_out_of_the_index(tmp_path):
    built = tmp_path / "built"
    run_build([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(built)])
    # Pagefind keeps the page text cut into words by zero-width spaces.
    texts = [
        json.loads(gzip.decompress(f.read_bytes())[len(SIGNATURE) :])["content"]
        .replace("\u200b", "")
        .replace(" ", "")
        for f in (built / BUNDLE_DIR / "fragment").iterdir()
    ]
    assert len(texts) > 20
    for text in texts:
        # Breadcrumbs, status badge, related links, "有疑问？" and the update history.
        for furniture in ("首页›", "相关内容", "有疑问？", "更新日期", "更新记录"):
            assert furniture not in text
    assert any("公示名单" in text for text in texts)  # the content itself stays


def _site_with_pages(root: Path, count: int) -> list[tuple[str, str]]:
    pages = []
    for n in range(count):
        url = f"/policies/p{n}/"
        article = ARTICLE.format(title=f"第{n}号文件", text="两化融合 专精特新", year=2020 + n)
        target = root / url.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f'<html lang="zh"><body><article data-pagefind-body>{article}</article></body></html>',
            "utf-8",
        )
        pages.append((url, article))
    return pages


def test_a_feed_missing_pages_falls_back_to_indexing_the_site(tmp_path):
    pages = _site_with_pages(tmp_path, 3)
    feed = SearchFeed.start(tmp_path, expected=3)
    for url, article in pages[:2]:  # a dirty build reads only the pages that changed
        feed.add(url.lstrip("/"), article)
    feed.finish(tmp_path)
    assert not feed.finished
    report = SearchFeed.complete(feed, tmp_path)
    assert report.pages == 3
    assert len(_decode_bundle(tmp_path / BUNDLE_DIR)["pages"]) == 3


def test_a_complete_feed_writes_the_bundle_itself(tmp_path):
    pages = _site_with_pages(tmp_path, 3)
    feed = SearchFeed.start(tmp_path, expected=3)
    for url, article in pages:
        feed.add(url.lstrip("/"), article)
    feed.finish(tmp_path)
    assert feed.finished
    report = SearchFeed.complete(feed, tmp_path)
    assert report.pages == 3
    decoded = _decode_bundle(tmp_path / BUNDLE_DIR)
    assert set(decoded["filters"]["year"]) == {"2020", "2021", "2022"}


@pytest.fixture
def stream():
    started = SearchStream.start()
    yield started
    started.close()


def test_pagefind_dying_mid_build_is_a_clear_error_not_a_hang(stream, tmp_path):
    stream.add_page("/policies/a/", "<h1>两化融合</h1>")
    stream._process.kill()
    stream.request_files()
    with pytest.raises(SearchIndexError, match="Pagefind 进程已退出"):
        stream.wait(timeout=30)


def test_a_page_pagefind_refuses_is_named_in_the_error(stream, tmp_path):
    # Neither a path nor a URL: Pagefind refuses the page.
    stream._request({"type": "AddFile", "index_id": 0, "file_contents": "<h1>无地址</h1>"})
    stream.add_page("/policies/a/", "<h1>两化融合</h1>")
    stream.request_files()
    with pytest.raises(SearchIndexError, match="未能加入"):
        stream.wait(timeout=30)


def test_search_off_builds_no_index_and_the_search_page_still_works_without_it(tmp_path):
    config = write_mkdocs_config(tmp_path, REPO / "content", search=False)
    site = tmp_path / "site"
    output = run_build(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    )
    assert "搜索索引" not in output
    assert not (site / BUNDLE_DIR).exists()
    search_page = (site / "search" / "index.html").read_text("utf-8")
    assert "搜索" in search_page and "noscript" in search_page


def test_the_plugin_imports_where_fcntl_does_not_exist():
    """fcntl is Unix-only: the stream imports it when it enlarges a pipe, not at import."""
    code = (
        "import sys; sys.modules['fcntl'] = None\n"
        "import generator.adapters.mkdocs.plugin, generator.adapters.mkdocs.stream as s\n"
        "r, w = __import__('os').pipe(); s._enlarge(w); print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_pages_go_to_their_shards_and_the_fallback_makes_the_same_shards(tmp_path):
    pages = _site_with_pages(tmp_path, 3)
    plan = {"policies/p0/": 0, "policies/p1/": 0, "policies/p2/": 1}
    feed = SearchFeed.start(tmp_path, expected=3, plan=plan)
    for url, article in pages:
        feed.add(url.lstrip("/"), article)
    feed.finish(tmp_path)
    assert SearchFeed.complete(feed, tmp_path).pages == 3
    streamed = [_decode_bundle(tmp_path / BUNDLE_DIR / d) for d in ("", "older-1/")]
    assert [len(b["pages"]) for b in streamed] == [2, 1]
    assert set(streamed[1]["filters"]["year"]) == {"2022"}
    assert not (tmp_path / BUNDLE_DIR / "older-1" / "pagefind.js").exists()
    feed = SearchFeed.start(tmp_path, expected=3, plan=plan)
    feed.add(pages[0][0].lstrip("/"), pages[0][1])  # a dirty build: the rest read from disk
    feed.finish(tmp_path)
    assert SearchFeed.complete(feed, tmp_path).pages == 3
    read_back = [_decode_bundle(tmp_path / BUNDLE_DIR / d) for d in ("", "older-1/")]
    for one, other in zip(streamed, read_back, strict=True):
        assert one["words"] == other["words"]
        assert one["filters"] == other["filters"]
