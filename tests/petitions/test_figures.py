"""督办统计 over a crafted store (SQLite and PostgreSQL): each figure per department and category."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.petitions import states
from generator.petitions.figures import PeriodError, compute_figures, figures_csv, period_bounds
from generator.petitions.states import Event
from tests.petitions.conftest import SECRET, SITE_YAML, submit

TWO_DEPARTMENTS = SITE_YAML.replace(
    "departments:\n", "departments:\n  czj:\n    name: 晋江市财政局\n"
)


@pytest.fixture
def site_path(tmp_path: Path) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text(TWO_DEPARTMENTS, encoding="utf-8")
    return path


def _assign(desk, receipt: str, department: str) -> None:
    at = desk.now()
    event = Event(at, "assigned", "lead", "分派", public=False, data={"department": department})
    desk.store.change(receipt, lambda _r: [event])


def _rate(desk, receipt: str, rating: str) -> None:
    at = desk.now()
    desk.store.change(receipt, lambda r: states.rate(r.state, rating, "", at))


@pytest.fixture
def crafted(desk, clock):
    """Received Thu 2026-11-26 (Shanghai). Consult: acknowledge 1, local 2 working days."""
    on_time = submit(desk, category="consult")
    _assign(desk, on_time, "gxj")
    desk.act(on_time, "accept", "clerk", route="local")
    clock.advance(days=1)  # Fri 11-27: 1 working day
    desk.act(on_time, "reply", "clerk", text="答复")
    desk.act(on_time, "close", "clerk")
    _rate(desk, on_time, "dissatisfied")  # reopened
    late = submit(desk, category="consult")  # Fri 11-27
    _assign(desk, late, "czj")
    desk.act(late, "accept", "clerk", route="local")  # due Tue 12-01
    clock.advance(days=6)  # Thu 12-03
    desk.act(late, "reply", "clerk", text="答复")  # 4 working days, late
    waiting = submit(desk, category="request")  # Thu 12-03, unassigned, acknowledge by Fri
    hidden = submit(desk, category="request")
    desk.act(hidden, "hide", "clerk", reason="广告")
    return {"on_time": on_time, "late": late, "waiting": waiting}


def _whole_period(desk):
    first, last, today = dt.date(2026, 11, 1), dt.date(2026, 12, 31), dt.date(2026, 12, 7)
    return compute_figures(desk.store.all(), desk.site, first, last, today)


def test_figures_per_department_and_category(desk, crafted):
    figures = _whole_period(desk)
    rows = {row.name: row for row in figures.by_department}
    assert list(rows) == ["晋江市财政局", "晋江市工业和信息化局", "未分派"]
    gxj, czj, none = rows["晋江市工业和信息化局"], rows["晋江市财政局"], rows["未分派"]
    # Reopened after the dissatisfied rating: open again, and overdue.
    assert (gxj.received, gxj.finished, gxj.on_time, gxj.overdue) == (1, 0, 0, 1)
    assert (gxj.dissatisfied, gxj.reopened) == (1, 1)
    assert (czj.received, czj.finished, czj.on_time, czj.days, czj.overdue) == (1, 1, 0, [4], 0)
    assert (none.received, none.overdue) == (1, 1)  # acknowledge by Fri 12-04, today Mon 12-07
    categories = {row.name: row for row in figures.by_category}
    assert categories["政策咨询"].received == 2 and categories["困难诉求"].received == 1
    assert categories["政策咨询"].median_days == 4.0 and categories["投诉举报"].received == 0
    assert figures.total.received == 3  # the hidden petition is not counted


def test_period_filter_counts_by_received_day(desk, crafted):
    today = dt.date(2026, 12, 7)
    first, last = period_bounds("month", today)
    assert (first, last) == (dt.date(2026, 12, 1), today)
    assert compute_figures(desk.store.all(), desk.site, first, last, today).total.received == 1
    assert period_bounds("quarter", today)[0] == dt.date(2026, 10, 1)
    assert period_bounds("year", today)[0] == dt.date(2026, 1, 1)
    with pytest.raises(PeriodError, match="不能晚于"):
        period_bounds("custom", today, dt.date(2026, 12, 2), dt.date(2026, 12, 1))


def test_csv_has_chinese_headers_and_no_codes(desk, crafted):
    figures = _whole_period(desk)
    text = figures_csv(figures)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[2][:3] == ["承办部门", "收到", "已办结"]
    assert ["晋江市财政局", "1", "1", "0", "0", "4", "0", "0"] in rows
    for code in ("gxj", "czj", "consult", "request"):
        assert code not in text


def test_cli_prints_the_figures_and_csv(desk, crafted, site_path, database_url, monkeypatch):
    monkeypatch.setenv("QINQING_SECRET_KEY", SECRET.decode())
    args = [
        "petitions",
        "--config",
        str(site_path),
        "--database-url",
        database_url,
        "--today",
        "2026-12-07",
    ]
    shown = CliRunner().invoke(main, [*args, "figures", "--period", "year"])
    assert shown.exit_code == 0, shown.output
    assert "统计期间：2026-01-01 至 2026-12-07" in shown.output and "晋江市财政局" in shown.output
    as_csv = CliRunner().invoke(
        main,
        [
            *args,
            "figures",
            "--csv",
            "--period",
            "custom",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-31",
        ],
    )
    assert as_csv.exit_code == 0 and "合计,1," in as_csv.output
    wrong = CliRunner().invoke(main, [*args, "figures", "--period", "custom"])
    assert wrong.exit_code == 2 and "开始日期和结束日期" in wrong.output
