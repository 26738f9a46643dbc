"""The front matter of a fund (资金项目): eligibility, delivery and materials, and nothing more."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.models.base import Strict
from generator.models.fields import DateOrTime, ItemId, WebUrl, WorkdayCount, Yuan
from generator.models.front_matter import ItemBase, Text
from generator.models.instants import as_datetime_pair
from generator.models.rules import Rule
from generator.models.site import Contact

DeliveryMode = Literal["apply", "fast", "automatic"]
DELIVERY_LABELS = {"apply": "申报兑现", "fast": "快申快享", "automatic": "免申即享"}


class Eligibility(Strict):
    """申报条件."""

    text: Text = Field(..., title="条件", description="条件原文，显示给企业")
    rule: Rule | None = Field(
        None, title="机器规则", description="可选的可自动判断规则，供“政策匹配”使用"
    )


class Delivery(Strict):
    """兑现方式."""

    mode: DeliveryMode = Field(
        ..., title="兑现方式", description="apply 申报兑现 / fast 快申快享 / automatic 免申即享"
    )
    days: WorkdayCount | None = Field(None, title="兑现时限", description="承诺拨付的工作日数")


class FundMaterial(Strict):
    """申报材料."""

    name: Text = Field(..., title="材料名称", description="材料名称")
    required: bool = Field(True, title="必须提交", description="是否必须提交")
    template: str | None = Field(None, title="模板", description="模板文件路径（相对 content/）")


class Apply(Strict):
    """申报入口: an online address, a note (where to go offline), or both."""

    url: WebUrl | None = Field(
        None, title="申报网址", description="网上申报的地址，如省惠企政策平台或政务服务网的事项页"
    )
    note: Text | None = Field(
        None,
        title="申报说明",
        description="如 线下到市行政服务中心3号窗口提交；只线下受理时只写这一项",
    )

    @model_validator(mode="after")
    def _url_or_note(self) -> Apply:
        if self.url is None and self.note is None:
            raise PydanticCustomError("qq_apply_empty", "give url, note or both")
        return self


class Fund(ItemBase):
    """资金项目."""

    basis: list[ItemId] = Field(..., min_length=1, title="政策依据", description="依据的政策 id")
    opens: DateOrTime = Field(..., title="申报开始", description="日期或日期时间（按站点时区）")
    closes: DateOrTime = Field(..., title="申报截止", description="只写日期时在当天 24 时截止")
    funding: Text = Field(..., title="资助标准", description="如 按设备投资额的10%给予补助")
    max_amount: Yuan | None = Field(
        None, title="最高金额", description="单个企业最高资助金额（元）"
    )
    budget: Yuan | None = Field(None, title="资金总额", description="本项目资金总额（元）")
    eligibility: list[Eligibility] = Field(
        ..., min_length=1, title="申报条件", description="每条条件一项"
    )
    exclusions: list[Text] = Field(
        default_factory=list, title="否决情形", description="不予支持的情形"
    )
    delivery: Delivery | None = Field(None, title="兑现方式", description="兑现方式与承诺时限")
    materials: list[FundMaterial] = Field(
        default_factory=list, title="申报材料", description="申报材料清单"
    )
    process: list[Text] = Field(
        default_factory=list, title="申报流程", description="按顺序列出的步骤"
    )
    apply: Apply | None = Field(
        None, title="申报入口", description="到哪里申报：网址（url）和说明（note），至少填一项"
    )
    guide: ItemId | None = Field(None, title="办事指南", description="对应办事指南的 id")
    contact: Contact | None = Field(
        None, title="联系方式", description="不填时使用发布机构的联系方式"
    )

    @field_validator("closes")
    @classmethod
    def _closes_after_opens(cls, value, info):
        opens = info.data.get("opens")
        if opens is not None:
            start, end = as_datetime_pair(opens, value)
            if end <= start:
                raise PydanticCustomError("qq_closes_before_opens", "closes is not after opens")
        return value


def served_industries(data) -> list[str]:
    """The industries an item is listed, filtered and fed under: its `industries`, then for a
    fund every industry an eligibility rule admits (`industry` `in`), each once.

    Two sample funds admitted `medical` by rule only, so a medical firm following the medical
    feed or filter missed funds it qualifies for; rules are the stronger statement.
    """
    codes = dict.fromkeys(data.industries)
    if isinstance(data, Fund):
        for condition in data.eligibility:
            rule = condition.rule
            if rule is not None and rule.field == "industry" and rule.op == "in":
                codes.update(dict.fromkeys(rule.value))
    return list(codes)
