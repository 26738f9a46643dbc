"""`qinqing serve` and the SCF entry point under hostile clients, over raw loopback sockets.

Each test runs against a real server process started both ways (`qinqing serve` and
`python -m generator.petitions.server`), so both keep the same waitress settings.
"""

from __future__ import annotations

import http.client
import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.petitions.http import MAX_BODY
from tests.petitions.conftest import ORIGIN, SECRET, SITE_YAML

HOST = "127.0.0.1"
START_SECONDS = 30
ANSWER_SECONDS = 10
MB = 1024 * 1024
COMMANDS = {
    "qinqing-serve": ["-c", "from generator.cli.serve import serve; serve()", "--host", HOST],
    "scf-entry": ["-m", "generator.petitions.server"],
}


@dataclass
class Server:
    """A server process on a loopback port."""

    process: subprocess.Popen
    port: int

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def rss_bytes(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kb = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(kb) * 1024


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _site_dir(root: Path) -> Path:
    site = root / "site"
    for folder in ("x", "evil.example", "政策"):
        (site / folder).mkdir(parents=True)
        (site / folder / "index.html").write_text(f"<p>{folder}</p>", encoding="utf-8")
    (site / "404.html").write_text("<p>找不到</p>", encoding="utf-8")
    return site


def _health(port: int, timeout: float) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", "/api/health")
        return conn.getresponse().status
    finally:
        conn.close()


@pytest.fixture(scope="module", params=sorted(COMMANDS))
def server(request, tmp_path_factory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("server")
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    port = _free_port()
    listen = ["--port", str(port)] if request.param == "qinqing-serve" else [
        "--listen", f"{HOST}:{port}"
    ]  # fmt: skip
    env = {
        **os.environ,
        "QINQING_CONFIG": str(root / "site.yaml"),
        "QINQING_DATABASE_URL": f"sqlite:///{root / 'var' / 'petitions.db'}",
        "QINQING_SECRET_KEY": SECRET.decode(),
        "QINQING_RATE_LIMIT": "off",
    }
    process = subprocess.Popen(
        [sys.executable, *COMMANDS[request.param], *listen, "--site-dir", str(_site_dir(root))],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                if _health(port, 2) == 200:
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError(f"{request.param} did not start") from None
                time.sleep(0.05)
        yield Server(process, port)
    finally:
        process.kill()
        process.wait(timeout=10)


def raw_request(port: int, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are; the status, headers (lower-case names) and body answered."""
    with socket.create_connection((HOST, port), timeout=ANSWER_SECONDS) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    pairs = (line.split(": ", 1) for line in lines[1:] if ": " in line)
    headers = {name.lower(): value for name, value in pairs}
    return int(lines[0].split()[1]), headers, body


def get(port: int, target: str) -> tuple[int, dict[str, str], bytes]:
    request = f"GET {target} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n"
    return raw_request(port, request.encode("latin-1"))


# -- body limit --


def test_20mb_chunked_body_is_refused_with_413_before_it_is_buffered(server):
    head = (
        f"POST /api/petitions HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
        f"Origin: {ORIGIN}\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"%x\r\n%s\r\n" % (64 * 1024, b" " * 64 * 1024)
    rss_before = server.rss_bytes()
    sent = 0
    answer = b""
    with socket.create_connection((HOST, server.port), timeout=ANSWER_SECONDS) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)
        sock.sendall(head.encode())
        deadline = time.monotonic() + 60
        try:
            while sent < 20 * MB and time.monotonic() < deadline:
                readable, writable, _ = select.select([sock], [sock], [], 1)
                if readable:
                    break
                if writable:
                    sent += sock.send(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed: its answer is read below
        try:
            while len(answer) < 12 and (part := sock.recv(4096)):
                answer += part
        except ConnectionResetError:
            pass
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    # Loopback socket buffers hold a few MB; the server read no more than its limit.
    assert sent < 8 * MB, f"{sent / MB:.1f} MB sent before the answer"
    assert server.rss_bytes() - rss_before < 8 * MB


def test_declared_20mb_body_is_refused_before_any_of_it_is_sent(server):
    status, _, _ = raw_request(
        server.port,
        (
            f"POST /api/petitions HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
            f"Origin: {ORIGIN}\r\nContent-Length: {20 * MB}\r\n\r\n"
        ).encode(),
    )
    assert status == 413


def test_body_of_exactly_the_limit_reaches_the_handler(server):
    body = b"{}" + b" " * (MAX_BODY - 2)
    status, headers, answer = raw_request(
        server.port,
        (
            f"POST /api/petitions HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
            f"Origin: {ORIGIN}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        + body,
    )
    assert status == 422, answer  # the handler's field errors, not the server's 413
    assert "server" not in headers


# -- connections --


def test_150_half_open_connections_do_not_starve_health(server):
    idle = []
    try:
        for number in range(150):
            sock = socket.create_connection((HOST, server.port), timeout=ANSWER_SECONDS)
            idle.append(sock)
            if number % 2:  # half of them start a request and never finish it
                sock.sendall(f"GET /api/health HTTP/1.1\r\nHost: {HOST}\r\n".encode())
        started = time.monotonic()
        assert _health(server.port, ANSWER_SECONDS) == 200
        assert time.monotonic() - started < ANSWER_SECONDS
    finally:
        for sock in idle:
            sock.close()


# -- paths and redirects --


def assert_on_site(server: Server, location: str) -> None:
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    resolved = urlsplit(urljoin(server.base_url + "a/b", location))
    assert (resolved.scheme, resolved.netloc) == ("http", f"{HOST}:{server.port}"), location


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("//evil.example", "/evil.example/"),
        ("///evil.example", "/evil.example/"),
        ("/x/%2E%2E/evil.example", "/evil.example/"),
        ("/x/../evil.example", "/evil.example/"),
        ("/./x", "/x/"),
        ("/x", "/x/"),
        ("/%E6%94%BF%E7%AD%96", "/%E6%94%BF%E7%AD%96/"),
    ],
)
def test_directory_redirect_location_is_the_normalised_path_on_this_site(server, target, expected):
    status, headers, _ = get(server.port, target)
    assert status == 301
    assert headers["location"] == expected
    assert_on_site(server, headers["location"])


@pytest.mark.parametrize(
    "target",
    [
        "/%5Cevil.example/%2E%2E/x",
        "/%5C%5Cevil.example",
        "/x/%5C",
        "/\\evil.example/../x",
        "/%2E%2E/x",
        "/x/../../x",
        "/%00",
        "/x%00/",
        "/api/health%00",
        "/a%0D%0ALocation:%20//evil.example",
        "/a%0Db",
        "/a%0A",
        "/%FF",
        "/%C0%AF",
        "/%E2%80%AEx",
        "/%C2%9B",
    ],
)
def test_bad_path_answers_400_with_a_chinese_message(server, target):
    status, headers, body = get(server.port, target)
    assert status == 400, (target, body)
    assert "location" not in headers
    assert "请求路径" in body.decode("utf-8")


SEGMENTS = ["", ".", "..", "%2E%2E", "%2e", "%5C", "\\", "%2F", "x", "evil.example", "%00", "%E6%94%BF%E7%AD%96"]  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=6))
def test_no_path_answers_500_or_an_off_site_location(server, segments):
    status, headers, _ = get(server.port, "/" + "/".join(segments))
    assert status in (200, 301, 400, 404), segments
    if status == 301:
        assert_on_site(server, headers["location"])


def test_oversized_header_is_refused_and_the_server_goes_on(server):
    request = f"GET /api/health HTTP/1.1\r\nHost: {HOST}\r\nX-Big: {'a' * 20_000}\r\n\r\n"
    try:
        status, _, _ = raw_request(server.port, request.encode())
    except ConnectionResetError:
        status = None  # refused and closed while the rest of the header was still arriving
    assert status in (431, None)
    assert _health(server.port, ANSWER_SECONDS) == 200


def test_no_server_header_and_no_traceback(server):
    status, headers, _ = get(server.port, "/api/health")
    assert status == 200
    assert "server" not in headers
