"""What every item's front matter shares (ItemBase, its changes and attachments), and nothing more."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.models.base import Strict
from generator.models.fields import Date, ItemId, NumberText, WebUrl

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
