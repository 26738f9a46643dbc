"""How values read on a page: Chinese dates, yuan, file sizes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

LEVEL_LABELS = {
    "national": "国家级",
    "provincial": "省级",
    "municipal": "市级（泉州）",
    "local": "本级（晋江）",
}
DELIVERY_LABELS = {"apply": "申报兑现", "fast": "快申快享", "automatic": "免申即享"}
FILE_TYPES = {
    ".pdf": "PDF",
    ".doc": "Word",
    ".docx": "Word",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".csv": "CSV",
    ".wps": "WPS",
    ".ofd": "OFD",
    ".zip": "ZIP",
    ".rar": "RAR",
    ".jpg": "图片",
    ".jpeg": "图片",
    ".png": "图片",
    ".txt": "文本",
}


def chinese_date(value: dt.date | dt.datetime | None) -> str:
    """2026-03-05 -> 2026年3月5日; a date-time keeps its local time (2026年3月5日 17:30)."""
    if value is None:
        return ""
    text = f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.datetime):
        text += f" {value.hour:02d}:{value.minute:02d}"
    return text


def iso_date(value: dt.date | dt.datetime) -> str:
    return (value.date() if isinstance(value, dt.datetime) else value).isoformat()


def instant(value: dt.datetime) -> str:
    """An ISO date-time with its offset (2026-03-05T23:59:59+08:00), for the browser."""
    return value.isoformat(timespec="seconds")


def yuan(amount: int | Decimal | None) -> str:
    """Whole ten-thousands read as 万元 (500000 -> 50万元); others with thousands separators."""
    if amount is None:
        return ""
    value = Decimal(amount)
    if value >= 10000 and value % 10000 == 0:
        return f"{value / 10000:,.0f}万元"
    if value == value.to_integral_value():
        return f"{value:,.0f}元"
    return f"{value:,.2f}元"


def amount(value: Decimal) -> str:
    """A recipient's amount in a table column headed 元: 123,456.00."""
    return f"{Decimal(value):,.2f}"


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def file_type(name: str) -> str:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return FILE_TYPES.get(suffix, suffix.lstrip(".").upper() or "文件")


def file_label(source: Path) -> str:
    """`PDF，12 KB` for a content file (a missing one reads 0 字节; `check` reports it)."""
    size = source.stat().st_size if source.is_file() else 0
    return f"{file_type(source.name)}，{file_size(size)}"
