"""The published open data's shape (the index and the item files) and a reader of it, and nothing more.

The build writes `data/index.json` and the files it lists (generator/features/feeds/); these
models give their JSON Schemas (`qinqing schema`, `data/schemas/`) and let a reader such as
`qinqing notify digest` read them back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.writing import OutsideRootError, target_under

INDEX_PATH = "data/index.json"


class _Published(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SiteRef(_Published):
    title: str = Field(..., title="网站名称", description="site.yaml 的 title")
    base_url: str = Field(..., title="网站地址", description="site.yaml 的 base_url")


class Department(_Published):
    code: str = Field(..., title="发布机构代码", description="site.yaml 中 departments 的代码")
    name: str = Field(..., title="发布机构名称", description="发布机构的中文名称")


class Status(_Published):
    code: str = Field(..., title="状态代码", description="按 status_date 计算的状态，见文档")
    label: str = Field(..., title="状态名称", description="状态的中文名称，如 申报中")


class Record(_Published):
    """One item as open data."""

    id: str = Field(..., title="编号", description="内容文件名（不含 .md）")
    collection: str = Field(..., title="栏目", description="policies、funds 等栏目名")
    collection_label: str = Field(..., title="栏目名称", description="栏目的中文名称")
    url: str = Field(..., title="网址", description="内容页面的完整网址")
    title: str = Field(..., title="标题", description="内容的标题")
    department: Department = Field(..., title="发布机构", description="发布机构代码和名称")
    published: str = Field(..., title="发布日期", description="ISO 日期")
    updated: str = Field(..., title="更新日期", description="页面上显示的更新日期（ISO 日期）")
    feed_updated: str = Field(
        ..., title="订阅更新日期", description="最近一次公告的变更日期（ISO 日期），同订阅源"
    )
    status: Status | None = Field(
        ..., title="状态", description="按 status_date 计算的状态；办事指南为 null"
    )
    withdrawn: bool = Field(..., title="已撤回", description="内容是否已撤回")
    front_matter: dict[str, Any] = Field(
        ..., title="元数据", description="全部 front matter 字段（含默认值），见各栏目的 schema"
    )
    recipients: list[dict[str, Any]] | None = Field(
        None, title="公示名单", description="仅结果公示：名单中的每一家企业"
    )
    recipients_total: float | None = Field(
        None, title="公示金额合计", description="仅结果公示：名单金额之和（元）"
    )


class _Envelope(_Published):
    """What every open-data JSON file starts with."""

    schema_version: Literal[1] = Field(..., title="格式版本", description="不兼容的变更才会提高")
    site: SiteRef = Field(..., title="网站", description="网站名称和地址")
    status_date: str = Field(..., title="状态日期", description="计算状态所用的构建日期")
    schemas: dict[str, str] = Field(
        ..., title="数据结构", description="栏目名（及 site 等）→ 其 JSON Schema 的网址"
    )


class ItemsFile(_Envelope):
    """One JSON file of records: one collection, one year of `published` (one part of it)."""

    count: int = Field(..., ge=0, title="条数", description="本文件的条目数")
    items: list[Record] = Field(..., title="条目", description="发布日期新的在前")


class DataFile(_Published):
    """One open-data file as the index lists it."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    path: str = Field(..., title="路径", description="相对网站根目录，如 data/policies/2026.json")
    url: str = Field(..., title="网址", description="文件的完整网址")
    format: Literal["json", "csv"] = Field(..., title="格式", description="json 或 csv")
    collection: str = Field(
        ..., title="栏目", description="文件所属栏目；公示名单 CSV 为 announcements"
    )
    year: int = Field(..., title="年份", description="条目发布日期（published）的年份")
    part: int = Field(..., ge=1, title="分卷", description="同一年条目过多时的第几卷，从 1 起")
    count: int = Field(
        ..., ge=0, title="条数", description="JSON：条目数；CSV：名单行数（不含表头）"
    )
    bytes: int = Field(..., ge=0, title="字节数", description="文件大小")
    sha256: str = Field(
        ..., pattern=r"^[0-9a-f]{64}$", title="校验值", description="文件内容的 SHA-256"
    )
    schema_url: str | None = Field(
        ...,
        alias="schema",
        title="数据结构",
        description="JSON 文件的 JSON Schema 网址；CSV 为 null（列见文档）",
    )


class DataIndex(_Envelope):
    """`data/index.json`: every open-data file of the build."""

    count: int = Field(..., ge=0, title="条目总数", description="全部 JSON 文件的条目数之和")
    files: list[DataFile] = Field(..., title="文件", description="按栏目、年份从新到旧、分卷排列")


class OpenDataError(ValueError):
    """The open data under a site folder is missing or not what the build writes (in Chinese)."""


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OpenDataError(
            f"找不到 {path}：请先运行 qinqing build，并用 --site 指向生成的网站目录"
        ) from None
    except (OSError, ValueError) as err:
        raise OpenDataError(f"无法读取 {path}：{err}") from None


def read_records(site_dir: Path) -> list[dict[str, Any]]:
    """Every record of the open data under a built site, file after file as the index lists them."""
    index_path = site_dir / INDEX_PATH
    index = _load(index_path)
    files = index.get("files") if isinstance(index, dict) else None
    if not isinstance(files, list):
        raise OpenDataError(f"{index_path} 不是本站生成的开放数据索引（缺少 files）")
    records: list[dict[str, Any]] = []
    for entry in files:
        if not isinstance(entry, dict) or entry.get("format") != "json":
            continue
        try:
            path = target_under(site_dir, str(entry.get("path", "")))
        except OutsideRootError as err:
            raise OpenDataError(f"{index_path} 列出的文件不在网站目录内：{err}") from None
        data = _load(path)
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise OpenDataError(f"{path} 不是本站生成的开放数据（缺少 items）")
        records += items
    return records
