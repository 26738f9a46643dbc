"""Each announcement's list as CSV and XLSX: the page's columns, every row, the same bytes twice."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl

from generator.features.feeds.recipient_lists import (
    HEADERS,
    list_csv,
    list_files,
    list_links,
    list_xlsx,
)
from tests.features.feeds.conftest import load


def test_both_files_hold_every_row_in_page_order(tree):
    index = load(tree)
    notice = next(i for i in index.collection("announcements") if i.recipients)
    rows = list(csv.reader(io.StringIO(list_csv(notice).decode("utf-8-sig"))))
    assert tuple(rows[0]) == HEADERS
    expected = [
        [str(n), r.name, r.credit_code, r.project or "", f"{r.amount:.2f}"]
        for n, r in enumerate(notice.recipients, start=1)
    ]
    assert rows[1:] == expected
    sheet = openpyxl.load_workbook(io.BytesIO(list_xlsx(index, notice))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert tuple(values[0]) == HEADERS
    for got, want in zip(values[1:], notice.recipients, strict=True):
        assert got[1:4] == [want.name, want.credit_code, want.project]
        assert Decimal(str(got[4])) == want.amount


def test_files_are_deterministic_and_linked_from_the_page(tree):
    index = load(tree)
    first = {f.path: f.data for f in list_files(index)}
    again = {f.path: f.data for f in list_files(load(tree))}
    assert first == again and first
    for notice in index.collection("announcements"):
        links = list_links(notice)
        if notice.recipients:
            assert sorted(path for _, _, path in links) == sorted(
                p for p in first if p.startswith(f"data/announcements/{notice.id}.")
            )
        else:
            assert links == []
