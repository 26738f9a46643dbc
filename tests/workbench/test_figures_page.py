"""The 督办统计 page and its CSV: roles, the period filter, Chinese names only, visibility."""

from __future__ import annotations

import csv
import io
from html import unescape

import pytest

from tests.petitions.conftest import submit


@pytest.fixture
def petitions(office):
    consult = submit(office, category="consult")  # gxj
    office.act(consult, "accept", "clerk", route="local")
    office.act(consult, "reply", "clerk", text="答复")
    submit(office, category="request")  # kjj
    submit(office, category="report")  # discipline only
    return consult


def test_supervisor_sees_the_table_without_reports(petitions, signed_in):
    page = signed_in(roles={"supervisor"}, departments=set()).get("/staff/figures")
    text = unescape(page.text)
    assert page.status == 200 and "<caption>按承办部门</caption>" in text
    assert "办理用时中位数（工作日）" in text and "晋江市工业和信息化局" in text
    for code in ("gxj", "kjj", "consult", "request"):
        assert f">{code}<" not in text
    total = text.split("<tfoot>")[1].split("</tfoot>")[0]
    assert "<td>2</td>" in total  # the report is not theirs to count
    assert "投诉举报" not in text.split("按诉求类别")[1]


def test_discipline_counts_reports_only(petitions, signed_in):
    page = signed_in(login="ji", roles={"discipline"}, departments=set()).get(
        "/staff/figures.csv?period=year"
    )
    assert page.status == 200 and page.header("Content-Type").startswith("text/csv")
    rows = list(csv.reader(io.StringIO(page.body.decode("utf-8").removeprefix("\ufeff"))))
    assert rows[-1][:2] == ["合计", "1"]
    assert ["投诉举报", "1", "0", "0", "0", "—", "0", "0"] in rows
    categories = rows[rows.index(next(r for r in rows if r[:1] == ["诉求类别"])) + 1 :]
    assert [r[0] for r in categories if r] == ["投诉举报", "合计"]


def test_period_filter_and_a_bad_date(petitions, signed_in):
    client = signed_in(roles={"supervisor"}, departments=set())
    later = client.get("/staff/figures?period=custom&from=2027-01-01&to=2027-01-31")
    assert later.status == 200 and "2027-01-01 至 2027-01-31" in later.text
    assert "<td>0</td>" in later.text.split("<tfoot>")[1]
    wrong = client.get("/staff/figures?period=custom&from=2027-13-01&to=2027-01-31")
    assert wrong.status == 422 and "格式不正确" in wrong.text
    assert client.get("/staff/figures.csv?period=week").status == 422


@pytest.mark.parametrize("roles", [{"handler"}, {"admin"}])
def test_handlers_and_admins_get_403(signed_in, roles):
    client = signed_in(roles=roles, departments={"gxj"})
    assert client.get("/staff/figures").status == 403
    assert client.get("/staff/figures.csv").status == 403
