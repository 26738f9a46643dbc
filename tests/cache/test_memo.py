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


def test_a_stream_is_read_back_value_by_value_and_a_lost_entry_is_made_again(tmp_path):
    from generator.cache.memo import remembered_stream

    made: list[int] = []

    def make():
        for number in range(4):
            made.append(number)
            yield f"文件{number}"

    store = CacheStore(tmp_path, "v1")
    expected = [f"文件{n}" for n in range(4)]
    with results_cached(store):
        assert list(remembered_stream("test", "k", make)) == expected
        assert list(remembered_stream("test", "k", make)) == expected
    assert made == [0, 1, 2, 3]  # the second time, read back
    entries = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    for entry in entries:  # one lost value (not the count): the rest is made again
        if "文件2".encode() in entry.read_bytes():
            entry.unlink()
    with results_cached(store):
        assert list(remembered_stream("test", "k", make)) == expected
    assert made[4:] == [0, 1, 2, 3]
    with results_cached(store):  # whole again
        assert list(remembered_stream("test", "k", make)) == expected
    assert len(made) == 8
