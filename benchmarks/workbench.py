"""Staff workbench figures: the cost of signing in (Argon2 with the parameters chosen in
generator/staff/passwords.py), and (added by the desk work) queue and petition pages.

    .venv/bin/python benchmarks/workbench.py [--rounds 20] [--petitions 10000] [--requests 200]
        [--postgres URL] [--skip-sign-in]

The desk's part seeds the petitions (default 10,000) on SQLite, and on PostgreSQL when
--postgres or QINQING_TEST_POSTGRES_URL names a server, then times the queue page and the
petition page through the WSGI app as a supervisor (every department) and a handler (one).

Each part is one function printing its own figures; main() calls them in turn.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.support import summary_ms  # noqa: E402


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def signin_figures(rounds: int) -> None:
    """Argon2id hash and verify time and memory, then a whole password + TOTP sign-in."""
    from generator.staff import passwords

    print(
        f"Argon2id: memory {passwords.MEMORY_KIB // 1024} MiB, time cost {passwords.TIME_COST}, "
        f"parallelism {passwords.PARALLELISM}"
    )
    before = _peak_rss_mib()
    hashes, checks = [], []
    stored = ""
    for _ in range(rounds):
        started = time.perf_counter()
        stored = passwords.hash_password("correct horse battery staple")
        hashes.append(time.perf_counter() - started)
        started = time.perf_counter()
        assert passwords.verify_password(stored, "correct horse battery staple")
        checks.append(time.perf_counter() - started)
    grown = _peak_rss_mib() - before
    print(f"  hash:   {summary_ms(hashes)} ({rounds} rounds)")
    print(f"  verify: {summary_ms(checks)}")
    print(f"  peak memory growth of this process: {grown:.1f} MiB (one check at a time)")
    _whole_sign_in(rounds)


def _whole_sign_in(rounds: int) -> None:
    """Password then code through the WSGI app on SQLite (throttling off), as a browser does."""
    import datetime as dt
    import tempfile

    import pyotp

    from generator.petitions.backends import open_store
    from generator.petitions.config import Settings, load_site
    from generator.staff.accounts import Account
    from generator.workbench.app import StaffApp
    from tests.workbench.conftest import STAFF_SITE_YAML, StaffClient

    with tempfile.TemporaryDirectory() as tmp:
        site_path = Path(tmp) / "site.yaml"
        site_path.write_text(STAFF_SITE_YAML, encoding="utf-8")
        url = f"sqlite:///{tmp}/bench.db"
        settings = Settings(load_site(site_path), url, b"b" * 32, None)
        now = [dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)]
        app = StaffApp(settings, open_store(url), lambda: now[0], throttle=False)
        secret = pyotp.random_base32(32)
        account = Account("bench", "基准", roles=frozenset({"supervisor"}))
        app.staff.add(account, "correct horse battery staple", "bench", now[0])
        with app.store.tx() as conn:
            account.totp_secret = app.staff.seal_totp("bench", secret)
            app.staff.write(conn, account)
        samples = []
        for _ in range(rounds):
            now[0] += dt.timedelta(seconds=30)  # a fresh TOTP step each time
            client = StaffClient(app)
            started = time.perf_counter()
            page = client.get("/staff/sign-in")
            client.post("/staff/sign-in", {"login": "bench", "password": "correct horse battery staple",
                                           "csrf_token": page.hidden("csrf_token")})  # fmt: skip
            client.csrf = client.get("/staff/sign-in/code").hidden("csrf_token")
            done = client.post("/staff/sign-in/code", {"code": pyotp.TOTP(secret).at(now[0])})
            samples.append(time.perf_counter() - started)
            assert done.location == "/staff/", done.text
        app.store.close()
    print(f"  whole sign-in (4 requests, SQLite): {summary_ms(samples)}")


def _seed(store, desk, count: int) -> list[tuple[str, str, str | None]]:
    """`count` petitions over 60 days, in one transaction: a third still received, a third
    accepted, a third answered; spread over the categories (hence departments) of the site."""
    import datetime as dt
    import random

    from generator.petitions.service import random_word
    from generator.petitions.states import Event
    from generator.petitions.store import Record

    rng = random.Random(16)
    start = desk.now() - dt.timedelta(days=60)
    categories = list(desk.site.petitions.categories)
    receipts = []
    # Hack: seeding through Store._insert in one transaction (the same insert and listeners
    # as a submission) takes seconds; 10,000 separate submissions would take minutes.
    with store.tx() as conn:
        for n in range(count):
            at = start + dt.timedelta(minutes=8 * n)
            receipt = f"{at:%Y%m%d}-{random_word(5)}{n:05d}"
            category = categories[n % len(categories)]
            department = desk.departments.resolve(category, None)
            events = [Event(at, "received", "enterprise", "已接收诉求",
                            data={"department": department} if department else {})]  # fmt: skip
            if n % 3:
                events.append(Event(at + dt.timedelta(hours=2), "accepted", "bench", "已受理",
                                    data={"route": "local"}))  # fmt: skip
            if n % 3 == 2:
                events.append(Event(at + dt.timedelta(days=2), "replied", "bench", "答复"))
            contact = {
                "contact_name": "测试",
                "phone": f"139{rng.randrange(10**8):08d}",
                "email": None,
            }
            record = Record(
                receipt, "0" * 64, category, f"基准诉求 {n} 号：厂房租金补贴申报进度",
                "用于测量工作台页面速度的诉求内容。" * 10, f"晋江市第{n % 700}号有限公司", None,
                None, False, desk.keys.seal(contact, receipt), at, events,
            )  # fmt: skip
            store._insert(conn, record)
            receipts.append((receipt, category, department))
    return receipts


def _signed_in(app, clock, login: str, roles: set[str], departments: set[str]):
    import pyotp

    from generator.staff.accounts import Account
    from tests.workbench.conftest import PASSWORD, StaffClient, StaffUser, sign_in

    account = Account(login, "基准", roles=frozenset(roles), departments=frozenset(departments))
    app.staff.add(account, PASSWORD, "bench", clock())
    secret = pyotp.random_base32(32)
    with app.store.tx() as conn:
        account.totp_secret = app.staff.seal_totp(login, secret)
        app.staff.write(conn, account)
    client = StaffClient(app)
    sign_in(client, StaffUser(account, PASSWORD, secret), clock)
    return client


def _time_pages(client, paths: list[str]) -> list[float]:
    samples = []
    for path in paths:
        started = time.perf_counter()
        answer = client.get(path)
        samples.append(time.perf_counter() - started)
        assert answer.status == 200, (path, answer.status)
    return samples


def desk_figures(url: str, label: str, count: int, requests: int) -> None:
    """Queue page and petition page over `count` petitions (supervisor and handler), p95."""
    import datetime as dt
    import random
    import tempfile

    from generator.petitions.backends import open_store
    from generator.petitions.config import load_site
    from generator.workbench.access import can_see
    from generator.workbench.app import StaffApp
    from tests.petitions.conftest import Clock, make_settings
    from tests.workbench.conftest import STAFF_SITE_YAML

    with tempfile.TemporaryDirectory() as tmp:
        site_path = Path(tmp) / "site.yaml"
        site_path.write_text(STAFF_SITE_YAML, encoding="utf-8")
        clock = Clock(dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC))
        store = open_store(url.replace("{tmp}", tmp))
        app = StaffApp(
            make_settings(load_site(site_path), url, "off"), store, clock, throttle=False
        )
        started = time.perf_counter()
        receipts = _seed(store, app.desk, count)
        print(f"{label}: {count} petitions seeded in {time.perf_counter() - started:.1f} s")
        rng = random.Random(1)
        for who, roles, departments in (
            ("chen", {"supervisor"}, set()),
            ("lin", {"handler"}, {"gxj"}),
        ):
            client = _signed_in(app, clock, who, roles, departments)
            queues = ["open", "overdue", "today", "soon", "unassigned", "mine", "all"]
            paths = [f"/staff/?queue={queues[i % len(queues)]}&page={1 + i % 3}"
                     for i in range(requests)]  # fmt: skip
            print(
                f"  queue page ({'/'.join(sorted(roles))}): {summary_ms(_time_pages(client, paths))}"
            )
            account = app.staff.get(who)
            visible = [r for r, category, dept in receipts if can_see(account, category, dept)]
            paths = [f"/staff/petitions/{rng.choice(visible)}" for _ in range(requests)]
            print(
                f"  petition page ({'/'.join(sorted(roles))}): {summary_ms(_time_pages(client, paths))}"
            )
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--petitions", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--postgres", default=os.environ.get("QINQING_TEST_POSTGRES_URL"))
    parser.add_argument("--skip-sign-in", action="store_true")
    options = parser.parse_args()
    if not options.skip_sign_in:
        signin_figures(options.rounds)
    desk_figures("sqlite:///{tmp}/desk.db", "SQLite", options.petitions, options.requests)
    if options.postgres:
        from tests.petitions.conftest import drop_postgres_schema, fresh_postgres_schema

        schema, url = fresh_postgres_schema(options.postgres)
        try:
            desk_figures(url, "PostgreSQL", options.petitions, options.requests)
        finally:
            drop_postgres_schema(options.postgres, schema)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
