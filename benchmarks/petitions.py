"""Petition handler figures: cold import time, submissions per second with 16 clients, p99 latency.

    .venv/bin/python benchmarks/petitions.py [--postgres URL] [--count 800] [--clients 16]

Runs the handler in a separate process (`qinqing serve`, waitress) so the clients do not share
its interpreter. PostgreSQL is measured when --postgres or QINQING_TEST_POSTGRES_URL is given.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.support import free_port, percentile  # noqa: E402

ORIGIN = "https://bench.example.gov.cn"
SITE = (
    f"title: 基准测试\nbase_url: {ORIGIN}/\ndepartments:\n  gxj:\n    name: 晋江市工业和信息化局\n"
)
PETITION = {
    "category": "request",
    "subject": "基准测试诉求",
    "content": "用于测量提交吞吐量的诉求内容。" * 20,
    "enterprise": "晋江市某某有限公司",
    "contact_name": "测试",
    "phone": "13905951234",
    "consent": True,
}


def cold_import_ms(runs: int = 5) -> tuple[float, list[float]]:
    code = "import time; t = time.perf_counter(); import generator.petitions.wsgi; print(time.perf_counter() - t)"
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        )
        times.append(1000 * float(out.stdout))
    return statistics.median(times), times


def first_request_ms(env: dict[str, str]) -> float:
    """Import plus the first request (settings, site.yaml, database open): a serverless cold start."""
    code = (
        "import io, time; t = time.perf_counter()\n"
        "from generator.petitions.wsgi import application\n"
        "env = {'REQUEST_METHOD': 'GET', 'PATH_INFO': '/api/health', 'wsgi.input': io.BytesIO()}\n"
        "application(env, lambda s, h: None); print(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return 1000 * float(out.stdout)


def start_server(env: dict[str, str], port: int, threads: int) -> subprocess.Popen:
    code = "from generator.cli.serve import serve; serve()"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "--port", str(port), "--threads", str(threads), "--site-dir", "/nonexistent"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/health")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("server did not start")


def load(port: int, count: int, clients: int) -> tuple[float, list[float]]:
    body = json.dumps(PETITION, ensure_ascii=False).encode()
    latencies: list[float] = []
    lock = threading.Lock()
    per_client = count // clients

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        for _ in range(per_client):
            headers = {
                "Content-Type": "application/json",
                "Origin": ORIGIN,
                "Idempotency-Key": uuid.uuid4().hex,
            }
            started = time.perf_counter()
            conn.request("POST", "/api/petitions", body, headers)
            answer = conn.getresponse()
            answer.read()
            if answer.status != 201:
                raise SystemExit(f"unexpected status {answer.status}")
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return len(latencies) / (time.perf_counter() - started), latencies


def measure(label: str, env: dict[str, str], count: int, clients: int) -> None:
    port = free_port()
    server = start_server(env, port, threads=clients)
    try:
        load(port, clients * 4, clients)  # warm up: connections, page cache, plan cache
        rate, latencies = load(port, count, clients)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()
    print(
        f"{label}: {rate:.0f} submissions/s with {clients} clients ({len(latencies)} requests); "
        f"latency p50 {1000 * percentile(latencies, 0.5):.1f} ms, p99 {1000 * percentile(latencies, 0.99):.1f} ms"
    )


def fresh_postgres(url: str) -> str:
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("QINQING_TEST_POSTGRES_URL"))
    parser.add_argument("--count", type=int, default=800)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()

    median, runs = cold_import_ms()
    print(
        f"cold import of generator.petitions.wsgi: median {median:.1f} ms of 5 ({', '.join(f'{t:.1f}' for t in runs)}); goal <= 150 ms"
    )
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site.yaml"
        site.write_text(SITE, encoding="utf-8")
        base = {
            **os.environ, "QINQING_CONFIG": str(site), "QINQING_RATE_LIMIT": "off",
            "QINQING_SECRET_KEY": "benchmark-secret-0123456789abcdef0123456789",
        }  # fmt: skip
        sqlite_env = {**base, "QINQING_DATABASE_URL": f"sqlite:///{tmp}/bench.db"}
        print(
            f"first request (import + settings + site.yaml + SQLite open): {first_request_ms(sqlite_env):.0f} ms"
        )
        measure("SQLite", sqlite_env, args.count, args.clients)
        if args.postgres:
            pg_env = {**base, "QINQING_DATABASE_URL": fresh_postgres(args.postgres)}
            measure("PostgreSQL", pg_env, args.count, args.clients)
        else:
            print("PostgreSQL: skipped (give --postgres URL or QINQING_TEST_POSTGRES_URL)")


if __name__ == "__main__":
    main()
