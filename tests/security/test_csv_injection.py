"""Spreadsheet-safe CSV: formula cells written as text, and `check` warns where editors wrote them."""

from __future__ import annotations

import csv
import io

import pytest

from generator.content.check import check_content
from generator.csvsafe import FORMULA_STARTS, SafeDictWriter, SafeWriter, is_formula, safe_cell
from tests.security.hostile import FORMULA_NAMES, HOSTILE_DAY, HostileSite, credit_code


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        '=HYPERLINK("http://x","y")',
    ],
)
def test_a_formula_cell_gets_a_leading_quote(value):
    assert is_formula(value)
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    "value", ["示例科技有限公司", "1000.00", "0", "", "a=b", "'=1", " =1", "（=）"]
)
def test_other_cells_are_left_alone(value):
    assert not is_formula(value)
    assert safe_cell(value) == value


def test_the_writers_quote_every_formula_cell():
    rows = [{"name": name, "amount": "1000.00"} for name in FORMULA_NAMES]
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=["name", "amount"])
    writer.writeheader()
    writer.writerows(rows)
    plain = io.StringIO()
    SafeWriter(plain).writerows([[r["name"], r["amount"]] for r in rows])
    for text in (out.getvalue(), plain.getvalue()):
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
        assert "1000.00" in cells


def test_check_warns_at_each_formula_cell_of_a_recipients_csv(hostile_site: HostileSite):
    result = check_content(hostile_site.content, HOSTILE_DAY)
    warnings = [p for p in result.problems if p.code == "formula_cell"]
    assert all(p.severity == "warning" for p in warnings)
    csv_lines = (
        (hostile_site.content / "attachments" / "example-recipients.csv")
        .read_text(encoding="utf-8")
        .split("\n")
    )
    expected = set()
    for number, line in enumerate(csv_lines[1:], start=2):
        if line:
            expected.add((number, 1, "name"))  # the quoted name starts the line
            expected.add((number, line.rindex(",=1+1") + 2, "project"))
    # Names are quoted in this file: the column counts cells as written without quotes.
    found = {(p.line, p.column, p.key) for p in warnings if p.path.endswith(".csv")}
    assert {(line, key) for line, _, key in found} == {(line, key) for line, _, key in expected}
    assert {c for _, c, k in found if k == "name"} == {1}
    message = warnings[0].message("zh")
    assert "会被当作公式" in message and "单引号" in message


def test_check_warns_at_an_inline_recipient(hostile_site: HostileSite):
    notice = hostile_site.content / "announcements" / "example-announcement.md"
    text = notice.read_text(encoding="utf-8").replace(
        "recipients: attachments/example-recipients.csv",
        f"recipients:\n  - name: 示例甲科技有限公司\n    credit_code: {credit_code(10)}\n"
        '    amount: 1000\n    project: "=HYPERLINK(\\"http://evil.example\\")"',
    )
    notice.write_text(text, encoding="utf-8")
    result = check_content(hostile_site.content, HOSTILE_DAY)
    [warning] = [p for p in result.problems if p.code == "formula_cell"]
    line = next(i + 1 for i, row in enumerate(text.split("\n")) if row.startswith("    project:"))
    assert (warning.line, warning.severity) == (line, "warning")


def test_the_list_downloads_of_an_announcement_never_hold_a_formula(hostile_site: HostileSite):
    import openpyxl

    from generator.content.loader import load_content
    from generator.features.feeds.recipient_lists import list_csv, list_xlsx

    index = load_content(hostile_site.content, HOSTILE_DAY).index
    notice = next(i for i in index.collection("announcements") if i.recipients)
    text = list_csv(notice).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert "'" + FORMULA_NAMES[0] in cells
    sheet = openpyxl.load_workbook(io.BytesIO(list_xlsx(index, notice))).active
    names = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in names] == [r.name for r in notice.recipients]
    assert {c.data_type for c in names} == {"s"}  # text cells, never formulas
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
