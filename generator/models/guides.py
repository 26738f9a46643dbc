"""The front matter of a guide (办事指南): materials, steps, fee, place and questions, and nothing more."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from generator.models.base import Strict
from generator.models.fields import Date, NumberText, WebUrl, WorkdayCount, Yuan, by_shape
from generator.models.front_matter import ItemBase, Text


class GuideMaterial(Strict):
    """申请材料."""

    name: Text = Field(..., title="材料名称", description="材料名称")
    original: bool = Field(False, title="原件", description="是否需要原件")
    copies: int = Field(1, ge=0, le=100, title="份数", description="需提交的份数")
    required: bool = Field(True, title="必须提交", description="是否必须提交")
    template: str | None = Field(None, title="模板", description="模板文件路径（相对 content/）")


class Step(Strict):
    """办理步骤."""

    name: Text = Field(..., title="步骤名称", description="如 申请、受理、审核、办结")
    text: Text = Field(..., title="步骤说明", description="这一步做什么、谁来做、多久")


class Fee(Strict):
    """收费标准."""

    amount: Yuan = Field(..., title="金额", description="收费金额（元）")
    basis: Text = Field(..., title="收费依据", description="收费的依据文件")


def _free_only(value: Any) -> int:
    if value == 0 and not isinstance(value, bool):
        return 0
    raise PydanticCustomError("qq_fee", "fee is 0 or {amount, basis}")


# `0` (free) or `{amount, basis}`: the value's shape picks the form.
FeeOrFree = by_shape("qq_fee", scalar=Annotated[int, BeforeValidator(_free_only)], mapping=Fee)


class Where(Strict):
    """办理地点."""

    address: str | None = Field(None, title="地址", description="办理地址")
    hours: str | None = Field(
        None, title="办公时间", description="如 工作日 8:30-12:00，14:30-17:30"
    )
    phone: NumberText | None = Field(None, title="咨询电话", description="咨询电话")
    online_url: WebUrl | None = Field(None, title="网上办理", description="网上办理地址")


class Faq(Strict):
    """常见问题."""

    q: Text = Field(..., title="问题", description="问题")
    a: Text = Field(..., title="解答", description="解答")


class Guide(ItemBase):
    """办事指南."""

    service_code: NumberText | None = Field(None, title="事项编码", description="政务服务事项编码")
    audience: Text = Field(..., title="服务对象", description="如 晋江市内注册的工业企业")
    basis: list[Text] = Field(
        default_factory=list, title="设定依据", description="政策 id 或文件名称"
    )
    conditions: list[Text] = Field(default_factory=list, title="办理条件", description="每条一项")
    materials: list[GuideMaterial] = Field(
        default_factory=list, title="申请材料", description="材料清单"
    )
    steps: list[Step] = Field(..., min_length=1, title="办理流程", description="按顺序的办理步骤")
    legal_limit: WorkdayCount | None = Field(None, title="法定办结时限", description="工作日")
    promised_limit: WorkdayCount | None = Field(
        None, title="承诺办结时限", description="工作日，不得超过法定时限"
    )
    fee: FeeOrFree = Field(0, title="收费标准", description="0 表示不收费；否则写 {amount, basis}")
    where: Where | None = Field(
        None, title="办理地点", description="地址、时间、电话、网上办理地址"
    )
    visits: int | None = Field(None, ge=0, le=10, title="到现场次数", description="0 表示全程网办")
    faq: list[Faq] = Field(default_factory=list, title="常见问题", description="问与答")
    reviewed: Date = Field(..., title="最后审核", description="最近一次核对本指南内容的日期")

    @field_validator("promised_limit")
    @classmethod
    def _promised_within_legal(cls, value, info):
        legal = info.data.get("legal_limit")
        if value is not None and legal is not None and value > legal:
            raise PydanticCustomError(
                "qq_promised_over_legal", "promised_limit exceeds legal_limit"
            )
        return value
