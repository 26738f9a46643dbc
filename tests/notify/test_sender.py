"""The sender as `qinqing notify run`: a SIGKILL mid-batch loses nothing; an SMTP outage is
retried, then shown as failed and queued again by staff."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.notify.channel import key_token
from generator.notify.outbox import Message, Outbox
from generator.petitions.keys import Keyring

from .conftest import SECRET, wait_for

ROOT = Path(__file__).resolve().parents[2]
COUNT = 40


def _env(site_path, database_url, smtp_server, **extra) -> dict[str, str]:
    env = {
        **os.environ,
        "QINQING_CONFIG": str(site_path),
        "QINQING_DATABASE_URL": database_url,
        "QINQING_SECRET_KEY": SECRET.decode(),
        "QINQING_SMTP_HOST": smtp_server.host,
        "QINQING_SMTP_PORT": str(smtp_server.port),
        "QINQING_SMTP_SECURITY": "none",
        "QINQING_SMTP_FROM": "亲清 <noreply@example.gov.cn>",
        **extra,
    }
    return env


def _qinqing(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator.cli.main", "notify", *args]


def _queue(store, count: int) -> list[str]:
    outbox = Outbox(store, Keyring(SECRET))
    messages = [
        Message(f"k{n:03d}", "email", f"user{n}@example.com", "petition.closed",
                {"site": "亲清", "receipt": f"R{n}", "lookup": "https://x.example/petitions/lookup/"})
        for n in range(count)
    ]  # fmt: skip
    outbox.put(messages, time.time() - 1)
    return [m.key for m in messages]


def test_sigkill_mid_batch_loses_nothing(store, site_path, database_url, smtp_server):
    keys = _queue(store, COUNT)
    smtp_server.delay = 0.02
    env = _env(
        site_path, database_url, smtp_server, QINQING_NOTIFY_LEASE="1", QINQING_NOTIFY_BATCH="25"
    )
    sender = subprocess.Popen(
        _qinqing("run", "--poll", "0.2"), cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(lambda: len(smtp_server.messages) >= 10, "the first mails of the batch")
        sender.send_signal(signal.SIGKILL)
        sender.wait(timeout=10)
    finally:
        if sender.poll() is None:
            sender.kill()
    smtp_server.delay = 0
    # A fresh sender, run until the killed one's lease has run out and everything is sent.
    deadline = time.monotonic() + 30
    while Outbox(store, Keyring(SECRET)).counts() != {"sent": COUNT}:
        assert time.monotonic() < deadline, Outbox(store, Keyring(SECRET)).counts()
        subprocess.run(
            _qinqing("run", "--once"), cwd=ROOT, env=env, check=True, capture_output=True
        )
    ids = [m["Message-ID"] for m in smtp_server.messages]
    expected = {f"<{key_token(k)}@example.gov.cn>" for k in keys}
    assert set(ids) == expected  # every message arrived
    for key in keys:  # a duplicate only with the same key, to the same recipient
        mine = [
            m
            for m in smtp_server.messages
            if m["Message-ID"] == f"<{key_token(key)}@example.gov.cn>"
        ]
        assert {m["To"] for m in mine} == {f"user{int(key[1:])}@example.com"}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_smtp_outage_is_retried_then_failed_listed_and_retried(
    store, site_path, database_url, smtp_server
):
    _queue(store, 2)
    smtp_server.refuse = "451 4.3.0 mail system unavailable"
    env = _env(
        site_path,
        database_url,
        smtp_server,
        QINQING_NOTIFY_MAX_ATTEMPTS="3",
        QINQING_NOTIFY_RETRY_BASE="0",
    )
    runs = [
        subprocess.run(_qinqing("run", "--once"), cwd=ROOT, env=env, capture_output=True, text=True)
    ]
    assert runs[0].returncode == 0, runs[0].stderr
    assert "发送失败 2 条" in runs[0].stdout
    listed = subprocess.run(
        _qinqing("list", "--failed"), cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert listed.stdout.count("发送失败") == 2 and "451" in listed.stdout
    assert "user0@example.com" not in listed.stdout  # staff see no recipient
    assert len(Outbox(store, Keyring(SECRET)).attempts("k000")) == 3
    smtp_server.refuse = None
    retried = subprocess.run(
        _qinqing("retry", "--all-failed"), cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert "已重新排队 2 条" in retried.stdout
    sent = subprocess.run(
        _qinqing("run", "--once"), cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert "已发送 2 条" in sent.stdout
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "user0@example.com",
        "user1@example.com",
    ]


def test_a_bad_setting_is_named(site_path, smtp_server):
    env = _env(
        site_path,
        "sqlite:///" + str(site_path.parent / "x.db"),
        smtp_server,
        QINQING_SMTP_SECURITY="ssl",
    )
    run = subprocess.run(
        _qinqing("run", "--once"), cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode != 0 and "QINQING_SMTP_SECURITY" in run.stderr


def test_several_workers_deliver_each_message_once(store, smtp_server):
    from generator.notify.compose import render
    from generator.notify.config import SmtpConfig
    from generator.notify.mail import SmtpChannel
    from generator.notify.sender import Sender

    keys = _queue(store, COUNT)
    smtp = SmtpConfig(smtp_server.host, smtp_server.port, "none", "亲清 <noreply@example.gov.cn>")
    made: list[SmtpChannel] = []

    def channels():
        made.append(SmtpChannel(smtp))
        return {"email": made[-1]}

    sender = Sender(Outbox(store, Keyring(SECRET)), channels, render, batch=10, workers=3)
    assert sender.run_once().sent == COUNT
    assert len(made) == 3  # one connection per worker, kept across batches
    assert sorted(m["Message-ID"] for m in smtp_server.wait(COUNT)) == sorted(
        f"<{key_token(k)}@example.gov.cn>" for k in keys
    )


def test_staff_digest_command(store, site_path, database_url, smtp_server):
    env = _env(site_path, database_url, smtp_server)
    done = subprocess.run(
        _qinqing("staff-digest", "--today", "2026-11-26"),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "已为 0 位工作人员排队待办摘要" in done.stdout
