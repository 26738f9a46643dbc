"""The model of `content/site.yaml`: the site's identity, taxonomies, contacts and petition settings."""

from __future__ import annotations

from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AnyHttpUrl, Field, field_validator
from pydantic_core import PydanticCustomError

from generator.models.base import Named, Strict
from generator.models.fields import Date, NumberText, WebUrl
from generator.models.identity import Identity

Code = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]


class Contact(Strict):
    """联系方式：联系人、电话、电子邮箱、地址，可只填其中几项。"""

    name: str | None = Field(None, title="联系人", description="联系人、科室或机构名称")
    phone: NumberText | None = Field(None, title="电话", description="联系电话")
    email: str | None = Field(None, title="电子邮箱", description="电子邮箱地址")
    address: str | None = Field(None, title="地址", description="办公或通信地址")


class Department(Contact, Named):
    """发布机构: a department that publishes items, referred to by its code."""

    name: str = Field(..., title="机构名称", description="机构全称，如“晋江市工业和信息化局”")
    short_name: str | None = Field(None, title="简称", description="列表中显示的简称（可选）")


class Supervision(Strict):
    """监督渠道: shown in every page footer."""

    phone: NumberText | None = Field(None, title="监督电话", description="受理投诉、监督的电话")
    email: str | None = Field(None, title="举报邮箱", description="受理举报的电子邮箱")
    address: str | None = Field(None, title="举报地址", description="来信举报的通信地址")
    name: str | None = Field(None, title="监督机构", description="负责监督的机构名称")
    url: WebUrl | None = Field(None, title="举报网址", description="网上举报渠道")


class Taxon(Named):
    """A named entry of a taxonomy (industry or topic)."""

    name: str = Field(..., title="名称", description="显示名称")
    description: str | None = Field(None, title="说明", description="一句话说明（可选）")


class TimeLimits(Strict):
    """办理时限（工作日）: per route of a petition category."""

    acknowledge: int = Field(
        1, ge=0, le=60, title="确认受理时限", description="收到后几个工作日内确认受理"
    )
    local: int = Field(
        10, ge=1, le=120, title="本级办结时限", description="本级办理的办结时限（工作日）"
    )
    escalate: int = Field(
        2, ge=1, le=60, title="上报时限", description="需上级处理时的报出时限（工作日）"
    )
    decline: int = Field(
        3, ge=1, le=60, title="告知时限", description="不予受理时告知理由的时限（工作日）"
    )


class PetitionCategory(Named):
    """诉求类别."""

    name: str = Field(..., title="类别名称", description="如“政策咨询”")
    description: str | None = Field(None, title="说明", description="在表单上显示的一句话说明")
    limits: TimeLimits = Field(
        default_factory=TimeLimits, title="办理时限", description="各环节时限（工作日）"
    )
    anonymous: bool = Field(False, title="允许匿名", description="是否允许匿名提交（仅投诉举报类）")
    department: Code | None = Field(
        None,
        title="默认承办机构",
        description="未关联具体内容的诉求交由哪个机构办理（departments 中的代码）；不填则进入待分派",
    )


def _default_categories() -> dict[str, PetitionCategory]:
    def cat(name: str, local: int, description: str, anonymous: bool = False) -> PetitionCategory:
        return PetitionCategory(
            name=name, description=description, limits=TimeLimits(local=local), anonymous=anonymous
        )

    return {
        "consult": cat("政策咨询", 2, "咨询政策内容、申报条件、办理流程等"),
        "request": cat("困难诉求", 10, "反映生产经营中遇到的困难和问题"),
        "suggestion": cat("意见建议", 10, "对政策制定和政务服务提出意见建议"),
        "report": cat("投诉举报", 15, "投诉举报工作人员违规违纪、推诿拖延等行为", anonymous=True),
        "objection": cat("公示异议", 5, "对公示中的名单、金额等提出异议"),
    }


