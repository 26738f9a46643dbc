"""Staff workbench figures: the cost of signing in (Argon2 with the parameters chosen in
generator/staff/passwords.py), and (added by the desk work) queue and petition pages.

    .venv/bin/python benchmarks/workbench.py [--rounds 20]

Each part is one function printing its own figures; main() calls them in turn.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {1000 * statistics.median(ordered):.1f} ms, p95 {1000 * p95:.1f} ms"


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
    print(f"  hash:   {_ms(hashes)} ({rounds} rounds)")
    print(f"  verify: {_ms(checks)}")
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
    print(f"  whole sign-in (4 requests, SQLite): {_ms(samples)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    options = parser.parse_args()
    signin_figures(options.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
