"""Fixtures for the notification tests: a real SMTP server (aiosmtpd), a recording HTTP server
for the SMS providers and group robots, and the petition fixtures (site, store, clock)."""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.petitions.conftest import (  # noqa: F401 - fixtures shared with the handler's tests
    SECRET,
    clock,
    database_url,
    make_settings,
    site,
    site_path,
    store,
)

DEADLINE = 20.0


def wait_for(condition: Callable[[], bool], what: str, deadline: float = DEADLINE) -> None:
    """Poll `condition` until true; fail naming `what` after `deadline` seconds."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Mailbox:
    """What the SMTP server received, and a switch to refuse mail (an outage)."""

    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    refuse: str | None = None  # an SMTP reply such as "451 4.3.0 try later"
    delay: float = 0.0  # seconds the server takes per message
    lock: threading.Lock = field(default_factory=threading.Lock)

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [
                m
                for m, (_, rcpt) in zip(self.messages, self.envelopes, strict=True)
                if address in rcpt
            ]

    def wait(self, count: int) -> list[EmailMessage]:
        wait_for(lambda: len(self.messages) >= count, f"{count} mails")
        return list(self.messages)


class _Handler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.box.delay:
            await asyncio.sleep(self.box.delay)
        if self.box.refuse:
            return self.box.refuse
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.box.lock:
            self.box.messages.append(parsed)
            self.box.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[Mailbox]:
    """A real SMTP server on a loopback port, started by the test."""
    from aiosmtpd.controller import Controller

    box = Mailbox("127.0.0.1", free_port())
    controller = Controller(_Handler(box), hostname=box.host, port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@dataclass
class Recorded:
    """One request the HTTP server received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class HttpRecorder:
    """A local HTTP server that checks each request with `check` and answers what it returns."""

    url: str
    requests: list[Recorded]
    check: list[Callable[[Recorded], tuple[int, dict]]]

    def wait(self, count: int) -> list[Recorded]:
        wait_for(lambda: len(self.requests) >= count, f"{count} HTTP requests")
        return list(self.requests)


@pytest.fixture
def http_recorder() -> Iterator[HttpRecorder]:
    requests: list[Recorded] = []
    check: list[Callable[[Recorded], tuple[int, dict]]] = [lambda r: (200, {"errcode": 0})]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - stdlib signature
            pass

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            seen = Recorded(
                self.command, self.path, {k.lower(): v for k, v in self.headers.items()},
                self.rfile.read(length),
            )  # fmt: skip
            requests.append(seen)
            status, body = check[0](seen)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_POST = do_GET = _answer  # noqa: N815 - stdlib names

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield HttpRecorder(f"http://127.0.0.1:{server.server_address[1]}", requests, check)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
