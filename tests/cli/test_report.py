"""`qinqing report`: the right items for a fixed day, from content and from the petition store."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.cli.report import build_report
from generator.content.loader import load_content
from generator.credit_code import check_character
from generator.petitions.backends import open_store
from generator.petitions.config import Settings
from generator.petitions.service import Petitions
from tests.cli.conftest import write_item

TODAY = dt.date(2026, 6, 15)
SECRET = b"report-test-secret-0123456789abcdef-0123456789"


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def fund(opens: int, closes: int, extra: str = "") -> str:
    return f"""
title: 测试资金 {opens} {closes}
department: office
published: {day(-30)}
basis: [example-policy]
opens: {day(opens)}
closes: {day(closes)}
funding: 按投资额的10%补助
eligibility:
  - text: 本地注册
{extra}
"""


def notice(end: int) -> str:
    first = "91350000MA0000042"
    return f"""
title: 测试公示 {end}
department: office
published: {day(-5)}
publicity: {{start: {day(-5)}, end: {day(end)}}}
objections: {{phone: 0000-1, email: a@example.gov.cn, address: 某路1号}}
recipients:
  - {{name: 甲公司, credit_code: {first + check_character(first)}, amount: 1000}}
"""


def policy(expires: int, extra: str = "") -> str:
    return f"""
title: 测试政策 {expires}
department: office
published: {day(-400)}
issuer: 测试机关
level: local
signed: {day(-400)}
expires: {day(expires)}
{extra}
"""


def guide(reviewed: int) -> str:
    return f"""
title: 测试指南 {reviewed}
department: office
published: {day(-800)}
audience: 企业
steps: [{{name: 申请, text: 提交}}]
legal_limit: 10
promised_limit: 5
reviewed: {day(reviewed)}
"""


ITEMS = {
    "funds/closing-today.md": (fund(-10, 0), "fund_closing"),
    "funds/closing-in-7.md": (fund(-10, 7), "fund_closing"),
    "funds/closing-in-8.md": (fund(-10, 8), None),
    "funds/not-open-yet.md": (fund(1, 3), None),
    "funds/withdrawn-fund.md": (
        fund(-10, 2, f"withdrawn: {{date: {day(-1)}, reason: 撤回}}"),
        None,
    ),
    "announcements/ends-in-3.md": (notice(3), "publicity_ending"),
    "announcements/ends-in-4.md": (notice(4), None),
    "policies/expires-in-90.md": (policy(90), "policy_expiring"),
    "policies/expires-in-91.md": (policy(91), None),
    "policies/expired-yesterday.md": (policy(-1), None),
    "policies/repealed-early.md": (policy(10, f"repealed: {{date: {day(-2)}}}"), None),
    "guides/reviewed-366-days-ago.md": (guide(-366), "guide_review"),
    "guides/reviewed-365-days-ago.md": (guide(-365), None),
}


@pytest.fixture
def report_site(new_site: Path) -> Path:
    content = new_site / "content"
    for rel, (front, _) in ITEMS.items():
        write_item(content, rel, front, "")
    return content


def expected_ids() -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = {}
    for rel, (_, kind) in ITEMS.items():
        if kind:
            wanted.setdefault(kind, set()).add(Path(rel).stem)
    return wanted


def test_report_lists_exactly_the_items_due_on_the_day(report_site: Path):
    result = load_content(report_site, TODAY)
    assert result.ok, [p.message() for p in result.errors]
    actions = build_report(result.index, TODAY)
    got: dict[str, set[str]] = {}
    for action in actions:
        got.setdefault(action.kind, set()).add(action.id)
    assert got == expected_ids()
    by_id = {a.id: a for a in actions}
    assert by_id["closing-today"].days_left == 0
    assert by_id["closing-in-7"].days_left == 7
    assert by_id["reviewed-366-days-ago"].days_left == -1
    assert by_id["expires-in-90"].path == "content/policies/expires-in-90.md"


def test_report_text_and_json(report_site: Path, run_cli):
    text = run_cli("report", "--content", report_site, "--today", TODAY.isoformat())
    assert text.exit_code == 0
    assert "资金项目即将截止（2 项）" in text.output
    assert f"closing-today 测试资金 -10 0：{TODAY}（今天）" in text.output
    assert "未检查企业诉求" in text.output
    data = json.loads(
        run_cli(
            "report", "--content", report_site, "--today", TODAY.isoformat(), "--format", "json"
        ).output
    )
    assert data["today"] == TODAY.isoformat()
    assert {a["id"] for a in data["actions"]} == set().union(*expected_ids().values())


def _submit(desk: Petitions, subject: str) -> str:
    clean = {"category": "consult", "subject": subject, "content": "请问申报条件。"}
    outcome = desk.submit(clean, None, None)
    assert outcome.kind == "created"
    return outcome.receipt


def test_report_lists_overdue_petitions_from_the_store(report_site: Path, tmp_path: Path, run_cli):
    site = load_content(report_site).index.site
    url = f"sqlite:///{tmp_path / 'petitions.sqlite3'}"
    store = open_store(url)
    settings = Settings(site=site, database_url=url, secret=SECRET, rate_limits=None)
    zone = site.zone

    def desk_at(when: dt.datetime) -> Petitions:
        return Petitions(settings, store, lambda: when)

    # Received two weeks ago, never acknowledged: overdue. Received today: not yet due.
    old = _submit(desk_at(dt.datetime(2026, 6, 1, 9, 0, tzinfo=zone)), "两周前的咨询")
    _submit(desk_at(dt.datetime(2026, 6, 15, 9, 0, tzinfo=zone)), "今天的咨询")
    # Accepted and answered in time: nothing due any more.
    answered = _submit(desk_at(dt.datetime(2026, 6, 2, 9, 0, tzinfo=zone)), "已答复的咨询")
    desk = desk_at(dt.datetime(2026, 6, 2, 10, 0, tzinfo=zone))
    desk.act(answered, "accept", "staff", route="local")
    desk.act(answered, "reply", "staff", text="答复如下。")
    store.close()

    result = run_cli(
        "report", "--content", report_site, "--today", TODAY.isoformat(), "--database", url
    )
    assert result.exit_code == 0, result.output
    assert "企业诉求已超期（1 项）" in result.output
    assert old in result.output and "两周前的咨询" in result.output
    assert "今天的咨询" not in result.output and answered not in result.output
    assert "未检查企业诉求" not in result.output


def test_report_refuses_a_missing_database_clearly(report_site: Path, tmp_path: Path, run_cli):
    missing = tmp_path / "none.sqlite3"
    result = run_cli("report", "--content", report_site, "--database", f"sqlite:///{missing}")
    assert result.exit_code == 1
    assert "诉求数据库文件不存在" in result.output
    assert not missing.exists()
    bad = run_cli("report", "--content", report_site, "--database", "mysql://x")
    assert bad.exit_code == 1 and "数据库地址无效" in bad.output
