"""Field types: text that editors write as a bare number, and unions picked by the value's shape."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.content.yamldoc import parse_yaml
from generator.models.fields import NumberText, by_shape, shape_of

TEXT = TypeAdapter(NumberText)


def yaml_value(text: str):
    data, _, problems = parse_yaml(f"v: {text}", "x.yaml")
    assert problems == []
    return data["v"]


@pytest.mark.parametrize(
    "written",
    ["913505821684585277", "13800000000", "12345", "02161234567", "059585600000", "0", "-5"],
)
def test_bare_numbers_keep_their_digits(written):
    assert TEXT.validate_python(yaml_value(written)) == written


@pytest.mark.parametrize(
    "written,code",
    [
        ("1.50", "qq_text_from_float"),
        ("1.0e+5", "qq_text_from_float"),
        ("yes", "qq_text_from_bool"),
        ("off", "qq_text_from_bool"),
        ("2025-01-01", "qq_text_from_date"),
    ],
)
def test_values_whose_writing_is_lost_ask_for_quotes(written, code):
    with pytest.raises(ValidationError) as caught:
        TEXT.validate_python(yaml_value(written))
    assert caught.value.errors()[0]["type"] == code


def test_text_stays_text():
    assert TEXT.validate_python("晋政规〔2025〕5号") == "晋政规〔2025〕5号"
    assert TEXT.validate_python(yaml_value("8:30")) == "8:30"  # not 510 (base 60)


def test_shape_picks_one_union_member():
    adapter = TypeAdapter(by_shape("qq_form", list=list[int], scalar=str))
    assert adapter.validate_python([1, 2]) == [1, 2]
    assert adapter.validate_python("a.csv") == "a.csv"
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(["x"])
    assert [e["type"] for e in caught.value.errors()] == ["int_parsing"]  # no str member error
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python({"a": 1})
    assert [e["type"] for e in caught.value.errors()] == ["qq_form"]


def test_shape_of():
    assert [shape_of(v) for v in ({}, [], "a", 1, None, dt.date(2025, 1, 1))] == [
        "as-mapping",
        "as-list",
        "as-scalar",
        "as-scalar",
        "as-scalar",
        "as-scalar",
    ]


def _schema_types(schema) -> set[str]:
    found = set()
    if isinstance(schema, dict):
        found.add(schema.get("type"))
        for key, value in schema.items():
            if key != "serialization":  # how values are written out, never validated
                found |= _schema_types(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _schema_types(value)
    return found


def test_every_union_in_the_models_is_picked_by_shape():
    # A plain union reports every member's errors; an editor must see only their form's.
    from generator.models.items import COLLECTIONS
    from generator.models.site import SiteConfig

    for model in (SiteConfig, *COLLECTIONS.values()):
        assert "union" not in _schema_types(model.__pydantic_core_schema__), model.__name__
