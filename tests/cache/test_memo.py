"""Remembered functions: the cached result while a cache is active, the function otherwise."""

from __future__ import annotations

from generator.cache.memo import remembered, results_cached
from generator.cache.store import CacheStore

calls: list[str] = []


@remembered("test")
def shout(text: str, mark: str = "！") -> str:
    calls.append(text)
    return text.upper() + mark


def test_without_a_cache_the_function_runs_every_time():
    calls.clear()
    assert shout("ab") == shout("ab") == "AB！"
    assert calls == ["ab", "ab"]


def test_with_a_cache_a_result_is_made_once_per_arguments(tmp_path):
    calls.clear()
    with results_cached(CacheStore(tmp_path, "v1")):
        assert shout("ab") == "AB！"
        assert shout("ab") == "AB！"
        assert shout("ab", mark="?") == "AB?"
    with results_cached(CacheStore(tmp_path, "v1")):  # a later build
        assert shout("ab") == "AB！"
    assert calls == ["ab", "ab"]


def test_the_editor_conversion_reads_back_equal(tmp_path):
    from generator.markup.editor import render_editor_markdown

    text = "## 第一条 {#first}\n\n支持企业<script>x</script>数字化转型。"
    plain = render_editor_markdown(text)
    store = CacheStore(tmp_path, "v1")
    with results_cached(store):
        render_editor_markdown(text)
        again = render_editor_markdown(text)
    assert again == plain and store.hits == 1


def test_a_value_is_made_once_per_key_and_always_without_a_cache(tmp_path):
    from generator.cache.memo import remembered_value

    made: list[str] = []

    def make() -> str:
        made.append("made")
        return "页面"

    assert remembered_value("test", "k", make) == "页面"  # no cache: made
    with results_cached(CacheStore(tmp_path, "v1")):
        assert remembered_value("test", "k", make) == "页面"
    with results_cached(CacheStore(tmp_path, "v1")):  # a later build
        assert remembered_value("test", "k", make) == "页面"
        assert remembered_value("test", "other", make) == "页面"
    with results_cached(CacheStore(tmp_path, "v2")):  # another code version
        assert remembered_value("test", "k", make) == "页面"
    assert made == ["made"] * 4
