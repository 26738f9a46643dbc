"""The front matter of a policy (政策文件), and nothing more."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from generator.models.base import Strict
from generator.models.fields import Date, ItemId, NumberText
from generator.models.front_matter import ItemBase, Text


class Repealed(Strict):
    """废止."""

    date: Date = Field(..., title="废止日期", description="废止生效的日期")
    by: ItemId | None = Field(None, title="替代文件", description="取代本文件的政策 id（可选）")


Level = Literal["national", "provincial", "municipal", "local"]
LEVEL_LABELS = {"national": "国家级", "provincial": "省级", "municipal": "市级", "local": "本级"}

DOC_NUMBER_RE = re.compile(r"^\S+〔(?:19|20)\d{2}〕\d+号$")


class Policy(ItemBase):
    """政策文件."""

    doc_number: NumberText | None = Field(
        None,
        title="文号",
        description="如 晋经信〔2017〕88号：发文机关代字、〔年份〕、序号、号；没有文号可不填",
    )
    index_number: NumberText | None = Field(None, title="索引号", description="政府信息公开索引号")
    registration_number: NumberText | None = Field(
        None, title="规范性文件登记号", description="如 HHCR-2023-01005"
    )
    issuer: Text = Field(..., title="发文机关", description="可以是上级机关，如 中共中央 国务院")
    level: Level = Field(
        ...,
        title="层级",
        description="national 国家级 / provincial 省级 / municipal 市级（泉州）/ local 本级（晋江）",
    )
    signed: Date = Field(..., title="成文日期", description="不得晚于发布日期")
    effective: Date | None = Field(None, title="施行日期", description="不填时自发布日期起施行")
    expires: Date | None = Field(None, title="有效期至", description="有效期的最后一天")
    repealed: Repealed | None = Field(None, title="废止", description="废止日期及替代文件")
    amends: list[ItemId] = Field(
        default_factory=list, title="修订", description="本文件修订的政策 id"
    )
    interpretation: str | None = Field(
        None, title="政策解读", description="Markdown 文本，显示在“政策解读”标题下"
    )

    @field_validator("doc_number")
    @classmethod
    def _doc_number_shape(cls, value: str | None) -> str | None:
        if value is not None and not DOC_NUMBER_RE.match(value):
            raise PydanticCustomError(
                "qq_doc_number",
                "doc number should look like 晋经信〔2017〕88号: {value}",
                {"value": value},
            )
        return value

    @field_validator("signed")
    @classmethod
    def _signed_not_after_published(cls, value, info):
        published = info.data.get("published")
        if published is not None and value > published:
            raise PydanticCustomError("qq_signed_after_published", "signed is after published")
        return value

    @field_validator("expires")
    @classmethod
    def _expires_after_effective(cls, value, info):
        start = info.data.get("effective") or info.data.get("published")
        if value is not None and start is not None and value < start:
            raise PydanticCustomError("qq_expires_before_effective", "expires is before effective")
        return value
