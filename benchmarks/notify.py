"""Digest to many subscribers: the cost of working out who gets what, and mails per second.

Makes N confirmed subscribers (default 10,000) with random choices in a fresh database,
records a baseline of 500 items, then a build adding 20 items and 3 closing funds; times
`run_digest` (matching and queueing one mail per subscriber, in one transaction) and the
pure matching alone, then delivers the queue with `Sender.run_once` to a local SMTP sink
(aiosmtpd's Sink handler in its own process) and prints messages per second (goal ≥ 200/s).

    .venv/bin/python benchmarks/notify.py [N] [--postgres URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.support import free_port  # noqa: E402
from generator.models.site import SiteConfig  # noqa: E402
from generator.notify.compose import render  # noqa: E402
from generator.notify.config import SmtpConfig  # noqa: E402
from generator.notify.digest import candidates, run_digest, select  # noqa: E402
from generator.notify.mail import SmtpChannel  # noqa: E402
from generator.notify.outbox import Outbox  # noqa: E402
from generator.notify.sender import Sender  # noqa: E402
from generator.notify.subscriptions import ACTIVE, COLLECTIONS, Choices, Subscriptions  # noqa: E402
from generator.petitions.backends import open_store  # noqa: E402
from generator.petitions.casebook import site_calendar  # noqa: E402
from generator.petitions.keys import Keyring  # noqa: E402

TODAY = dt.date(2026, 11, 26)
WORKERS = 4  # the default of QINQING_NOTIFY_WORKERS
DEPARTMENTS = [f"d{n}" for n in range(8)]
TOPICS = [f"t{n}" for n in range(12)]
INDUSTRIES = [f"i{n}" for n in range(10)]
SITE = SiteConfig.model_validate(
    {
        "title": "基准站点", "base_url": "https://bench.example.gov.cn/",
        "departments": {d: {"name": f"部门{d}"} for d in DEPARTMENTS},
        "topics": {t: {"name": f"主题{t}"} for t in TOPICS},
        "industries": {i: {"name": f"行业{i}"} for i in INDUSTRIES},
    }
)  # fmt: skip


def _item(rng: random.Random, n: int, updated: str) -> dict:
    collection = rng.choice(COLLECTIONS)
    front = {"topics": rng.sample(TOPICS, 2), "industries": rng.sample(INDUSTRIES, 2)}
    status = None
    if collection == "funds":
        status = {"code": "open"}
        front.update(opens="2026-11-01", closes=f"2026-12-{rng.randint(1, 28):02d}")
    return {
        "id": f"item-{n}", "collection": collection, "collection_label": collection,
        "url": f"https://bench.example.gov.cn/{collection}/item-{n}/", "title": f"条目 {n}",
        "department": {"code": rng.choice(DEPARTMENTS)}, "feed_updated": updated,
        "withdrawn": False, "status": status, "front_matter": front,
    }  # fmt: skip


def _choices(rng: random.Random) -> Choices:
    return Choices(
        collections=tuple(rng.sample(COLLECTIONS, rng.randint(0, 2))),
        departments=tuple(rng.sample(DEPARTMENTS, rng.randint(0, 2))),
        topics=tuple(rng.sample(TOPICS, rng.randint(0, 3))),
        industries=tuple(rng.sample(INDUSTRIES, rng.randint(0, 2))),
        open_funds=rng.random() < 0.3,
        deadlines=rng.random() < 0.5,
    )


def _sink(port: int) -> subprocess.Popen:
    sink = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return sink
        except OSError:
            time.sleep(0.05)
    sink.kill()
    raise SystemExit("the SMTP sink did not start")


def run(count: int, url: str) -> None:
    rng = random.Random(17)
    store = open_store(url)
    outbox = Outbox(store, Keyring(b"benchmark-secret-0123456789abcdef-0123"))
    subs = Subscriptions(store, outbox.keys)
    started = time.perf_counter()
    with store.tx() as conn:
        for n in range(count):
            subs.request(conn, f"user{n}@example.com", _choices(rng), time.time())
        store.query(conn, "UPDATE subscribers SET status = ?", (ACTIVE,))
    print(f"{url.split(':')[0]}: {count} subscribers made in {time.perf_counter() - started:.1f} s")
    calendar = site_calendar(SITE)
    old = [_item(rng, n, "2026-10-01") for n in range(500)]
    run_digest(outbox, SITE, old, TODAY, calendar, time.time())
    build = old + [_item(rng, 500 + n, "2026-11-26") for n in range(20)]
    fresh = [
        e
        for e in candidates(build, TODAY, calendar)
        if not e.subject.startswith("item:") or int(e.subject.rsplit("-", 1)[1]) >= 500
    ]
    with store.tx() as conn:
        active = list(subs.active(conn))
    started = time.perf_counter()
    matched = sum(any(select(s.choices, fresh).values()) for s in active)
    match_s = time.perf_counter() - started
    print(
        f"  matching alone: {matched} of {len(active)} subscribers get a digest; {1000 * match_s:.0f} ms ({1e6 * match_s / len(active):.1f} µs each)"
    )
    started = time.perf_counter()
    outcome = run_digest(outbox, SITE, build, TODAY, calendar, time.time())
    digest_s = time.perf_counter() - started
    print(
        f"  run_digest (read subscribers, open addresses, match, queue, record): {outcome.queued} mails queued in {digest_s:.2f} s"
    )
    port = free_port()
    sink = _sink(port)
    try:
        smtp = SmtpConfig("127.0.0.1", port, "none", "基准 <bench@example.gov.cn>")
        sender = Sender(
            outbox, lambda: {"email": SmtpChannel(smtp)}, render, batch=100, workers=WORKERS
        )
        started = time.perf_counter()
        tally = sender.run_once()
        send_s = time.perf_counter() - started
    finally:
        sink.terminate()
        sink.wait(timeout=10)
    print(
        f"  sent {tally.sent} mails in {send_s:.1f} s: {tally.sent / send_s:.0f} messages/s (goal ≥ 200/s)"
    )
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--postgres", help="also run against this (empty) PostgreSQL database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(args.count, f"sqlite:///{folder}/bench.db")
    if args.postgres:
        run(args.count, args.postgres)


if __name__ == "__main__":
    main()
