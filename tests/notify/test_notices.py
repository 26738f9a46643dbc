"""Enterprise notices: queued with their events, delivered once each over real SMTP, never the code."""

from __future__ import annotations

import pytest

from generator.notify.compose import install, render
from generator.notify.config import SmtpConfig
from generator.notify.mail import SmtpChannel
from generator.notify.outbox import Outbox
from generator.notify.sender import Sender
from generator.petitions.keys import Keyring
from generator.petitions.service import Petitions
from generator.petitions.validation import validate
from tests.petitions.conftest import make_settings, valid_petition

EMAIL = "lin@example.com"


@pytest.fixture
def desk(site, store, database_url, clock):
    settings = make_settings(site, database_url, "off")
    install(store, settings)
    return Petitions(settings, store, clock)


def _submit(desk, **changes):
    clean, errors = validate(valid_petition(**changes), desk.site.petitions, from_form=False)
    assert not errors
    outcome = desk.submit(clean, None, None)
    return outcome.receipt, desk.answer(outcome)["code"]


def _sender(desk, smtp_server, clock) -> Sender:
    outbox = Outbox(desk.store, Keyring(desk.settings.secret))
    channel = SmtpChannel(
        SmtpConfig(smtp_server.host, smtp_server.port, "none", "亲清 <noreply@example.gov.cn>")
    )
    return Sender(outbox, {"email": channel}, render, clock=lambda: clock().timestamp())


def test_every_notice_is_mailed_once_to_the_enterprise_without_the_code(desk, smtp_server, clock):
    receipt, code = _submit(desk, notify_email=True)
    desk.act(receipt, "accept", "staff", route="local")
    desk.act(receipt, "extend", "staff", days=5, reason="需要现场核实")
    desk.act(receipt, "reply", "staff", text="答复内容：经核实，补贴将于本月拨付。")
    desk.act(receipt, "close", "staff")
    tally = _sender(desk, smtp_server, clock).run_once()
    assert tally.sent == 5
    mails = smtp_server.wait(5)
    assert [m["To"] for m in mails] == [EMAIL] * 5
    subjects = [str(m["Subject"]) for m in mails]
    for expected in ("诉求已收到", "诉求已受理", "诉求办理期限延长", "诉求已答复", "诉求已办结"):
        assert sum(s.startswith(expected) for s in subjects) == 1, subjects
    bodies = {str(m["Subject"]).split("（")[0]: m.get_content() for m in mails}
    for body in bodies.values():
        assert receipt in body
        assert "https://qinqing.example.gov.cn/petitions/lookup/" in body
        assert code not in body
        assert "补贴将于本月拨付" not in body  # never the reply
        assert "厂房租金" not in body  # never the petition
    assert "需要现场核实" in bodies["诉求办理期限延长"]
    assert "本级办理" in bodies["诉求已受理"]
    assert len({m["Message-ID"] for m in mails}) == 5
    assert _sender(desk, smtp_server, clock).run_once().sent == 0  # nothing twice


def test_nothing_is_queued_without_the_opt_in(desk, smtp_server, clock):
    receipt, _code = _submit(desk)
    desk.act(receipt, "accept", "staff", route="local")
    assert Outbox(desk.store, Keyring(desk.settings.secret)).counts() == {}


def test_sms_opt_in_queues_for_the_phone_only(desk):
    _submit(desk, notify_sms=True)
    outbox = Outbox(desk.store, Keyring(desk.settings.secret))
    rows = outbox.rows()
    assert [(r.channel, r.template) for r in rows] == [("sms", "petition.received")]
    claimed = outbox.claim(rows[0].next_attempt_at, 10, 60)
    assert claimed[0].message.recipient == "13905951234"


def test_recipient_is_sealed_at_rest(desk):
    _submit(desk, notify_email=True)
    with desk.store.tx() as conn:
        stored = desk.store.query(conn, "SELECT recipient, payload FROM outbox")
    assert stored and all(EMAIL not in value for row in stored for value in row)


def test_a_refused_write_queues_nothing(desk):
    """The message is written in the events' transaction: when it rolls back, so does the message."""
    receipt, _ = _submit(desk, notify_email=True)

    def failing(conn, record, events):
        raise RuntimeError("later listener fails")

    desk.store.listeners.append(failing)
    with pytest.raises(RuntimeError):
        desk.act(receipt, "accept", "staff", route="local")
    desk.store.listeners.remove(failing)
    rows = Outbox(desk.store, Keyring(desk.settings.secret)).rows()
    assert [r.template for r in rows] == ["petition.received"]
    assert desk.store.get(receipt).state.status == "received"


def test_opt_in_needs_its_address(site):
    data = valid_petition(notify_sms=True, phone="0595-88881234", notify_email=True, email="")
    _clean, errors = validate(data, site.petitions, from_form=False)
    assert [field for field, _ in errors] == ["notify_sms", "notify_email"]


def test_the_api_and_the_form_take_the_opt_in(site, database_url, clock):
    from generator.notify.compose import public_app
    from tests.petitions.conftest import Client, serve_with_waitress

    app = public_app(make_settings(site, database_url, "off"), clock=clock)
    with serve_with_waitress(app) as base:
        client = Client(base)
        answer = client.post_json(
            "/api/petitions", valid_petition(notify_sms=True, notify_email=True)
        )
        assert answer.status == 201
        form = {
            k: str(v).lower() if isinstance(v, bool) else v
            for k, v in valid_petition(notify_email=True).items()
        }
        assert client.post_form("/api/petitions", form).status == 201
        refused = client.post_json("/api/petitions", valid_petition(notify_email=True, email=""))
        assert refused.status == 422 and refused.error_fields() == {"notify_email"}
    rows = Outbox(app.store, Keyring(app.settings.secret)).rows()
    assert sorted(r.channel for r in rows) == ["email", "email", "sms"]
    app.store.close()
