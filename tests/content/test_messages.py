"""Editor messages: Chinese without English prose, the editor's value quoted, and a guess at the typo."""

from __future__ import annotations

import datetime as dt
import re
from typing import get_args

import pytest
from conftest import TODAY, item_with
from pydantic import BaseModel, ValidationError

from generator.content.loader import load_content
from generator.messages import CATALOGUE, SAME_MESSAGE, render_message
from generator.models.items import COLLECTIONS
from generator.models.site import SiteConfig
from generator.suggestions import edit_distance, nearest

FUND = "funds/digital-fund.md"
PROSE = {"or", "and", "is", "got", "expected", "should", "be", "the", "of", "not", "must"}


def test_no_english_prose_inside_chinese_messages():
    for code, (zh, _) in CATALOGUE.items():
        words = set(re.findall(r"[A-Za-z]+", re.sub(r"\{[^}]*\}", "", zh)))
        assert not words & PROSE, (code, zh)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_message_renders_in_both_languages(code):
    params = {
        "value": "x",
        "field": "title",
        "choices": {"a": "甲"},
        "keys": ["title"],
        "name": "onclick",
        "scheme": "javascript",
        "char": "=",
    }
    zh, en = render_message(code, params, "zh"), render_message(code, params, "en")
    # No parameter left unfilled ({amount, basis} and {#id .class} are examples, not slots).
    assert zh and en and not re.search(r"\{[a-z_]+\}", zh), zh
    assert not re.search(r"[\u4e00-\u9fff]", en.replace("晋经信〔2017〕88号", "")), en


def test_literal_choices_read_as_chinese(site_tree):
    fund = item_with(FUND, delivery={"mode": "aply"})
    problems = load_content(site_tree({FUND: fund}), today=TODAY).problems
    (problem,) = [p for p in problems if p.key == "delivery.mode"]
    assert problem.message() == (
        "应为 apply（申报兑现）、fast（快申快享）或 automatic（免申即享）之一，"
        "实际为“aply”，您是不是要写 apply？"
    )
    assert "did you mean apply?" in problem.message("en")


def test_unknown_key_suggests_the_key_meant(site_tree):
    rule = {"field": "registerd_in", "op": "in", "value": ["晋江市"]}
    fund = item_with(FUND, eligibility=[{"text": "在晋江注册", "rule": rule}], tilte="x")
    problems = load_content(site_tree({FUND: fund}), today=TODAY).problems
    messages = {p.key: p.message() for p in problems}
    assert messages["tilte"].startswith("未知字段 tilte，您是不是要写 title？")
    assert "您是不是要写 registered_in？" in messages["eligibility[0].rule.field"]
    assert "registered_in（注册地）" in messages["eligibility[0].rule.field"]


def test_unknown_code_suggests_and_lists_the_valid_ones(site_tree):
    fund = item_with(FUND, industries=["textil", "zzz"], department="jjgx")
    problems = load_content(site_tree({FUND: fund}), today=TODAY).problems
    messages = {p.key: p.message() for p in problems}
    assert messages["industries[0]"] == (
        "行业代码“textil”未在 site.yaml 的 industries 中定义，您是不是要写 textile？"
        "可用的代码：textile（纺织服装）"
    )
    assert messages["industries[1]"].endswith("定义。可用的代码：textile（纺织服装）")
    assert "您是不是要写 jjgxj？" in messages["department"]
    assert "jjgxj（晋江市工业和信息化局）" in messages["department"]


def test_missing_key_names_its_chinese_title(site_tree):
    problems = load_content(site_tree({FUND: item_with(FUND, funding=...)}), today=TODAY).problems
    (problem,) = [p for p in problems if p.code == "missing"]
    assert problem.message() == "缺少必填字段 funding（资助标准）：请补上一行 funding: …"


def test_lists_and_mappings_are_named_not_printed(site_tree):
    fund = item_with(FUND, title=["a"], summary={"a": 1})
    problems = load_content(site_tree({FUND: fund}), today=TODAY).problems
    messages = {p.key: p.message() for p in problems}
    assert messages["title"] == "应为文字，实际为一个列表"
    assert messages["summary"] == "应为文字，实际为一组“键: 值”"


def test_nearest_is_one_or_two_edits_away():
    assert nearest("registerd_in", ["registered_in", "industry"]) == "registered_in"
    assert nearest("sizee", ["size"]) == "size"
    assert nearest("lage", ["large"]) == "large"
    assert nearest("abc", ["xyz"]) is None
    assert nearest("medum", ["micro", "medium"]) == "medium"
    assert edit_distance("ab", "ba", 2) == 1  # a swap of neighbours is one edit
    assert edit_distance("abcdef", "uvwxyz", 2) == 3  # gives up past the limit


def _models(model, found: set) -> set:
    if model not in found:
        found.add(model)
        kinds = [info.annotation for info in model.model_fields.values()]
        while kinds:
            kind = kinds.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                _models(kind, found)
            else:
                kinds.extend(a for a in get_args(kind) if not isinstance(a, str | int))
    return found


BAD_VALUES = [[], {}, "x", "", 1.5, -1, True, None, "2025-13-01", 10**30, float("inf"), "a" * 400]
BAD_VALUES += [dt.datetime(2025, 1, 1, 8), [1], [{}], {"x": 1}, "http//x", "ftp://x"]


def test_every_error_a_field_can_raise_has_a_chinese_message():
    models = set()
    for root in (SiteConfig, *COLLECTIONS.values()):
        _models(root, models)
    codes = set()
    for model in models:
        for name in model.model_fields:
            for value in BAD_VALUES:
                try:
                    model.model_validate({name: value})
                except ValidationError as exc:
                    codes |= {error["type"] for error in exc.errors()}
    assert len(codes) > 30
    assert codes <= set(CATALOGUE) | set(SAME_MESSAGE), codes - set(CATALOGUE) - set(SAME_MESSAGE)
