"""Staff notices over real SMTP: a petition arriving in a department reaches its handlers (a
投诉举报 the discipline accounts instead); the daily digest lists what is due within two working
days and what is overdue, overdue also to supervisors; none carries a query code."""

from __future__ import annotations

import pytest

from generator.notify.compose import install, render
from generator.notify.config import SmtpConfig
from generator.notify.mail import SmtpChannel
from generator.notify.sender import Sender
from generator.notify.staff_notices import render_staff, staff_digests
from generator.petitions.config import ConfigError, load_site
from generator.petitions.service import Petitions
from generator.petitions.states import Event
from generator.petitions.validation import validate
from generator.staff.accounts import Account
from generator.staff.store import StaffStore
from tests.petitions.conftest import make_settings, valid_petition

BASE = "https://intranet.example.gov.cn/staff"


@pytest.fixture
def office(site_path, store, database_url, clock, monkeypatch):
    site_path.write_text(
        site_path.read_text(encoding="utf-8").replace(
            "departments:\n  gxj:\n    name: 晋江市工业和信息化局\n",
            "departments:\n  gxj:\n    name: 晋江市工业和信息化局\n  swj:\n    name: 晋江市商务局\n",
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("QINQING_STAFF_URL", BASE)
    settings = make_settings(load_site(site_path), database_url, "off")
    outbox = install(store, settings)
    staff = StaffStore(store, outbox.keys)
    people = [
        ("lin", {"handler"}, {"gxj"}), ("wu", {"handler"}, {"swj"}), ("chen", {"supervisor"}, {"gxj"}),
        ("zhao", {"discipline"}, set()), ("off", {"handler"}, {"gxj"}),
    ]  # fmt: skip
    for login, roles, departments in people:
        account = Account(
            login,
            f"测试{login}",
            f"{login}@example.gov.cn",
            "",
            frozenset(roles),
            frozenset(departments),
            disabled=login == "off",
        )
        staff.add(account, "a-long-password-123", "test", clock())
    desk = Petitions(settings, store, clock)
    return desk, outbox, staff


def _submit(desk, department: str, **changes) -> tuple[str, str]:
    clean, errors = validate(valid_petition(**changes), desk.site.petitions, from_form=False)
    assert not errors
    outcome = desk.submit(clean, None, None)
    at = desk.now()
    desk.store.change(
        outcome.receipt,
        lambda r: [Event(at, "assigned", "chen", "分派", False, {"department": department})],
    )
    return outcome.receipt, desk.answer(outcome)["code"]


def _send(outbox, smtp_server, clock) -> int:
    channel = SmtpChannel(
        SmtpConfig(smtp_server.host, smtp_server.port, "none", "亲清 <noreply@example.gov.cn>")
    )
    return (
        Sender(outbox, {"email": channel}, render, clock=lambda: clock().timestamp())
        .run_once()
        .sent
    )


def test_a_new_petition_reaches_its_departments_handlers(office, smtp_server, clock):
    desk, outbox, _staff = office
    receipt, code = _submit(desk, "gxj")
    report, report_code = _submit(desk, "gxj", category="report", anonymous=True)
    assert _send(outbox, smtp_server, clock) == 2
    mails = smtp_server.wait(2)
    by_to = {m["To"]: m for m in mails}
    assert set(by_to) == {
        "lin@example.gov.cn",
        "zhao@example.gov.cn",
    }  # not wu, not the disabled one
    assert (
        receipt in by_to["lin@example.gov.cn"].get_content()
        and f"{BASE}/petitions/{receipt}" in by_to["lin@example.gov.cn"].get_content()
    )
    assert (
        report in by_to["zhao@example.gov.cn"].get_content()
    )  # the report goes to discipline only
    for mail in mails:
        assert code not in mail.get_content() and report_code not in mail.get_content()


def test_the_daily_digest_due_and_overdue(office, smtp_server, clock):
    desk, outbox, staff = office
    late, _ = _submit(desk, "swj")  # received Thursday: acknowledge within 1 working day
    clock.advance(days=5)  # the next Tuesday: overdue
    soon, _ = _submit(desk, "gxj")
    _send(outbox, smtp_server, clock)
    smtp_server.messages.clear()
    smtp_server.envelopes.clear()
    today = desk.now().date()
    records = desk.store.all()
    assert (
        staff_digests(outbox, staff, records, desk.casebook, today, BASE, clock().timestamp()) == 3
    )
    assert (
        staff_digests(outbox, staff, records, desk.casebook, today, BASE, clock().timestamp()) == 0
    )  # once a day
    assert _send(outbox, smtp_server, clock) == 3
    mails = {m["To"]: m.get_content() for m in smtp_server.wait(3)}
    assert set(mails) == {"lin@example.gov.cn", "wu@example.gov.cn", "chen@example.gov.cn"}
    assert soon in mails["lin@example.gov.cn"] and late not in mails["lin@example.gov.cn"]
    assert late in mails["wu@example.gov.cn"] and "已超期 1 件" in mails["wu@example.gov.cn"]
    assert (
        late in mails["chen@example.gov.cn"] and soon in mails["chen@example.gov.cn"]
    )  # overdue to the supervisor


def test_a_departments_group_robot_hears_of_new_petitions(
    site_path, store, database_url, clock, http_recorder, monkeypatch
):
    from generator.notify.robots import WecomRobot

    url = f"{http_recorder.url}/cgi-bin/webhook/send?key=gxj"
    monkeypatch.setenv("QINQING_STAFF_ROBOTS", f"gxj=wecom:{url}")
    settings = make_settings(load_site(site_path), database_url, "off")
    outbox = install(store, settings)
    desk = Petitions(settings, store, clock)
    receipt, code = _submit(desk, "gxj")
    _submit(desk, "gxj", category="report", anonymous=True)  # never to a group
    sender = Sender(outbox, {"wecom": WecomRobot()}, render, clock=lambda: clock().timestamp())
    assert sender.run_once().sent == 1
    (request,) = http_recorder.requests
    text = request.json()["text"]["content"]
    assert receipt in text and code not in text


def test_a_bad_robot_setting_is_named():
    from generator.notify.config import staff_robots
    from generator.petitions.config import ConfigError

    assert staff_robots(
        {"QINQING_STAFF_ROBOTS": "gxj=dingtalk:https://oapi.dingtalk.com/robot/send?access_token=t"}
    ) == {"gxj": ("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=t")}
    with pytest.raises(ConfigError, match="QINQING_STAFF_ROBOTS"):
        staff_robots({"QINQING_STAFF_ROBOTS": "gxj=slack:https://x"})


def test_a_bad_robot_setting_stops_the_command_line_with_its_name(
    site_path, store, database_url, monkeypatch
):
    from click.testing import CliRunner

    from generator.cli.main import main
    from tests.petitions.conftest import SECRET

    settings = make_settings(load_site(site_path), database_url, "off")
    with pytest.raises(ConfigError, match="QINQING_STAFF_ROBOTS"):
        install(store, settings, {"QINQING_STAFF_ROBOTS": "gxj=slack:https://x"})
    assert store.listeners == []  # nothing half-installed
    monkeypatch.setenv("QINQING_SECRET_KEY", SECRET.decode())
    monkeypatch.setenv("QINQING_STAFF_ROBOTS", "gxj=slack:https://x")
    answer = CliRunner().invoke(
        main, ["petitions", "--config", str(site_path), "--database-url", database_url, "list"]
    )
    assert answer.exit_code == 1, answer.output
    assert "QINQING_STAFF_ROBOTS" in answer.output and "内部错误" not in answer.output


def test_staff_mails_show_dates_as_people_read_them():
    line = {
        "receipt": "R1",
        "category": "咨询",
        "status": "待受理",
        "due": "2026-12-03",
        "link": "L",
    }
    new = render_staff(
        "new",
        {"receipt": "R1", "category": "咨询", "department": "工信局", "handed_over": False,
         "due": "2026-12-03", "link": "L"},
    )  # fmt: skip
    digest = render_staff(
        "digest", {"name": "林", "date": "2026-12-01", "overdue": [line], "due": []}
    )
    assert "办理期限：2026年12月3日" in new.text
    assert "截至 2026年12月1日" in digest.text and "期限 2026年12月3日" in digest.text
