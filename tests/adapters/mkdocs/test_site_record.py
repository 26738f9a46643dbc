"""A page's file is trusted as its rendering only while nothing but the build touched it
(site_record.py; the whole build is in test_page_cache.py)."""

from __future__ import annotations

import os

from generator.adapters.mkdocs.site_record import SiteRecord
from generator.cache.store import CacheStore


def _recorded(tmp_path):
    store = CacheStore(tmp_path / "cache", "v1")
    site = tmp_path / "site"
    page = site / "policies" / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>甲</p>", encoding="utf-8")
    record = SiteRecord(store, site)
    record.note("policies/a.md", "key-1", True, page)
    record.save()
    return store, site, page


def test_an_untouched_file_is_trusted_and_touched(tmp_path):
    store, site, page = _recorded(tmp_path)
    before = page.stat().st_mtime_ns
    record = SiteRecord(store, site)
    written = record.unchanged("policies/a.md", "key-1", page)
    assert written is not None and written.searched
    assert page.stat().st_mtime_ns >= before
    record.save()  # noted again, with its new times: the next build trusts it as well
    assert SiteRecord(store, site).unchanged("policies/a.md", "key-1", page) is not None


def test_a_file_changed_behind_the_build_s_back_is_not_trusted(tmp_path):
    store, site, page = _recorded(tmp_path)
    status = page.stat()
    page.write_text("<p>乙</p>", encoding="utf-8")  # the same length
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))  # and the same time
    assert SiteRecord(store, site).unchanged("policies/a.md", "key-1", page) is None


def test_another_key_a_missing_file_or_another_folder_is_not_trusted(tmp_path):
    store, site, page = _recorded(tmp_path)
    assert SiteRecord(store, site).unchanged("policies/a.md", "key-2", page) is None
    assert SiteRecord(store, site).unchanged("policies/b.md", "key-1", page) is None
    assert (
        SiteRecord(store, tmp_path / "other-site").unchanged("policies/a.md", "key-1", page) is None
    )
    page.unlink()
    assert SiteRecord(store, site).unchanged("policies/a.md", "key-1", page) is None
