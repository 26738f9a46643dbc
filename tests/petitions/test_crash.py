"""Kill the server with SIGKILL while submissions flow: every acknowledged petition survives."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time

from generator.petitions.backends import open_store
from tests.petitions.conftest import SECRET, Client, valid_petition


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(site_path, database_url, port: int, tmp_path) -> subprocess.Popen:
    env = {
        **os.environ,
        "QINQING_CONFIG": str(site_path),
        "QINQING_DATABASE_URL": database_url,
        "QINQING_SECRET_KEY": SECRET.decode(),
        "QINQING_RATE_LIMIT": "off",
    }
    code = "from generator.cli.serve import serve; serve()"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "--port", str(port), "--site-dir", str(tmp_path / "none")],
        env=env, cwd=os.getcwd(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    client = Client(f"http://127.0.0.1:{port}/")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if client.request("GET", "/api/health").status == 200:
                return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError("server did not start")


def test_sigkill_loses_no_acknowledged_petition(site_path, database_url, tmp_path):
    port = free_port()
    server = start_server(site_path, database_url, port, tmp_path)
    client = Client(f"http://127.0.0.1:{port}/")
    acknowledged: list[str] = []
    failures: list[str] = []
    stop = threading.Event()

    def submit_forever(n: int) -> None:
        i = 0
        while not stop.is_set():
            i += 1
            try:
                answer = client.post_json(
                    "/api/petitions", valid_petition(subject=f"崩溃测试 {n}-{i}")
                )
            except (OSError, http.client.HTTPException):
                continue  # the server is gone: unacknowledged, may or may not be stored
            if answer.status == 201:
                acknowledged.append(answer.json()["receipt"])
            else:
                failures.append(answer.text)

    workers = [threading.Thread(target=submit_forever, args=(n,)) for n in range(6)]
    for worker in workers:
        worker.start()
    while len(acknowledged) < 60:
        time.sleep(0.01)
    server.send_signal(signal.SIGKILL)
    server.wait()
    time.sleep(0.2)
    stop.set()
    for worker in workers:
        worker.join()
    assert not failures

    restarted = start_server(site_path, database_url, port, tmp_path)
    try:
        assert client.request("GET", "/api/health").status == 200
        store = open_store(database_url)
        stored = {r.receipt for r in store.all()}
        store.close()
    finally:
        restarted.kill()
        restarted.wait()
    missing = [r for r in acknowledged if r not in stored]
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged petitions lost"
