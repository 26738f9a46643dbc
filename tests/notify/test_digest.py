"""The digest: baseline, new and major updates only, deadline reminders, one mail per subscriber
even with several digests at once, sent over real SMTP with the unsubscribe headers."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from generator.notify.compose import render
from generator.notify.config import SmtpConfig
from generator.notify.digest import run_digest
from generator.notify.mail import SmtpChannel
from generator.notify.outbox import Outbox
from generator.notify.sender import Sender
from generator.notify.subscriptions import ACTIVE, Choices, Subscriptions
from generator.petitions.casebook import site_calendar
from generator.petitions.keys import Keyring

from .conftest import SECRET

TODAY = dt.date(2026, 11, 26)  # a Thursday
NOW = 1_800_000_000.0


def item(collection, ident, updated="2026-11-01", **front):
    status = front.pop("status", None)
    return {
        "id": ident, "collection": collection, "collection_label": {"funds": "资金项目", "policies": "政策文件"}[collection],
        "url": f"https://qinqing.example.gov.cn/{collection}/{ident}/", "title": f"标题 {ident}",
        "department": {"code": "gxj"}, "feed_updated": updated, "withdrawn": False,
        "status": {"code": status} if status else None, "front_matter": front,
    }  # fmt: skip


@pytest.fixture
def outbox(store):
    return Outbox(store, Keyring(SECRET))


def subscribe(outbox, address, **choices):
    subs = Subscriptions(outbox.store, outbox.keys)
    with outbox.store.tx() as conn:
        _, subscriber = subs.request(conn, address, Choices(**choices), NOW)
    subs.set_status(subscriber.id, ACTIVE, NOW)
    return subscriber


def digests(outbox) -> dict[str, dict]:
    claimed = outbox.claim(NOW + 10, 1000, 60)
    outbox.settle([(c, None) for c in claimed], NOW + 10)
    return {
        c.message.recipient: c.message.payload
        for c in claimed
        if c.message.template == "subscription.digest"
    }


def test_baseline_then_new_and_major_only(outbox, site):
    calendar = site_calendar(site)
    subscribe(outbox, "p@example.com", collections=("policies",))
    subscribe(outbox, "t@example.com", topics=("digital",))
    first = [item("policies", "p-old"), item("policies", "p-digital", topics=["digital"])]
    assert run_digest(outbox, site, first, TODAY, calendar, NOW).baseline
    assert digests(outbox) == {}
    second = [*first, item("policies", "p-new", "2026-11-25")]
    second[1] = item("policies", "p-digital", "2026-11-25", topics=["digital"])  # a major change
    outcome = run_digest(outbox, site, second, TODAY, calendar, NOW)
    assert (outcome.entries, outcome.queued) == (2, 2)
    sent = digests(outbox)
    assert [e["title"] for e in sent["p@example.com"]["items"]] == ["标题 p-digital", "标题 p-new"]
    assert [e["label"] for e in sent["p@example.com"]["items"]] == [
        "【政策文件·更新】",
        "【政策文件·新发布】",
    ]
    assert [e["title"] for e in sent["t@example.com"]["items"]] == ["标题 p-digital"]
    # The same build again, or a minor change (feed_updated unchanged): nothing new.
    second[0] = item("policies", "p-old", summary="改了错别字")
    assert run_digest(outbox, site, second, TODAY, calendar, NOW).queued == 0


def test_open_funds_and_deadline_reminders(outbox, site):
    calendar = site_calendar(site)
    subscribe(outbox, "d@example.com", deadlines=True)
    subscribe(outbox, "o@example.com", open_funds=True)
    run_digest(outbox, site, [item("policies", "p1")], TODAY, calendar, NOW)  # baseline
    funds = [
        item(
            "funds", "f-soon", status="open", opens="2026-11-01", closes="2026-12-01"
        ),  # 3 working days
        item("funds", "f-later", status="open", opens="2026-11-01", closes="2026-12-02"),
        item("funds", "f-closed", status="closed", opens="2026-10-01", closes="2026-11-20"),
    ]
    run_digest(outbox, site, [item("policies", "p1"), *funds], TODAY, calendar, NOW)
    sent = digests(outbox)
    assert [e["title"] for e in sent["d@example.com"]["reminders"]] == ["标题 f-soon"]
    assert sent["d@example.com"]["reminders"][0]["label"] == "【12月1日截止】"
    assert [e["title"] for e in sent["o@example.com"]["opened"]] == ["标题 f-soon", "标题 f-later"]
    assert (
        run_digest(outbox, site, [item("policies", "p1"), *funds], TODAY, calendar, NOW).queued == 0
    )


def test_several_digests_at_once_send_each_mail_once(outbox, site):
    calendar = site_calendar(site)
    for n in range(30):
        subscribe(outbox, f"s{n}@example.com", collections=("policies",))
    run_digest(outbox, site, [item("policies", "p1")], TODAY, calendar, NOW)
    build = [item("policies", "p1"), item("policies", "p2", "2026-11-25")]
    barrier = threading.Barrier(3)

    def digest():
        barrier.wait(timeout=10)
        run_digest(outbox, site, build, TODAY, calendar, NOW)

    threads = [threading.Thread(target=digest) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outbox.counts() == {"pending": 30}


def test_digest_mail_over_smtp(outbox, site, smtp_server):
    subscribe(outbox, "p@example.com", collections=("policies",))
    calendar = site_calendar(site)
    run_digest(outbox, site, [], TODAY, calendar, NOW)
    run_digest(outbox, site, [item("policies", "p-new", "2026-11-25")], TODAY, calendar, NOW)
    channel = SmtpChannel(
        SmtpConfig(smtp_server.host, smtp_server.port, "none", "亲清 <noreply@example.gov.cn>")
    )
    assert Sender(outbox, {"email": channel}, render, clock=lambda: NOW + 10).run_once().sent == 1
    (mail,) = smtp_server.wait(1)
    assert mail["To"] == "p@example.com" and "1 条与您有关的内容" in str(mail["Subject"])
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        mail["List-Unsubscribe"]
        .strip()
        .startswith("<https://qinqing.example.gov.cn/api/subscriptions/unsubscribe?s=")
    )
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "标题 p-new" in text and "https://qinqing.example.gov.cn/policies/p-new/" in text
    assert '<a href="https://qinqing.example.gov.cn/policies/p-new/">标题 p-new</a>' in html
