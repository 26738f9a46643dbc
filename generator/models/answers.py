"""答复选登: the published answers snapshot (content/answers.json) the site build reads, and nothing more."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.base import Strict
from generator.models.fields import Date
from generator.models.site import Code


class PublishedAnswer(Strict):
    """One published answer in its public wording (no name, phone, credit code or enterprise)."""

    id: str = Field(..., pattern=r"^[0-9a-f]{12}$", title="编号")
    category: Code = Field(..., title="诉求类别代码")
    department: Code = Field(..., title="承办部门代码")
    received: Date = Field(..., title="收到日期")
    replied: Date = Field(..., title="答复日期")
    workdays: int = Field(..., ge=0, le=3650, title="办理用时（工作日）")
    subject: str = Field(..., min_length=1, max_length=100, title="公开标题")
    answer: str = Field(..., min_length=1, max_length=5000, title="公开答复")


class AnswersSnapshot(Strict):
    """What `qinqing petitions answers --output content/answers.json` writes."""

    version: Literal[1] = Field(1, title="格式版本")
    answers: list[PublishedAnswer] = Field(default_factory=list, title="已选登的答复")
