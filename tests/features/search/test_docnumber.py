"""Doc-number and title normalization (Python side) against the shared table."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.features.search.docnumber import parse_doc_number, plain_text

TABLE = yaml.safe_load((Path(__file__).parent / "doc_numbers.yaml").read_text("utf-8"))


@pytest.mark.parametrize("row", TABLE, ids=[r["typed"] or "<empty>" for r in TABLE])
def test_typed_doc_number_reads_as_its_official_spelling(row):
    parsed = parse_doc_number(row["typed"])
    assert (parsed.canonical if parsed else None) == row["canonical"]


def test_every_spelling_of_one_doc_number_has_one_key_and_others_differ():
    keys: dict[str, set[str]] = {}
    for row in TABLE:
        parsed = parse_doc_number(row["typed"])
        if parsed is not None:
            keys.setdefault(row["canonical"], set()).add(parsed.key)
    assert all(len(found) == 1 for found in keys.values())
    distinct = [next(iter(found)) for found in keys.values()]
    assert len(set(distinct)) == len(distinct)


def test_key_is_one_ascii_word_and_not_a_prefix_of_a_longer_number():
    five = parse_doc_number("晋政规〔2025〕5号").key
    fifty = parse_doc_number("晋政规〔2025〕50号").key
    assert five.isascii() and five.isalnum()
    assert not fifty.startswith(five)


def test_issuer_and_year_key_is_a_prefix_of_every_number_that_year():
    year = parse_doc_number("晋政规〔2025〕").key
    assert parse_doc_number("晋政规〔2025〕5号").key.startswith(year)
    assert not parse_doc_number("晋政规〔2024〕5号").key.startswith(year)
    assert not parse_doc_number("晋政办〔2025〕5号").key.startswith(year)


def test_forms_include_the_loose_spellings_a_reader_sees():
    forms = parse_doc_number("晋政规[2025]5号").forms()
    assert "晋政规〔2025〕5号" in forms
    assert "晋政规2025 5" in forms


@pytest.mark.parametrize(
    ("title", "plain"),
    [
        ("关于构建“亲”“清”新型政商关系的意见", "关于构建亲清新型政商关系的意见"),
        (
            "关于印发《福建省优质中小企业梯度培育管理实施细则》的通知",
            "关于印发福建省优质中小企业梯度培育管理实施细则的通知",
        ),
        ("中共中央  国务院关于……的意见", "中共中央 国务院关于的意见"),
        ("２０２６年度　补助", "2026年度 补助"),
    ],
)
def test_plain_text_drops_punctuation_and_keeps_words_apart(title, plain):
    assert plain_text(title) == plain
