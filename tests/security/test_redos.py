"""The Markdown helpers that read editor text run in linear time, and agree with the patterns they replace."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from generator.content.attribute_lists import find_attribute_lists
from generator.content.links import extract_links
from generator.features.feeds.entries import plain_excerpt
from generator.features.search.markup import first_sentence, without_markdown_noise
from generator.markup.brackets import guard_brackets
from generator.markup.inert import inert_markdown
from generator.markup.sanitize import refused_scheme
from generator.markup.scan import code_spans
from generator.models.fields import WebUrl

SIZE = 100_000
CPU_LIMIT = 1.0  # seconds of CPU for one call on 100,000 hostile characters

HOSTILE = {
    "backticks": "`" * SIZE,
    "backtick_pairs": "`` `" * (SIZE // 4),
    "brackets": "[" * SIZE,
    "image_brackets": "![" * (SIZE // 2),
    "open_links": "[a](" * (SIZE // 4),
    "nested_links": "[" * (SIZE // 2) + "]" * (SIZE // 2),
    "link_targets": "[a](b](" * (SIZE // 7),
    "angles": "<" * SIZE,
    "autolinks": "<http://" * (SIZE // 8),
    "braces": "{" * SIZE,
    "attr_after_links": "[a](b){" * (SIZE // 7),
    "closers_and_braces": "){" * (SIZE // 2) + "}",
    "mix": "`[<{!(" * (SIZE // 6),
    "code_and_links": "`[x](" * (SIZE // 5),
    "href_attrs": 'href="' * (SIZE // 6),
    "heading": "## a" + " {x" * (SIZE // 3) + "}",
    "spaces_then_x": "晋政规2025" + " " * SIZE + "x",
}

_url = TypeAdapter(WebUrl)


def _web_url(text: str) -> None:
    with contextlib.suppress(ValidationError):
        _url.validate_python("https://" + text)


HELPERS: dict[str, Callable[[str], object]] = {
    "inert_markdown": inert_markdown,
    "extract_links": extract_links,
    "code_spans": code_spans,
    "first_sentence": first_sentence,
    "plain_excerpt": plain_excerpt,
    "without_markdown_noise": without_markdown_noise,
    "find_attribute_lists": find_attribute_lists,
    "guard_brackets": guard_brackets,
    "refused_scheme": refused_scheme,
    "web_url": _web_url,
}


@pytest.mark.parametrize("helper", sorted(HELPERS))
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_takes_under_a_second_of_cpu(helper: str, name: str):
    text = HOSTILE[name]
    started = time.process_time()
    HELPERS[helper](text)
    assert time.process_time() - started < CPU_LIMIT


# -- the same results as the patterns they replace ----------------------------------------------

_OLD_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_OLD_NOISE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|[*_`~]|\{[^}]*\}")
_OLD_INLINE = re.compile(
    r"\[(?:[^\[\]\\]|\\.|\[[^\]]*\])*\]\(\s*(?P<target><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
)
_OLD_AUTOLINK = re.compile(r"<(?P<target>(?:https?|ftp)://[^>\s]+)>")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="`a b*", max_size=30).filter(lambda t: "``" not in t))
def test_code_spans_match_the_old_pattern_on_single_backticks(text):
    assert code_spans(text) == [m.span() for m in _OLD_CODE_SPAN.finditer(text)]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="![]()<>{}*_~`a 。", max_size=30))
def test_markdown_noise_matches_the_old_pattern(text):
    assert without_markdown_noise(text) == _OLD_NOISE.sub(lambda m: m.group(1) or "", text)


_WORD = st.text(alphabet="ab甲 ", min_size=1, max_size=5)
_TARGET = st.text(alphabet="abc/.#:-甲", min_size=1, max_size=8)
_PIECE = st.one_of(
    _WORD,
    st.builds("[{}]({})".format, _WORD, _TARGET),
    st.builds("![{}]({})".format, _WORD, _TARGET),
    st.builds('[{}]({} "{}")'.format, _WORD, _TARGET, _WORD),
    st.builds("[{}](<{}>)".format, _WORD, _TARGET),
    st.builds("<https://{}>".format, _TARGET),
    st.builds("`{}`".format, _WORD),
)


def _old_targets(line: str) -> list[tuple[int, str]]:
    line = _OLD_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    found = []
    for pattern in (_OLD_INLINE, _OLD_AUTOLINK):
        for match in pattern.finditer(line):
            target, start = match.group("target"), match.start("target")
            if target.startswith("<") and target.endswith(">"):
                target, start = target[1:-1], start + 1
            if target:
                found.append((start + 1, target))
    return sorted(set(found))


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECE, max_size=8).map("".join))
def test_link_targets_match_the_old_patterns_on_ordinary_lines(line):
    assert [(link.column, link.target) for link in extract_links(line)] == _old_targets(line)


def _old_inert(text: str) -> str:
    autolink = re.compile(r"<(?:https?://|mailto:)[^\s<>]+>")
    tag_start = re.compile(r"<(?=[A-Za-z/!?])")

    def escape(part: str) -> str:
        kept, last = [], 0
        for link in autolink.finditer(part):
            kept += [tag_start.sub("&lt;", part[last : link.start()]), link.group(0)]
            last = link.end()
        return "".join([*kept, tag_start.sub("&lt;", part[last:])])

    pieces, last = [], 0
    for span in _OLD_CODE_SPAN.finditer(text):
        pieces += [escape(text[last : span.start()]), span.group(0)]
        last = span.end()
    return "".join([*pieces, escape(text[last:])])


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="`<a/b >", max_size=30).filter(lambda t: "``" not in t))
def test_inert_markdown_matches_the_old_pattern(text):
    assert inert_markdown(text) == _old_inert(text)
