"""Consultation comment figures: reading the windows at start, and recording comments.

    .venv/bin/python benchmarks/comments.py [--count 500] [--postgres URL]

Calls the handler's WSGI callable in this process (no server, no network), so the figures are
the handler's own cost per comment: window check, validation, sealing the contact, the insert.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import io
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from generator.petitions.app import create_app
from generator.petitions.comment_windows import load_windows
from generator.petitions.config import Settings, load_site

ROOT = Path(__file__).resolve().parents[1]
CONSULTATION = "digital-transformation-measures-2027-draft"
COMMENT = {
    "clause": "第二条",
    "content": "建议将智能化改造的投资额门槛由500万元降至300万元。" * 10,
    "enterprise": "晋江市某某纺织有限公司",
    "contact": "王先生 13905951234",
    "consent": True,
}


def _post(app, body: bytes, origin: str) -> int:
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": f"/api/consultations/{CONSULTATION}/comments",
        "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body)),
        "HTTP_ORIGIN": origin, "REMOTE_ADDR": "127.0.0.1", "wsgi.input": io.BytesIO(body),
    }  # fmt: skip
    seen = []
    b"".join(app(environ, lambda status, headers, exc_info=None: seen.append(status)))
    return int(seen[0].split()[0])


def measure(database_url: str, count: int) -> dict[str, float]:
    site = load_site(ROOT / "content" / "site.yaml")
    started = time.perf_counter()
    windows = load_windows(ROOT / "content" / "consultations", site.zone)
    load_ms = 1000 * (time.perf_counter() - started)
    settings = Settings(
        site=site, database_url=database_url, secret=b"b" * 40, rate_limits=None,
        allowed_origins=frozenset({site.origin}), consultations=windows,
    )  # fmt: skip
    clock = lambda: dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)  # noqa: E731 - inside the window
    app = create_app(dataclasses.replace(settings), clock=clock)
    body = json.dumps(COMMENT, ensure_ascii=False).encode()
    times = []
    for _ in range(count):
        started = time.perf_counter()
        assert _post(app, body, site.origin) == 201
        times.append(1000 * (time.perf_counter() - started))
    app.store.close()
    times.sort()
    return {
        "windows_load_ms": load_ms,
        "median_ms": statistics.median(times),
        "p99_ms": times[int(0.99 * (len(times) - 1))],
        "per_second": 1000 * count / sum(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--postgres", default=os.environ.get("QINQING_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = {"sqlite": measure(f"sqlite:///{folder}/bench.db", args.count)}
    if args.postgres:
        import uuid

        import psycopg

        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.postgres, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        try:
            sep = "&" if "?" in args.postgres else "?"
            url = f"{args.postgres}{sep}options=-csearch_path%3D{schema}"
            figures["postgresql"] = measure(url, args.count)
        finally:
            with psycopg.connect(args.postgres, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
    for backend, values in figures.items():
        shown = ", ".join(f"{k} {v:.1f}" for k, v in values.items())
        print(f"{backend}: {args.count} comments: {shown}")


if __name__ == "__main__":
    main()
