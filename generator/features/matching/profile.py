"""The enterprise profile a fund's rules are checked against, and reading one from a YAML file."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from generator.content.sources import Document, read_yaml_mapping
from generator.content.validation import validate
from generator.models.base import Strict
from generator.models.site import SiteConfig
from generator.problems import Problem, sort_problems

Text = Annotated[str, Field(min_length=1, max_length=200)]


def _number(value: Any) -> Any:
    # YAML reads yes/no as booleans, and pydantic would take True as 1.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError(
            "qq_number", "a number is expected, got {value!r}", {"value": value}
        )
    if value < 0:
        raise PydanticCustomError("greater_than_equal", "must be at least 0", {"ge": 0})
    return value


def _percent(value: int | float) -> int | float:
    if value > 100:
        raise PydanticCustomError("less_than_equal", "must be at most 100", {"le": 100})
    return value


Number = Annotated[int | float, BeforeValidator(_number)]
Percent = Annotated[int | float, BeforeValidator(_number), AfterValidator(_percent)]
Count = Annotated[int, BeforeValidator(_number)]


class Profile(Strict):
    """企业画像: what an enterprise says about itself; every field may be left out."""

    name: Text | None = Field(None, title="企业名称", description="可选，仅用于显示")
    registered_in: Text | None = Field(None, title="注册地", description="如 晋江市")
    industry: Text | None = Field(
        None, title="所属行业", description="site.yaml 中 industries 的代码，如 textile"
    )
    size: Literal["micro", "small", "medium", "large"] | None = Field(
        None, title="企业规模", description="micro 微型 / small 小型 / medium 中型 / large 大型"
    )
    annual_revenue: Number | None = Field(None, title="年营业收入", description="单位：元")
    employees: Count | None = Field(None, title="从业人数", description="人")
    rd_ratio: Percent | None = Field(
        None, title="研发投入占营收比例", description="百分数，如 3.5 表示 3.5%"
    )
    qualifications: list[Text] | None = Field(
        None,
        title="资质",
        description="所持资质，如 高新技术企业、专精特新；写 [] 表示没有任何资质",
    )
    years_established: Number | None = Field(None, title="成立年限", description="年")


def read_profile(
    path: Path, site: SiteConfig, rel: str | None = None
) -> tuple[Profile | None, list[Problem]]:
    """Read and validate a profile file; problems point at the line to fix."""
    rel = rel or str(path)
    doc, problems = read_yaml_mapping(path, rel)
    if doc is None:
        return None, problems
    profile, found = validate(Profile, doc)
    # A profile has no `extra:` section: name the keys it does have instead.
    found = [
        dataclasses.replace(p, code="profile_unknown_key") if p.code == "extra_forbidden" else p
        for p in found
    ]
    problems = sort_problems([*problems, *found, *_unknown_industry(site, doc)])
    if any(p.is_error for p in problems):
        return None, problems
    return profile, problems


def _unknown_industry(site: SiteConfig, doc: Document) -> list[Problem]:
    code = doc.data.get("industry")
    if not isinstance(code, str) or not code.strip() or code.strip() in site.industries:
        return []
    pos = doc.positions.locate(("industry",))
    return [
        Problem(
            doc.rel,
            pos.line,
            pos.column,
            "error",
            "unknown_industry",
            "industry",
            {"value": code},
        )
    ]
