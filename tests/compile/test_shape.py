"""The site's shape key: the same for the same content however it was read, unchanged by a
body edit, changed by a front matter edit, another day and an attachment's size."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.cache.memo import results_cached
from generator.cache.store import CacheStore
from generator.compile.shape import bodies_key, shape_key
from generator.content.check import check_content
from tests.support.content_fixture import TODAY, write_content

DAY = dt.date.fromisoformat(TODAY)


def _read(content: Path, cache: Path | None = None):
    with results_cached(CacheStore(cache, "v1") if cache else None):
        return check_content(content, DAY).index


def test_content_read_fresh_and_read_back_from_the_cache_has_one_shape(tmp_path):
    content = write_content(tmp_path)
    fresh = _read(content)
    filled = _read(content, tmp_path / "cache")
    read_back = _read(content, tmp_path / "cache")
    assert shape_key(fresh, DAY) == shape_key(filled, DAY) == shape_key(read_back, DAY)
    assert bodies_key(fresh) == bodies_key(read_back)


def test_a_body_edit_keeps_the_shape_and_other_edits_change_it(tmp_path):
    content = write_content(tmp_path)
    before = _read(content)
    policy = content / "policies" / "policy-current.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    edited = _read(content)
    assert shape_key(edited, DAY) == shape_key(before, DAY)
    assert bodies_key(edited) != bodies_key(before)
    assert shape_key(edited, DAY + dt.timedelta(days=1)) != shape_key(edited, DAY)
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("title: ", "title: 修订后的", 1), encoding="utf-8")
    retitled = _read(content)
    assert shape_key(retitled, DAY) != shape_key(edited, DAY)
    (content / "attachments" / "policy.pdf").write_bytes(b"%PDF-1.4 larger now" * 100)
    assert shape_key(_read(content), DAY) != shape_key(retitled, DAY)


def test_a_new_commit_that_changes_no_content_file_keeps_the_shape(tmp_path):
    # Only the footer shows the commit id, and the rendered pages' key has the footer.
    from dataclasses import replace

    index = _read(write_content(tmp_path))
    moved = replace(index, git=replace(index.git, head="0123456789abcdef"))
    assert shape_key(moved, DAY) == shape_key(index, DAY)
    other = dict(index.git.commits) | {"policies/policy-current.md": []}
    assert shape_key(replace(index, git=replace(index.git, commits=other)), DAY) != shape_key(
        index, DAY
    )
