"""Fixtures for the workbench tests: a site with two departments, a store on SQLite or
PostgreSQL, the staff app, accounts with chosen roles and departments, and a client that
signs in through the real pages (password, then a TOTP code computed with pyotp).

Other workbench tests (queues, petition pages) use `signed_in(roles=…, departments=…)`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyotp
import pytest

from generator.petitions.service import Petitions
from generator.staff.accounts import Account
from generator.workbench.app import StaffApp
from generator.workbench.cookies import read_cookies
from tests.petitions import conftest as petition_fixtures
from tests.petitions.conftest import Clock, make_settings, serve_with_waitress

# The handler's fixtures, shared: a fresh database on each backend, its store, the clock.
clock = petition_fixtures.clock
database_url = petition_fixtures.database_url
store = petition_fixtures.store
site = petition_fixtures.site  # read from this file's site_path (the staff site below)

STAFF_SITE_YAML = """\
title: 晋江市工业和信息化局 政策公开
base_url: https://qinqing.example.gov.cn/
departments:
  gxj:
    name: 晋江市工业和信息化局
  swj:
    name: 晋江市商务局
  kjj:
    name: 晋江市科学技术局
    short_name: 科技局
petitions:
  categories:
    consult: {name: 政策咨询, department: gxj, limits: {local: 2}}
    request: {name: 困难诉求, department: kjj}
    suggestion: {name: 意见建议}
    report: {name: 投诉举报, department: gxj, anonymous: true, limits: {local: 15}}
  trusted_proxies: ["10.0.0.0/8"]
holidays:
  rest_days: [2027-03-01]
"""
PASSWORD = "correct horse battery staple"
PREFIX = "/staff"


@pytest.fixture
def site_path(tmp_path: Path) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text(STAFF_SITE_YAML, encoding="utf-8")
    return path


@pytest.fixture
def office(site, store, database_url, clock) -> Petitions:
    """The petition service over the test store (the desk's tests submit and act through it)."""
    return Petitions(make_settings(site, database_url, "off"), store, clock)


@pytest.fixture
def staff_app(site, store, database_url, clock) -> StaffApp:
    """The workbench over the test store with the test clock, answering every client."""
    return StaffApp(make_settings(site, database_url, "off"), store, clock)


@pytest.fixture
def served_staff(staff_app):
    """The workbench's base URL (ending in /staff/) on a local server."""
    with serve_with_waitress(staff_app, threads=4) as served:
        yield served.rstrip("/") + "/staff/"


@dataclass
class StaffUser:
    """An account made for a test, with what signing in needs."""

    account: Account
    password: str
    secret: str | None  # the TOTP secret, when enrolled

    @property
    def login(self) -> str:
        return self.account.login


@pytest.fixture
def make_account(staff_app: StaffApp, clock: Clock):
    """`make_account("lin", roles={"handler"}, departments={"gxj"}, enrolled=True)`."""

    def make(
        login: str = "lin",
        roles: set[str] | frozenset[str] = frozenset({"handler"}),
        departments: set[str] | frozenset[str] = frozenset({"gxj"}),
        enrolled: bool = True,
        totp_required: bool = True,
        password: str = PASSWORD,
        disabled: bool = False,
    ) -> StaffUser:
        account = Account(
            login, f"测试{login}", f"{login}@example.gov.cn", "", frozenset(roles),
            frozenset(departments), disabled=disabled, totp_required=totp_required,
        )  # fmt: skip
        staff_app.staff.add(account, password, "test", clock())
        secret = None
        if enrolled:
            secret = pyotp.random_base32(32)
            with staff_app.store.tx() as conn:
                account.totp_secret = staff_app.staff.seal_totp(login, secret)
                staff_app.staff.write(conn, account)
        return StaffUser(account, password, secret)

    return make


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def cookies_set(self) -> list[str]:
        return [v for k, v in self.headers if k.lower() == "set-cookie"]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def location(self) -> str | None:
        return self.header("Location")

    def hidden(self, name: str) -> str:
        """The value of the form field `name` on this page (the first one)."""
        found = re.search(rf'name="{name}" value="([^"]*)"', self.text)
        assert found, f"no field {name} on the page"
        return found.group(1)


@dataclass
class StaffClient:
    """Calls the workbench WSGI app directly, mounted at /staff, keeping cookies like a browser."""

    app: StaffApp
    remote_addr: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> Answer:
        parts = urlsplit(path)
        inside = parts.path.removeprefix(PREFIX) or "/"
        environ = {
            "REQUEST_METHOD": method, "SCRIPT_NAME": PREFIX, "PATH_INFO": inside,
            "QUERY_STRING": parts.query, "REMOTE_ADDR": self.remote_addr,
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body)),
        }  # fmt: skip
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for key, value in (headers or {}).items():
            name = key.upper().replace("-", "_")
            environ[name if name == "CONTENT_TYPE" else f"HTTP_{name}"] = value
        seen: dict = {}

        def start_response(status: str, response_headers: list) -> None:
            seen["status"], seen["headers"] = int(status.split()[0]), response_headers

        body_out = b"".join(self.app(environ, start_response))
        answer = Answer(seen["status"], seen["headers"], body_out)
        for cookie in answer.cookies_set():
            name, _, rest = cookie.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in cookie:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return answer

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, fields: dict[str, str], csrf: bool = True) -> Answer:
        """A form post; with `csrf`, the session's token is added (unless the fields have one)."""
        data = dict(fields)
        if csrf and "csrf_token" not in data:
            data["csrf_token"] = self.csrf
        return self.request(
            "POST", path, urlencode(data).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )  # fmt: skip

    @property
    def session_cookie(self) -> str | None:
        return read_cookies("; ".join(f"{k}={v}" for k, v in self.cookies.items())).get(
            "qinqing_staff"
        )


def totp_code(user: StaffUser, app: StaffApp, clock: Clock) -> str:
    """A code the account has not used yet: the clock moves on a step when the current one is."""
    account = app.staff.get(user.login)
    assert account is not None and user.secret is not None
    if int(clock().timestamp() // 30) <= account.totp_last_step:
        clock.advance(seconds=30)
    return pyotp.TOTP(user.secret).at(clock())


def sign_in(client: StaffClient, user: StaffUser, clock: Clock) -> Answer:
    """Through the real pages: the password form, then (when enrolled) the code form."""
    page = client.get("/staff/sign-in")
    answer = client.post(
        "/staff/sign-in",
        {"login": user.login, "password": user.password, "csrf_token": page.hidden("csrf_token")},
    )
    assert answer.status == 303, answer.text
    if answer.location.startswith("/staff/sign-in/code"):
        form = client.get(answer.location)
        client.csrf = form.hidden("csrf_token")
        answer = client.post("/staff/sign-in/code", {"code": totp_code(user, client.app, clock)})
        assert answer.status == 303, answer.text
    home = client.get(answer.location)
    if home.status == 200 and 'name="csrf_token"' in home.text:
        client.csrf = home.hidden("csrf_token")
    return answer


@pytest.fixture
def signed_in(staff_app: StaffApp, make_account, clock: Clock) -> Iterator:
    """`signed_in(roles={"handler"}, departments={"gxj"}, login="lin")` -> a StaffClient with
    a live session and its CSRF token in `.csrf`; `.user` is the StaffUser."""

    def start(login: str = "lin", **options) -> StaffClient:
        user = make_account(login, **options)
        client = StaffClient(staff_app)
        sign_in(client, user, clock)
        client.user = user
        return client

    yield start


@pytest.fixture
def now(clock: Clock) -> dt.datetime:
    return clock()