class PetitionSettings(Strict):
    """企业诉求: the form and its handler."""

    endpoint: str = Field(
        "/api/petitions",
        title="提交地址",
        description="表单提交到的接口地址；与站点同源部署时用默认的 /api/petitions",
    )
    categories: dict[Code, PetitionCategory] = Field(
        default_factory=_default_categories,
        title="诉求类别",
        description="类别代码 → 名称（或 名称、说明与时限）",
    )
    notice: str = Field(
        "我们仅为办理您的诉求而收集联系人姓名、电话和电子邮箱，加密保存，仅经办人员可见；"
        "办结后按保存期限删除。提交即表示您已阅读并同意本告知。",
        title="个人信息告知",
        description="表单上显示、提交前必须勾选同意的个人信息处理告知",
    )
    retention_days: int = Field(
        730,
        ge=30,
        le=3650,
        title="个人信息保存期限",
        description="办结后保存联系信息的天数，期满由 purge 删除",
    )
    rate_limit: str = Field(
        "5/10min,20/day",
        title="提交频率限制",
        description="每个来源地址的提交上限，如 5/10min,20/day",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        title="可信代理",
        description="可信反向代理的地址（只信任这些地址发来的 X-Forwarded-For）",
    )
    subject_max: int = Field(
        100, ge=10, le=500, title="标题长度上限", description="诉求标题最多字数"
    )
    content_max: int = Field(
        5000, ge=100, le=20000, title="内容长度上限", description="诉求内容最多字数"
    )


class Holidays(Strict):
    """节假日调整: overrides of the holiday calendar package."""

    rest_days: list[Date] = Field(
        default_factory=list,
        title="额外休息日",
        description="日历数据之外的非工作日（如新公布的假期）",
    )
    make_up_workdays: list[Date] = Field(
        default_factory=list, title="调休上班日", description="需要上班的周末（调休）"
    )


class Rules(Strict):
    """检查规则: thresholds used by `qinqing check`."""

    publicity_min_workdays: int = Field(
        5, ge=1, le=60, title="最短公示期", description="结果公示至少持续的工作日数"
    )
    review_max_age_days: int = Field(
        365, ge=30, le=3650, title="指南复核周期", description="办事指南超过多少天未复核时提醒"
    )


class SiteConfig(Strict):
    """站点设置 (`content/site.yaml`)."""

    title: str = Field(..., title="站点名称", description="如“晋江市工业和信息化局 政策公开”")
    base_url: AnyHttpUrl = Field(
        ..., title="站点网址", description="站点发布后的网址，如 https://example.gov.cn/"
    )
    timezone: str = Field("Asia/Shanghai", title="时区", description="不带时区的时间按此时区理解")
    language: Literal["zh"] = Field("zh", title="语言", description="站点语言，目前为 zh")
    description: str | None = Field(
        None, title="站点简介", description="首页与订阅源中的一句话简介"
    )
    departments: dict[Code, Department] = Field(
        ..., min_length=1, title="发布机构", description="机构代码 → 名称（或 名称与联系方式）"
    )
    supervision: Supervision | None = Field(
        None, title="监督渠道", description="页脚显示的监督电话与举报渠道"
    )
    identity: Identity | None = Field(
        None, title="网站标识", description="页脚显示的主办单位、网站标识码和备案号"
    )
    industries: dict[Code, Taxon] = Field(
        default_factory=dict, title="行业分类", description="行业代码 → 名称，如 textile: 纺织服装"
    )
    topics: dict[Code, Taxon] = Field(
        default_factory=dict,
        title="主题分类",
        description="主题代码 → 名称，如 digital: 数字化转型",
    )
    petitions: PetitionSettings = Field(
        default_factory=PetitionSettings, title="企业诉求", description="诉求表单与办理时限设置"
    )
    holidays: Holidays = Field(
        default_factory=Holidays, title="节假日调整", description="补充或修正法定节假日与调休"
    )
    rules: Rules = Field(default_factory=Rules, title="检查规则", description="内容检查使用的阈值")
    list_page_size: int = Field(
        100,
        ge=1,
        le=300,
        title="列表每页条数",
        description="栏目列表、筛选列表每页显示的条数（不用脚本时分页；默认 100）",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
            raise PydanticCustomError(
                "qq_timezone", "unknown time zone {value}", {"value": value}
            ) from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def origin(self) -> str:
        url = self.base_url
        port = f":{url.port}" if url.port and url.port not in (80, 443) else ""
        return f"{url.scheme}://{url.host}{port}"
