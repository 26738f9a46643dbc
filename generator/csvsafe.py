"""Spreadsheet-safe CSV cells (OWASP's rule against formula injection), and nothing more.

Excel, WPS and LibreOffice evaluate a cell that starts with `=`, `+`, `-` or `@` (and, after
a tab or carriage return, the text that follows), so such a cell is written with a leading
apostrophe, which spreadsheets show as text and never run. Every CSV the project writes
(open data, petition exports) goes through this module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

# A cell starting with one of these runs as a formula in Excel, WPS or LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula(value: str) -> bool:
    """Whether a spreadsheet would take `value` for a formula."""
    return value.startswith(FORMULA_STARTS)


def safe_cell(value: Any) -> str:
    """`value` as text with a leading `'` when it starts like a formula, so it reads as text."""
    text = "" if value is None else str(value)
    return f"'{text}" if is_formula(text) else text


class SafeWriter:
    """A csv writer whose every cell goes through `safe_cell` (others are written as str)."""

    def __init__(self, stream: TextIO, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream: TextIO, **options: Any) -> SafeWriter:
    """A `csv.writer` for `stream` that writes every cell spreadsheet-safe."""
    return SafeWriter(stream, **options)


def excel_text(rows: Iterable[Iterable[Any]]) -> str:
    """`rows` as spreadsheet-safe CSV text led by a BOM, so Excel and WPS read it as UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer(out).writerows(rows)
    return out.getvalue()


class SafeDictWriter(csv.DictWriter):
    """`csv.DictWriter` whose every cell goes through `safe_cell` (the header row too)."""

    def writerow(self, rowdict: Mapping[str, Any]):
        return super().writerow({key: safe_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]):
        for row in rowdicts:
            self.writerow(row)
