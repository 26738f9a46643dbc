"""Spreadsheet-safe CSV cells (OWASP's rule against formula injection), and nothing more."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

# A cell starting with one of these runs as a formula in Excel, WPS or LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """`value` with a leading `'` when it starts like a formula, so it reads as text."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


class SafeWriter:
    """A csv writer whose every cell goes through `safe_cell` (others are written as str)."""

    def __init__(self, stream: TextIO, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell("" if cell is None else str(cell)) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream: TextIO, **options: Any) -> SafeWriter:
    """A `csv.writer` for `stream` that writes every cell spreadsheet-safe."""
    return SafeWriter(stream, **options)
