"""Staff commands through click's CliRunner against a real database."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.staff.accounts import Account
from generator.staff.store import StaffStore
from tests.petitions.conftest import SECRET, submit


def add_account(desk, login: str, roles: set[str], departments: set[str] = frozenset(), **more):
    account = Account(login, f"测试{login}", roles=frozenset(roles),
                      departments=frozenset(departments), **more)  # fmt: skip
    return StaffStore(desk.store, desk.keys).add(
        account, "a long test password", "test", desk.now()
    )


@pytest.fixture
def run(site_path, database_url, monkeypatch, desk):
    """`qinqing petitions …` acting as the supervisor account "zhang" (QINQING_STAFF_ACCOUNT)."""
    monkeypatch.setenv("QINQING_SECRET_KEY", SECRET.decode())
    add_account(desk, "zhang", {"supervisor"})
    monkeypatch.setenv("QINQING_STAFF_ACCOUNT", "zhang")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(
            main, ["petitions", "--config", str(site_path), "--database-url", database_url, *args],
            catch_exceptions=False,
        )  # fmt: skip

    return invoke


def test_list_puts_overdue_first_and_filters(run, desk, clock):
    old = submit(desk, subject="旧诉求")  # received Thu 2026-11-26: acknowledge by Fri 11-27
    clock.advance(days=5)  # Tue 12-01
    new = submit(desk, subject="新诉求")  # acknowledge by Wed 12-02
    listing = run("--today", "2026-12-01", "list")
    assert listing.exit_code == 0
    lines = listing.output.splitlines()
    assert lines[0].startswith("超期") and old in lines[0]
    assert new in lines[1] and not lines[1].startswith("超期")
    overdue = run("--today", "2026-12-01", "list", "--overdue").output
    assert old in overdue and new not in overdue
    assert new in run("--today", "2026-12-01", "list", "--due-within", "1").output
    assert "没有符合条件" in run("--today", "2026-11-26", "list", "--due-within", "0").output


def test_lifecycle_commands_and_refusals(run, desk):
    receipt = submit(desk)
    refused = run("reply", receipt, "--text", "答复")
    assert refused.exit_code == 1 and "只有已受理的诉求可以答复" in refused.output
    assert run("accept", receipt, "--route", "local").exit_code == 0
    extended = run("extend", receipt, "--days", "3", "--reason", "需要现场核查")
    assert extended.exit_code == 0 and "期限" in extended.output
    assert run("reply", receipt, "--text", "已协调解决").exit_code == 0
    assert run("close", receipt).exit_code == 0
    shown = run("show", receipt).output
    assert (
        "13905951234" not in shown
        and "延期 3 个工作日：需要现场核查" in shown
        and "已办结" in shown
    )
    assert "联系人：（隐藏" in shown
    assert run("show", "20990101-XXXXX").exit_code == 1
    other = submit(desk)
    assert run("hide", other, "--reason", "广告").exit_code == 0
    assert desk.store.get(other).state.status == "hidden"


def test_as_names_an_enabled_account_allowed_to_act(run, desk):
    receipt = submit(desk)
    add_account(desk, "lin", {"handler"}, {"gxj"})
    add_account(desk, "wu", {"discipline"})
    add_account(desk, "old", {"supervisor"}, disabled=True)
    for login, why in (
        ("nobody", "没有登录名为“nobody”"),
        ("old", "已停用"),
        ("wu", "无权执行此操作"),
        ("lin", "只能办理本部门的诉求"),  # the petition has no department yet
    ):
        refused = run("accept", receipt, "--route", "local", "--as", login)
        assert refused.exit_code == 1 and why in refused.output, login
    assert len(desk.store.get(receipt).events) == 1
    assert run("accept", receipt, "--route", "local", "--as", "zhang").exit_code == 0
    assert desk.store.get(receipt).events[-1].actor == "zhang"
    refused = run("--today", "2029-01-01", "purge", "--as", "lin")
    assert refused.exit_code == 1 and "无权执行此操作" in refused.output


def test_export_csv_without_and_with_contact(run, desk, tmp_path):
    submit(desk, subject="=HYPERLINK(1)")
    plain = run("export").output
    rows = list(csv.DictReader(io.StringIO(plain)))
    assert len(rows) == 1 and rows[0]["subject"].startswith("'=")
    assert "13905951234" not in plain and "phone" not in rows[0]
    target = tmp_path / "out.csv"
    assert run("export", "--with-contact", "-o", str(target)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[0]["phone"] == "13905951234"


def test_an_output_file_in_a_missing_folder_is_named_not_an_internal_error(run, desk, tmp_path):
    submit(desk)
    target = tmp_path / "no-such-folder" / "out.csv"
    result = run("export", "-o", str(target))
    assert result.exit_code == 2
    assert f"无法读写 {target}：文件或所在目录不存在" in result.output
    assert "内部错误" not in result.output and "Traceback" not in result.output


def test_purge_after_retention(run, desk, site):
    receipt = submit(desk)
    for action, options in (
        ("accept", {"route": "decline", "note": "不属于本局职责"}),
        ("reply", {"text": "不属于本局职责"}),
        ("close", {}),
    ):
        desk.act(receipt, action, "staff", **options)
    assert "共 0 件" in run("--today", "2026-12-01", "purge").output
    dry = run("--today", "2029-01-01", "purge", "--dry-run").output
    assert f"将删除 {receipt}" in dry and desk.store.get(receipt).contact is not None
    assert f"已删除 {receipt}" in run("--today", "2029-01-01", "purge").output
    assert desk.store.get(receipt).contact is None


def test_bad_settings_fail_naming_the_setting(site_path, tmp_path, monkeypatch):
    monkeypatch.setenv("QINQING_SECRET_KEY", SECRET.decode())
    runner = CliRunner()
    bad_url = runner.invoke(
        main, ["petitions", "--config", str(site_path), "--database-url", "mysql://x", "list"]
    )
    assert bad_url.exit_code == 1 and "QINQING_DATABASE_URL" in bad_url.output
    missing = runner.invoke(main, ["petitions", "--config", str(tmp_path / "none.yaml"), "list"])
    assert missing.exit_code == 1 and "QINQING_CONFIG" in missing.output
    monkeypatch.setenv("QINQING_RATE_LIMIT", "lots")
    rate = runner.invoke(
        main,
        [
            "petitions",
            "--config",
            str(site_path),
            "--database-url",
            f"sqlite:///{tmp_path}/x.db",
            "list",
        ],
    )
    assert rate.exit_code == 1 and "QINQING_RATE_LIMIT" in rate.output


def test_every_command_and_option_is_documented():
    from pathlib import Path

    from generator.cli.petitions import petitions

    docs = (Path(__file__).parents[2] / "docs" / "petitions.md").read_text(encoding="utf-8")
    for name, command in petitions.commands.items():
        assert f"qinqing petitions {name}" in docs, name
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("--"):
                    assert option in docs, f"{name} {option}"


def test_reply_file_that_is_not_utf8_is_a_clear_error(run, desk, tmp_path):
    receipt = submit(desk)
    bad = tmp_path / "reply.txt"
    bad.write_bytes("答复内容".encode("gbk"))
    result = run("reply", receipt, "--file", str(bad))
    assert result.exit_code == 1
    assert "须为 UTF-8 文本" in result.output


def test_transfer_note_and_route_details(run, desk):
    receipt = submit(desk)
    refused = run("accept", receipt, "--route", "escalate")
    assert refused.exit_code == 1 and "上报必须填写报送的上级机关" in refused.output
    accepted = run(
        "accept", receipt, "--route", "escalate", "--forwarded-to", "泉州市工信局",
        "--forwarded-on", "2026-11-27",
    )  # fmt: skip
    assert accepted.exit_code == 0
    assert desk.store.get(receipt).events[-1].data["forwarded_on"] == "2026-11-27"
    assert run("note", receipt, "--text", "已电话了解").exit_code == 0
    add_account(desk, "lin", {"handler"}, {"gxj"})
    refused = run("transfer", receipt, "--to", "gxj", "--reason", "x", "--as", "lin")
    assert refused.exit_code == 1 and "无权执行此操作" in refused.output
    unknown = run("transfer", receipt, "--to", "nowhere", "--reason", "x")
    assert unknown.exit_code == 1 and "未知的机构代码" in unknown.output
    assert run("transfer", receipt, "--to", "gxj", "--reason", "属工信局职责").exit_code == 0
    record = desk.store.get(receipt)
    assert record.state.department == "gxj"
    assert [(e.kind, e.actor) for e in record.events[-2:]] == [
        ("noted", "zhang"), ("transferred", "zhang")
    ]  # fmt: skip


def test_reindex_rewrites_the_queue_index(run, desk):
    receipt = submit(desk)
    with desk.store.tx() as conn:
        desk.store.query(conn, "UPDATE queue SET due = '2000-01-01' WHERE receipt = ?", (receipt,))
    answer = run("reindex")
    assert answer.exit_code == 0 and "1 件" in answer.output
    with desk.store.tx() as conn:
        [(due,)] = desk.store.query(conn, "SELECT due FROM queue WHERE receipt = ?", (receipt,))
    assert due == desk.due(desk.store.get(receipt)).date.isoformat()


def test_show_contact_is_a_recorded_view(run, desk):
    from generator.staff import audit

    receipt = submit(desk)
    refused = run("show", receipt, "--contact")
    assert refused.exit_code == 1 and "必须说明理由" in refused.output
    shown = run("show", receipt, "--contact", "--reason", "电话核实")
    assert shown.exit_code == 0 and "13905951234" in shown.output
    event = desk.store.get(receipt).events[-1]
    assert (event.kind, event.actor, event.public) == ("contact_viewed", "zhang", False)
    with desk.store.tx() as conn:
        [entry] = audit.list_entries(conn, action="contact-viewed")
    assert (entry.actor, entry.receipt, entry.detail["reason"]) == ("zhang", receipt, "电话核实")


def test_a_report_is_not_for_handlers_or_supervisors_on_the_cli(run, desk):
    report = submit(desk, category="report")
    for args in (
        ("accept", report, "--route", "local"),
        ("show", report, "--contact", "--reason", "x"),
    ):
        refused = run(*args)
        assert refused.exit_code == 1 and "纪检" in refused.output
    assert len(desk.store.get(report).events) == 1
