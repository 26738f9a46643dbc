"""Front matter models of the four collections: policies, funds, guides and announcements."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.models.base import Strict
from generator.models.fields import (
    Amount,
    Date,
    DateOrTime,
    ItemId,
    NumberText,
    WebUrl,
    WorkdayCount,
    Yuan,
    by_shape,
)
from generator.models.instants import as_datetime_pair
from generator.models.rules import Rule
from generator.models.site import Contact

Text = Annotated[str, Field(min_length=1)]
Code = Annotated[NumberText, Field(min_length=1, max_length=40)]


class Change(Strict):
    """变更记录."""

    date: Date = Field(..., title="变更日期", description="变更生效或发布的日期")
    note: Text = Field(..., title="变更说明", description="改了什么、为什么改")
    major: bool = Field(
        True,
        title="重要变更",
        description="重要变更更新“更新日期”并推送订阅；错别字等小改动填 false",
    )


class Withdrawn(Strict):
    """撤回: the page stays, marked withdrawn."""

    date: Date = Field(..., title="撤回日期", description="撤回的日期")
    reason: Text = Field(..., title="撤回原因", description="向公众说明撤回的原因")


class Attachment(Strict):
    """附件: a file under content/ or a link."""

    title: Text = Field(..., title="附件名称", description="显示给读者的附件名称")
    file: str | None = Field(
        None, title="文件路径", description="相对 content/ 的路径，如 attachments/2025/notice.pdf"
    )
    url: WebUrl | None = Field(
        None, title="外部链接", description="附件在其他网站上的地址（http 或 https）"
    )

    @model_validator(mode="after")
    def _one_target(self) -> Attachment:
        if (self.file is None) == (self.url is None):
            raise PydanticCustomError("qq_attachment_target", "give exactly one of file or url")
        return self


class ItemBase(Strict):
    """Fields common to every item."""

    title: Text = Field(..., max_length=200, title="标题", description="完整标题")
    department: Code = Field(
        ..., title="发布机构", description="site.yaml 中 departments 的机构代码"
    )
    published: Date = Field(..., title="发布日期", description="公开发布的日期")
    updated: Date | None = Field(
        None,
        title="更新日期",
        description="可选；不填时取最近一次重要变更的日期，再无则取文件最后一次提交的日期",
    )
    changes: list[Change] = Field(
        default_factory=list, title="变更说明", description="变更记录，显示为修订历史"
    )
    summary: str | None = Field(
        None, max_length=300, title="摘要", description="不超过 300 字，用于列表和订阅"
    )
    industries: list[Code] = Field(
        default_factory=list, title="适用行业", description="site.yaml 中 industries 的代码"
    )
    topics: list[Code] = Field(
        default_factory=list, title="主题分类", description="site.yaml 中 topics 的代码"
    )
    attachments: list[Attachment] = Field(
        default_factory=list, title="附件", description="附件文件或链接"
    )
    related: list[ItemId] = Field(
        default_factory=list, title="相关内容", description="相关条目的 id"
    )
    withdrawn: Withdrawn | None = Field(
        None, title="撤回", description="撤回后页面保留并标明已撤回"
    )
    extra: dict[str, Any] = Field(
        default_factory=dict, title="扩展字段", description="自定义字段，不做检查"
    )


class Repealed(Strict):
    """废止."""

    date: Date = Field(..., title="废止日期", description="废止生效的日期")
    by: ItemId | None = Field(None, title="替代文件", description="取代本文件的政策 id（可选）")


Level = Literal["national", "provincial", "municipal", "local"]
LEVEL_LABELS = {"national": "国家级", "provincial": "省级", "municipal": "市级", "local": "本级"}
DeliveryMode = Literal["apply", "fast", "automatic"]
DELIVERY_LABELS = {"apply": "申报兑现", "fast": "快申快享", "automatic": "免申即享"}

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


COLLECTIONS: dict[str, type[ItemBase]] = {
    "policies": Policy,
    "funds": Fund,
    "guides": Guide,
    "announcements": Announcement,
}
COLLECTION_LABELS = {
    "policies": "政策文件",
    "funds": "资金项目",
    "guides": "办事指南",
    "announcements": "结果公示",
}
