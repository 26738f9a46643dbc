"""generator/csvsafe.py: no cell it writes starts like a spreadsheet formula."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from generator import csvsafe

FORMULA = ("=", "+", "-", "@", "\t", "\r")
cells = st.one_of(
    st.text(max_size=30),
    st.tuples(st.sampled_from(FORMULA), st.text(max_size=20)).map("".join),
    st.integers(),
    st.none(),
)


@given(st.lists(st.lists(cells, min_size=1, max_size=6), min_size=1, max_size=6))
def test_written_cells_never_start_like_a_formula_and_keep_their_text(rows):
    out = io.StringIO(newline="")
    csvsafe.writer(out).writerows(rows)
    read = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert len(read) == len(rows)
    for written, original in zip(read, rows, strict=True):
        for cell, value in zip(written, original, strict=True):
            text = "" if value is None else str(value)
            assert not cell.startswith(FORMULA)
            assert cell == (f"'{text}" if text.startswith(FORMULA) else text)


def test_excel_text_leads_with_a_bom_and_defuses_every_cell():
    text = csvsafe.excel_text([["企业名称", "金额"], ['=HYPERLINK("http://x")', "-1"]])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows == [["企业名称", "金额"], ['\'=HYPERLINK("http://x")', "'-1"]]
