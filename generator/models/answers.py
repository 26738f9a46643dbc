"""答复选登: the published answers snapshot (content/answers.json) the site build reads, and nothing more."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.base import Strict
from generator.models.fields import Date
from generator.models.site import Code


class PublishedAnswer(Strict):
    """One published answer in its public wording (no name, phone, credit code or enterprise)."""

    id: str = Field(
        ...,
        pattern=r"^[0-9a-f]{12}$",
        title="编号",
        description="由受理编号算出的公开编号，不显示受理编号",
    )
    category: Code = Field(
        ..., title="诉求类别代码", description="site.yaml 中 petitions.categories 的代码"
    )
    department: Code = Field(
        ..., title="承办部门代码", description="site.yaml 中 departments 的代码"
    )
    received: Date = Field(..., title="收到日期", description="收到诉求的日期")
    replied: Date = Field(..., title="答复日期", description="答复企业的日期")
    workdays: int = Field(
        ..., ge=0, le=3650, title="办理用时（工作日）", description="从收到到答复的工作日数"
    )
    subject: str = Field(
        ..., min_length=1, max_length=100, title="公开标题", description="改写后的公开标题"
    )
    answer: str = Field(
        ...,
        min_length=1,
        max_length=5000,
        title="公开答复",
        description="改写后的公开答复，已删去可识别信息",
    )


class AnswersSnapshot(Strict):
    """What `qinqing petitions answers --output content/answers.json` writes."""

    version: Literal[1] = Field(1, title="格式版本", description="快照格式的版本，目前为 1")
    answers: list[PublishedAnswer] = Field(
        default_factory=list, title="已选登的答复", description="按答复日期从新到旧排列"
    )
