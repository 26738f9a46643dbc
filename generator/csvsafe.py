"""Spreadsheet-safe CSV: a cell that a spreadsheet would read as a formula gets a leading `'`, and nothing more.

OWASP's rule for CSV injection: Excel, WPS and LibreOffice evaluate a cell that starts with
`=`, `+`, `-` or `@` (and, after a tab or carriage return, the text that follows), so such a
cell is written with a leading apostrophe, which spreadsheets show as text and never run.
Every CSV the project writes (open data, petition exports) goes through this module.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula(value: str) -> bool:
    """Whether a spreadsheet would take `value` for a formula."""
    return value.startswith(FORMULA_STARTS)


def safe_cell(value: Any) -> str:
    """`value` as CSV text a spreadsheet shows as it is (`=1+1` -> `'=1+1`)."""
    text = "" if value is None else str(value)
    return "'" + text if is_formula(text) else text


class SafeWriter:
    """`csv.writer` whose every cell goes through `safe_cell`."""

    def __init__(self, out, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    """`csv.DictWriter` whose every cell goes through `safe_cell` (the header row too)."""

    def writerow(self, rowdict: Mapping[str, Any]):
        return super().writerow({key: safe_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]):
        for row in rowdicts:
            self.writerow(row)
