"""Each announcement's list as a download, CSV and XLSX, spreadsheet-safe and deterministic; nothing more.

Linked from the announcement's own page (the `item_links` hook), beside `data/recipients.csv`
which has every list in one file for re-users. Columns are the page table's, in Chinese.
CSV cells that would start a formula get a leading `'` (generator.csvsafe); the XLSX writes
every text as a string cell (never a formula or a link) and the amount as a number. Its
creation date is the announcement's publication day and XlsxWriter stamps zip members with
a fixed date, so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal

import xlsxwriter

from generator import csvsafe
from generator.content.index import ContentIndex, Item
from generator.output import OutputFile
from generator.urls import DATA_DIR

LISTS_DIR = f"{DATA_DIR}announcements/"
HEADERS = ("序号", "企业名称", "统一社会信用代码", "项目", "金额（元）")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Column widths in characters, so a reader needs no resizing (CJK text is two wide).
WIDTHS = (6, 40, 22, 30, 16)


def list_paths(item: Item) -> tuple[str, str]:
    """Site-relative paths of the announcement's CSV and XLSX."""
    return f"{LISTS_DIR}{item.id}.csv", f"{LISTS_DIR}{item.id}.xlsx"


def _rows(item: Item) -> list[tuple[int, str, str, str, Decimal]]:
    return [
        (n, r.name, r.credit_code, r.project or "", r.amount)
        for n, r in enumerate(item.recipients, start=1)
    ]


def list_csv(item: Item) -> bytes:
    """UTF-8 with a byte order mark and CRLF, as Excel and WPS open Chinese text as is."""
    out = io.StringIO()
    writer = csvsafe.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows((*row[:4], f"{row[4]:.2f}") for row in _rows(item))
    return out.getvalue().encode("utf-8-sig")


def list_xlsx(index: ContentIndex, item: Item) -> bytes:
    out = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(out, options)
    created = dt.datetime.combine(item.published, dt.time(0, 0))
    workbook.set_properties(
        {"title": item.title, "author": index.site.title, "created": created, "comments": ""}
    )
    sheet = workbook.add_worksheet("公示名单")
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "#,##0.00"})
    for column, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True)):
        sheet.write_string(0, column, header, bold)
        sheet.set_column(column, column, width)
    for row, (n, name, code, project, amount) in enumerate(_rows(item), start=1):
        sheet.write_number(row, 0, n)
        sheet.write_string(row, 1, name)
        sheet.write_string(row, 2, code)
        if project:
            sheet.write_string(row, 3, project)
        sheet.write_number(row, 4, float(amount), money)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return out.getvalue()


def list_files(index: ContentIndex) -> Iterator[OutputFile]:
    """Both downloads of every announcement that has a list, in path order, one at a time."""
    listed = [item for item in index.collection("announcements") if item.recipients]
    for item in sorted(listed, key=lambda item: list_paths(item)[0]):
        csv_path, xlsx_path = list_paths(item)
        yield OutputFile(csv_path, list_csv(item), CSV_TYPE)
        yield OutputFile(xlsx_path, list_xlsx(index, item), XLSX_TYPE)


def list_links(item: Item) -> list[tuple[str, str, str]]:
    """The action links of an announcement's page to its two downloads."""
    if item.collection != "announcements" or not item.recipients:
        return []
    csv_path, xlsx_path = list_paths(item)
    return [
        ("list-xlsx", "下载名单（Excel）", xlsx_path),
        ("list-csv", "下载名单（CSV）", csv_path),
    ]
