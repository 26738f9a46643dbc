"""site.yaml's "code → name" mappings: the short form the spec shows, and the full mapping."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.models.schema_export import schemas
from generator.models.site import SiteConfig

BASE = {"title": "测试局", "base_url": "https://test.example.gov.cn/"}


def site(**changes) -> SiteConfig:
    return SiteConfig.model_validate({**BASE, "departments": {"jjgxj": "工信局"}, **changes})


def test_short_and_full_forms_mean_the_same():
    short = site(industries={"textile": "纺织服装"}, topics={"digital": "数字化转型"})
    full = site(
        industries={"textile": {"name": "纺织服装"}}, topics={"digital": {"name": "数字化转型"}}
    )
    assert short == full
    assert short.industries["textile"].name == "纺织服装"
    assert short.departments["jjgxj"].name == "工信局"


def test_full_form_keeps_its_other_keys():
    config = site(
        industries={"chem": {"name": "化工", "description": "含新材料"}},
        departments={"jjgxj": {"name": "工信局", "phone": "0595-1", "short_name": "工信"}},
        petitions={
            "categories": {"consult": "咨询", "report": {"name": "举报", "anonymous": True}}
        },
    )
    assert config.industries["chem"].description == "含新材料"
    assert config.departments["jjgxj"].short_name == "工信"
    categories = config.petitions.categories
    assert categories["consult"].name == "咨询" and not categories["consult"].anonymous
    assert categories["report"].anonymous


@pytest.mark.parametrize("entry", ["Taxon", "Department", "PetitionCategory"])
def test_schema_describes_both_forms(entry):
    definition = schemas()["site.schema.json"]["$defs"][entry]
    forms = definition["anyOf"]
    assert forms[0]["type"] == "string"
    assert forms[1]["type"] == "object" and "name" in forms[1]["required"]


def test_an_impossible_time_zone_is_a_problem_not_a_crash():
    # A name too long for a file name made zoneinfo raise OSError.
    for zone in ("Asia/Shanghia", "a" * 400):
        with pytest.raises(ValidationError) as caught:
            site(timezone=zone)
        assert caught.value.errors()[0]["type"] == "qq_timezone"


def test_an_entry_neither_name_nor_mapping_says_which_forms_fit():
    with pytest.raises(ValidationError) as caught:
        site(industries={"textile": ["纺织服装"]})
    (error,) = caught.value.errors()
    assert (error["type"], error["loc"]) == ("qq_named_form", ("industries", "textile"))
    assert site(industries={"c13": 13}).industries["c13"].name == "13"
