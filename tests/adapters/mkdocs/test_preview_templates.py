"""Compiled templates kept between preview builds: reused while a template's source is the
same, compiled again when it changed or the environment compiles differently."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from generator.adapters.mkdocs.preview_templates import TemplatesInMemory


def _render(cache: TemplatesInMemory, source: str, **options) -> str:
    env = Environment(loader=DictLoader({"main.html": source}), **options)
    env.bytecode_cache = cache.used_by(env)
    return env.get_template("main.html").render(name="甲")


def test_a_template_is_compiled_once_and_again_when_its_source_changes():
    cache = TemplatesInMemory()
    assert _render(cache, "你好，{{ name }}") == "你好，甲"
    kept = dict(cache._code)
    assert len(kept) == 1
    assert _render(cache, "你好，{{ name }}") == "你好，甲"  # a new environment, as in serve
    assert cache._code == kept
    assert _render(cache, "再见，{{ name }}") == "再见，甲"
    assert cache._code != kept


def test_another_syntax_drops_the_kept_templates():
    cache = TemplatesInMemory()
    assert _render(cache, "[[ name ]]{{ name }}") == "[[ name ]]甲"
    assert (
        _render(cache, "[[ name ]]{{ name }}", variable_start_string="[[", variable_end_string="]]")
        == "甲{{ name }}"
    )
