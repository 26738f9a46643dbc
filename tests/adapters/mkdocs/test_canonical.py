"""The Pagefind bundle is the same byte for byte on every run, and says what Pagefind said."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.adapters.mkdocs.canonical import (
    SIGNATURE,
    BundleFormatError,
    canonicalize_bundle,
    read_file,
)
from generator.adapters.mkdocs.indexer import BUNDLE_DIR, LANGUAGE, build_search_index, executable

PAGE = '<!doctype html><html lang="zh"><head><meta charset="utf-8"></head><body>{}</body></html>'
# Enough distinct values that a random order almost never repeats across runs.
STATUSES = ["现行有效", "已废止", "申报中", "已截止", "公示中", "即将开始", "已撤回", "尚未施行"]
YEARS = [str(y) for y in range(2015, 2027)]


def _write_site(root: Path) -> None:
    for n in range(40):
        status, year = STATUSES[n % len(STATUSES)], YEARS[n % len(YEARS)]
        body = (
            f"<article data-pagefind-body><h1>第{n}号文件 两化融合</h1><p>专精特新 {n}</p>"
            f'<span data-pagefind-filter="status">{status}</span>'
            f'<span data-pagefind-filter="year">{year}</span>'
            f'<span data-pagefind-filter="dept">部门{n % 3}</span></article>'
        )
        target = root / f"policies/p{n}/index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PAGE.format(body), "utf-8")


def _bundle_files(bundle: Path) -> dict[str, bytes]:
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


def _raw_pagefind(site: Path) -> Path:
    """Pagefind's own output, not rewritten."""
    subprocess.run(
        [str(executable()), "--site", str(site), "--output-subdir", BUNDLE_DIR,
         "--force-language", LANGUAGE],
        capture_output=True, check=True,
    )  # fmt: skip
    return site / BUNDLE_DIR


def _filters(bundle: Path) -> dict[str, dict[str, set[int]]]:
    """Filter name -> value -> pages, as the browser reads them (through the metadata)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    meta = read_file(bundle / f"pagefind.{entry['languages'][LANGUAGE]['hash']}.pf_meta")
    out = {}
    for name, file_hash in meta[3]:
        stored_name, values = read_file(bundle / "filter" / f"{file_hash}.pf_filter")
        assert stored_name == name
        out[name] = {value: set(pages) for value, pages in values}
    return out


def test_two_runs_give_identical_bundles(tmp_path):
    bundles = []
    for run in ("a", "b", "c"):
        site = tmp_path / run
        _write_site(site)
        build_search_index(site)
        bundles.append(_bundle_files(site / BUNDLE_DIR))
    assert bundles[0] == bundles[1] == bundles[2]
    assert any(name.startswith("filter/") for name in bundles[0])


def test_rewritten_bundle_carries_the_same_filters_and_pages(tmp_path):
    site = tmp_path / "site"
    _write_site(site)
    raw = _raw_pagefind(site)
    before = _filters(raw)
    untouched = {
        k: v for k, v in _bundle_files(raw).items() if k.startswith(("fragment/", "index/"))
    }
    canonicalize_bundle(raw)
    after = _filters(raw)
    assert after == before
    assert set(after) == {"status", "year", "dept"}
    assert {value: len(pages) for value, pages in after["status"].items()} == {
        status: 5 for status in STATUSES
    }
    # Fragments and word indexes are left alone.
    assert {
        k: v for k, v in _bundle_files(raw).items() if k.startswith(("fragment/", "index/"))
    } == untouched


def test_files_are_sorted_and_named_by_their_content(tmp_path):
    site = tmp_path / "site"
    _write_site(site)
    build_search_index(site)
    bundle = site / BUNDLE_DIR
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    meta_hash = entry["languages"][LANGUAGE]["hash"]
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    assert [p.name for p in bundle.glob("*.pf_meta")] == [meta_path.name]
    meta = read_file(meta_path)
    names = [name for name, _ in meta[3]]
    assert names == sorted(names)
    listed = {f"{file_hash}.pf_filter" for _, file_hash in meta[3]}
    assert {p.name for p in (bundle / "filter").iterdir()} == listed
    for _name, file_hash in meta[3]:
        path = bundle / "filter" / f"{file_hash}.pf_filter"
        _, values = read_file(path)
        assert [v for v, _ in values] == sorted(v for v, _ in values)
        body = _body(path)
        assert file_hash == f"{LANGUAGE}_{hashlib.sha1(body).hexdigest()}"[: len(file_hash)]


def _body(path: Path) -> bytes:
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(SIGNATURE)
    return raw[len(SIGNATURE) :]


def test_a_bundle_in_an_unknown_format_is_left_alone_with_an_error(tmp_path):
    site = tmp_path / "site"
    _write_site(site)
    bundle = _raw_pagefind(site)
    meta = next(bundle.glob("*.pf_meta"))
    copy = tmp_path / "copy"
    shutil.copytree(bundle, copy)
    # A CBOR map where Pagefind writes arrays: a format this module does not know.
    (copy / meta.name).write_bytes(gzip.compress(SIGNATURE + b"\xa0", mtime=0))
    with pytest.raises(BundleFormatError, match="unsupported CBOR"):
        canonicalize_bundle(copy)
    assert (copy / meta.name).is_file()
