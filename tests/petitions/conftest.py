"""Fixtures for the petition tests: a site.yaml in tmp_path, a store on SQLite or PostgreSQL,
the handler served over real HTTP, and a small HTTP client that can send any bytes."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from generator.petitions.app import create_app
from generator.petitions.backends import open_store
from generator.petitions.config import Settings, load_site, parse_rate_limits
from generator.petitions.service import Petitions
from generator.petitions.store import Store
from generator.petitions.validation import validate
from tests.support.servers import with_static_files

ORIGIN = "https://qinqing.example.gov.cn"
SITE_YAML = f"""\
title: 晋江市工业和信息化局 政策公开
base_url: {ORIGIN}/
departments:
  gxj:
    name: 晋江市工业和信息化局
petitions:
  trusted_proxies: ["10.0.0.0/8"]
holidays:
  rest_days: [2027-03-01]
"""
SECRET = b"test-secret-key-0123456789abcdef-0123456789"


@pytest.fixture
def site_path(tmp_path: Path) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text(SITE_YAML, encoding="utf-8")
    return path


@pytest.fixture
def site(site_path: Path):
    return load_site(site_path)


def fresh_postgres_schema(base: str) -> tuple[str, str]:
    """A new schema for one test; returns (schema, database URL whose search_path is it)."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    return schema, f"{base}{sep}options=-csearch_path%3D{schema}"


def drop_postgres_schema(base: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'var' / 'petitions.db'}"
        return
    base = request.getfixturevalue("postgres_url")
    schema, url = fresh_postgres_schema(base)
    yield url
    drop_postgres_schema(base, schema)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(database_url)
    yield opened
    opened.close()


class Clock:
    """A settable clock for the handler: tests move time, the code never reads the real one."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC))  # Thursday 10:00 in Shanghai


def make_settings(
    site, database_url: str, rate: str = "5/10min,20/day", origins: tuple[str, ...] = ()
) -> Settings:
    limits = parse_rate_limits(rate)
    return Settings(
        site=site,
        database_url=database_url,
        secret=SECRET,
        rate_limits=limits,
        allowed_origins=frozenset({site.origin, *origins}),
        lookup_limit=None if limits is None else Settings.lookup_limit,
    )


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def error_fields(self) -> set[str]:
        return {e["field"] for e in self.json()["errors"]}


class Client:
    """Raw HTTP against the served handler; adds the site's Origin unless told otherwise."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            answer = conn.getresponse()
            return Response(
                answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
            )
        finally:
            conn.close()

    def post_json(self, path: str, value, origin: str | None = ORIGIN, **headers: str) -> Response:
        all_headers = {"Content-Type": "application/json", **headers}
        if origin:
            all_headers["Origin"] = origin
        return self.request(
            "POST", path, json.dumps(value, ensure_ascii=False).encode(), all_headers
        )

    def post_form(self, path: str, fields: dict[str, str], origin: str | None = ORIGIN) -> Response:
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"}
        if origin:
            headers["Origin"] = origin
        return self.request("POST", path, urlencode(fields).encode(), headers)


@contextmanager
def serve_with_waitress(app, threads: int = 24) -> Iterator[str]:
    """Serve a WSGI app with waitress in a thread; its deep listen backlog takes 20 clients at
    once (wsgiref's backlog of 5 resets connections under the concurrency test)."""
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=threads, backlog=1024)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}/"
    finally:
        # Close the sockets from inside the loop thread: closing them from here while that
        # thread sits in select() makes it fail with EBADF. The loop ends once nothing is left.
        try:
            server.trigger.pull_trigger(partial(_close_all, server))
        except OSError:
            # The loop has already ended and closed its trigger (seen once in a full run:
            # EBADF): there is nothing left to close.
            _close_all(server)
        thread.join(timeout=5)
        server.task_dispatcher.shutdown()


def _close_all(server) -> None:
    for dispatcher in list(server._map.values()):
        dispatcher.close()


@pytest.fixture
def serve_petitions(site, database_url, clock):
    """Start the handler over HTTP with chosen settings; yields a function returning a Client."""
    with ExitStack() as stack:

        def start(
            rate: str = "5/10min,20/day",
            static_dir: Path | None = None,
            origins: tuple[str, ...] = (),
        ):
            app = create_app(make_settings(site, database_url, rate, origins), clock=clock)
            stack.callback(app.store.close)
            served = with_static_files(app, static_dir) if static_dir else app
            base = stack.enter_context(serve_with_waitress(served))
            client = Client(base)
            client.base_url, client.app = base, app
            return client

        yield start


def valid_petition(**changes) -> dict:
    petition = {
        "category": "request",
        "subject": "厂房租金补贴申报进度",
        "content": "我司于十月提交了申报材料，至今未收到审核结果，请帮助了解进度。",
        "enterprise": "晋江市某某鞋业有限公司",
        "contact_name": "林小姐",
        "phone": "13905951234",
        "email": "lin@example.com",
        "consent": True,
    }
    petition.update(changes)
    return petition


@pytest.fixture
def desk(site, store, database_url, clock):
    """The petition service over the test store, without rate limits."""
    return Petitions(make_settings(site, database_url, "off"), store, clock)


def submit(desk, **changes) -> str:
    """Submit a valid petition through the service; its receipt."""
    clean, errors = validate(valid_petition(**changes), desk.site.petitions, from_form=False)
    assert not errors
    return desk.submit(clean, None, None).receipt
