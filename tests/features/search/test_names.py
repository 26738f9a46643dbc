"""Enterprise name cores and the exact name and credit-code keys (the Python side)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.features.search.names import code_key, fnv1a64, name_core, name_key

TABLE = yaml.safe_load((Path(__file__).parent / "names.yaml").read_text("utf-8"))


@pytest.mark.parametrize("row", TABLE, ids=[row["typed"] for row in TABLE])
def test_name_core_strips_place_prefixes_and_company_tails(row):
    assert name_core(row["typed"]) == row["core"]


def test_full_name_and_distinctive_part_give_one_key():
    assert (
        name_key("晋江市鸿峰鞋业有限公司") == name_key("鸿峰鞋业") == name_key("鸿峰鞋业有限公司")
    )
    assert name_key("晋江市鸿峰鞋业有限公司") != name_key("晋江市荣泰鞋业有限公司")


def test_keys_are_one_ascii_word_of_fixed_length():
    keys = [name_key("鸿峰鞋业"), name_key("晋江市合成12号3鞋业有限公司")]
    assert all(k.startswith("qy") and len(k) == 12 and k.isascii() and k.isalnum() for k in keys)


def test_fnv1a64_matches_the_published_test_vectors():
    # FNV-1a 64-bit reference values (Fowler/Noll/Vo test suite).
    assert fnv1a64("") == "cbf29ce484222325"
    assert fnv1a64("a") == "af63dc4c8601ec8c"
    assert fnv1a64("foobar") == "85944171f73967e8"


def test_a_name_too_short_after_folding_has_no_key():
    assert name_key("鸿") is None
    assert name_key("（）") is None


def test_credit_code_is_searched_folded_and_only_when_it_has_18_characters():
    folded = "91350582fe1km2u9a0"
    assert code_key("91350582FE1KM2U9A0") == code_key(folded) == folded
    assert code_key(" 9135 0582 FE1K M2U9 A0 ") == folded
    assert code_key("91350582FE1KM2U9A") is None
    assert code_key("鸿峰鞋业") is None
