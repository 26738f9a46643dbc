"""The site's public identity for the page footer (主办单位, 网站标识码, 备案号), and nothing more."""

from __future__ import annotations

import re

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from generator.models.base import Strict
from generator.models.fields import NumberText

# 网站标识码: six digits of the region code and four of the site (3505820001), or bm + eight
# digits for a ministry's site (bm01000001), as the national government-site register issues.
SITE_CODE = re.compile(r"^(?:\d{10}|bm\d{8})$")
# ICP 备案号: the province's one-character name, ICP备, the number, 号, and an optional -N.
ICP_RECORD = re.compile(r"^[\u4e00-\u9fff]ICP备\d{8,10}号(?:-\d{1,3})?$")
# 公安机关备案号: the province's name, 公网安备, fourteen digits, 号.
POLICE_RECORD = re.compile(r"^[\u4e00-\u9fff]公网安备 ?(\d{14})号$")

# 党政机关网站标识: the id the register's verification page takes.
CONAC_ID = re.compile(r"^[A-Za-z0-9]{1,64}$")

# field -> (its form, the message code of a value not in that form)
FORMATS = {
    "site_code": (SITE_CODE, "qq_site_code"),
    "icp": (ICP_RECORD, "qq_icp_record"),
    "police": (POLICE_RECORD, "qq_police_record"),
    "conac_id": (CONAC_ID, "qq_conac_id"),
}

ICP_LOOKUP = "https://beian.miit.gov.cn/"
POLICE_LOOKUP = "https://beian.mps.gov.cn/#/query/webSearch?code="
CONAC_LOOKUP = "https://bszs.conac.cn/sitename?method=show&id="


class Identity(Strict):
    """网站标识: who runs the site and its registrations, shown in every page footer."""

    sponsor: str = Field(
        ..., title="主办单位", description="主办单位全称，如“晋江市工业和信息化局”"
    )
    operator: str | None = Field(
        None, title="承办单位", description="承办（运维）单位，与主办单位相同时不填"
    )
    site_code: NumberText | None = Field(
        None, title="网站标识码", description="政府网站标识码，10 位，如 3505820001"
    )
    icp: str | None = Field(None, title="ICP 备案号", description="如“闽ICP备12345678号-1”")
    police: str | None = Field(
        None, title="公安机关备案号", description="如“闽公网安备 35058202000123号”"
    )
    conac_id: str | None = Field(
        None,
        title="党政机关网站标识",
        description="党政机关网站标识（中国机构编制网“网站标识”）的编号；不是党政机关网站时不填",
    )

    @field_validator("site_code", "icp", "police", "conac_id")
    @classmethod
    def _well_formed(cls, value: str | None, info: ValidationInfo) -> str | None:
        pattern, code = FORMATS[info.field_name]
        if value is not None and not pattern.match(value):
            raise PydanticCustomError(code, "malformed {value}", {"value": value})
        return value

    @property
    def police_url(self) -> str | None:
        match = POLICE_RECORD.match(self.police or "")
        return POLICE_LOOKUP + match.group(1) if match else None

    @property
    def conac_url(self) -> str | None:
        return CONAC_LOOKUP + self.conac_id if self.conac_id else None
