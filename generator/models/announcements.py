"""The front matter of an announcement (结果公示): publicity, objections and recipients, and nothing more."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from generator.models.base import Strict
from generator.models.fields import Amount, Date, ItemId, NumberText, by_shape
from generator.models.front_matter import ItemBase, Text


class Publicity(Strict):
    """公示期."""

    start: Date = Field(..., title="开始日期", description="公示开始日期")
    end: Date = Field(..., title="结束日期", description="公示结束日期（含当天）")

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value, info):
        start = info.data.get("start")
        if start is not None and value < start:
            raise PydanticCustomError("qq_publicity_order", "end is before start")
        return value


class Objections(Strict):
    """异议受理."""

    phone: Annotated[NumberText, Field(min_length=1)] = Field(
        ..., title="电话", description="异议受理电话"
    )
    email: str | None = Field(None, title="电子邮箱", description="异议受理邮箱")
    address: Text = Field(..., title="地址", description="书面异议的递交地址")


class Recipient(Strict):
    """公示名单中的一家企业."""

    name: Text = Field(..., title="企业名称", description="企业全称")
    credit_code: NumberText = Field(
        ..., title="统一社会信用代码", description="18 位代码，校验位按 GB 32100-2015 检查"
    )
    amount: Amount = Field(..., title="金额", description="拟支持金额（元）")
    project: str | None = Field(None, title="项目名称", description="支持的项目")

    @field_validator("credit_code")
    @classmethod
    def _valid_credit_code(cls, value: str) -> str:
        from generator.credit_code import credit_code_problem

        problem = credit_code_problem(value.upper())
        if problem:
            raise PydanticCustomError(
                f"qq_credit_code_{problem}", "invalid credit code {value}", {"value": value}
            )
        return value.upper()


# The list itself, or the path of a CSV file holding it: the value's shape picks the form.
RecipientsOrCsv = by_shape("qq_recipients_form", list=list[Recipient], scalar=str)


class Announcement(ItemBase):
    """结果公示."""

    fund: ItemId | None = Field(None, title="资金项目", description="公示所属资金项目的 id")
    publicity: Publicity = Field(
        ..., title="公示期", description="至少 5 个工作日（可在 site.yaml 中调整）"
    )
    objections: Objections = Field(
        ..., title="异议受理", description="公示期内提出异议的电话、邮箱、地址"
    )
    recipients: RecipientsOrCsv = Field(
        default_factory=list,
        title="公示名单",
        description="名单列表，或 CSV 文件路径（列：name,credit_code,amount,project）",
    )
    outcome: str | None = Field(
        None, title="异议处理结果", description="公示期结束后发布的异议处理结果"
    )
