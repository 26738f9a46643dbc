"""The front matter of a consultation (意见征集): its window, draft, ways and feedback, and nothing more."""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.models.base import Strict
from generator.models.fields import Count, Date, ItemId
from generator.models.front_matter import ItemBase, Text


class Feedback(Strict):
    """意见采纳情况: published after the window closes."""

    date: Date = Field(..., title="发布日期", description="采纳情况的发布日期（征求意见截止之后）")
    received: Count = Field(..., title="收到意见", description="收到的意见条数")
    adopted: Count = Field(0, title="采纳", description="采纳的条数")
    partly: Count = Field(0, title="部分采纳", description="部分采纳的条数")
    declined: Count = Field(0, title="未采纳", description="未采纳的条数")
    text: Text = Field(..., title="采纳情况说明", description="采纳与未采纳的理由（Markdown）")

    @model_validator(mode="after")
    def _counts_add_up(self) -> Feedback:
        handled = self.adopted + self.partly + self.declined
        if handled > self.received:
            raise PydanticCustomError(
                "qq_feedback_counts",
                "adopted + partly + declined ({handled}) exceeds received ({received})",
                {"handled": handled, "received": self.received},
            )
        return self


class Consultation(ItemBase):
    """意见征集."""

    opens: Date = Field(..., title="征求意见开始", description="开始接收意见的日期")
    closes: Date = Field(
        ..., title="征求意见截止", description="截止日期（当天 24 时截止），不早于开始日期"
    )
    draft: str | None = Field(
        None, title="征求意见稿", description="征求意见稿文件路径（相对 content/）"
    )
    explanation: str | None = Field(
        None, title="起草说明", description="起草背景、主要内容和依据（Markdown）"
    )
    ways: list[Text] = Field(
        default_factory=list,
        title="反馈方式",
        description="网上留言之外的方式：信函、电子邮件、座谈会（时间和地点）等，每项一条",
    )
    adopted_as: ItemId | None = Field(
        None, title="正式文件", description="征求意见稿最终形成的政策文件 id"
    )
    feedback: Feedback | None = Field(
        None,
        title="意见采纳情况",
        description="征求意见结束后发布：收到、采纳、部分采纳、未采纳及理由",
    )

    @field_validator("closes")
    @classmethod
    def _closes_not_before_opens(cls, value, info):
        opens = info.data.get("opens")
        if opens is not None and value < opens:
            raise PydanticCustomError("qq_consultation_order", "closes is before opens")
        return value
