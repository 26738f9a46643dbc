"""The profile model and reading it from YAML with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.features.matching.profile import Profile, read_profile


def read(tmp_path: Path, index, text: str):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return read_profile(path, index.site, rel="p.yaml")


def test_every_field_is_optional_and_numbers_keep_their_type():
    assert Profile() == Profile.model_validate({})
    profile = Profile.model_validate({"annual_revenue": 20000000, "rd_ratio": 3.5})
    assert profile.annual_revenue == 20000000 and isinstance(profile.annual_revenue, int)
    assert profile.rd_ratio == 3.5


@pytest.mark.parametrize(
    "data",
    [
        {"size": "huge"},
        {"employees": 3.5},
        {"employees": True},
        {"annual_revenue": -1},
        {"annual_revenue": "很多"},
        {"rd_ratio": 101},
        {"qualifications": "专精特新"},
        {"qualifications": [""]},
        {"registered_in": ""},
        {"unknown_key": 1},
    ],
)
def test_wrong_values_are_refused(data):
    with pytest.raises(ValidationError):
        Profile.model_validate(data)


def test_a_valid_file_reads_into_a_profile(tmp_path, index):
    profile, problems = read(
        tmp_path, index, "registered_in: 晋江市\nindustry: textile\nqualifications: []\n"
    )
    assert problems == []
    assert profile == Profile(registered_in="晋江市", industry="textile", qualifications=[])


def test_problems_point_at_lines_sorted(tmp_path, index):
    profile, problems = read(
        tmp_path, index, "industry: steel\nsize: small\nemployees: many\nsize: large\n"
    )
    assert profile is None
    assert [(p.line, p.code) for p in problems] == [
        (1, "unknown_industry"),
        (3, "qq_number"),
        (4, "duplicate_key"),
    ]
    assert "steel" in problems[0].message("zh")


@pytest.mark.parametrize("text", ["- a\n- b\n", "", "a: [\n"])
def test_a_file_that_is_not_a_mapping_is_one_problem(tmp_path, index, text):
    profile, problems = read(tmp_path, index, text)
    assert profile is None and problems and problems[0].path == "p.yaml"


def test_an_unknown_key_names_the_keys_a_profile_takes(tmp_path, index):
    profile, problems = read(tmp_path, index, "size: small\nrevenue: 100\n")
    assert profile is None
    (problem,) = problems
    assert (problem.line, problem.key, problem.code) == (2, "revenue", "profile_unknown_key")
    assert "annual_revenue" in problem.message() and "extra" not in problem.message()
