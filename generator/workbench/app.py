"""The staff web app as one WSGI callable: client check, routing, session guard, CSRF check,
security headers; the views do the rest."""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.petitions.backends import open_store
from generator.petitions.config import Settings
from generator.petitions.http import FORM, STATUS_TEXT, HttpError, Request
from generator.petitions.response import Response
from generator.petitions.service import Petitions
from generator.petitions.store import Store, StoreError
from generator.staff.sessions import ENROL, SECOND_FACTOR, Sessions
from generator.staff.signin import SignIn
from generator.staff.store import StaffStore
from generator.templating import html_environment
from generator.workbench import views  # noqa: F401 - importing it registers every view's routes
from generator.workbench.contact_audit import watch_contact_views
from generator.workbench.context import Context
from generator.workbench.cookies import SESSION_COOKIE, read_cookies
from generator.workbench.csrf import FIELD, session_token_ok
from generator.workbench.routes import TABLE, RouteTable

log = logging.getLogger("qinqing.workbench")
TEMPLATES = Path(__file__).parent / "templates"
# No inline script or style anywhere: the second wall if a value ever escaped its escaping.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Content-Security-Policy", CSP),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
]
LOOPBACK = ("127.0.0.0/8", "::1/128")
REASONS = {**STATUS_TEXT, 301: "Moved Permanently", 303: "See Other", 401: "Unauthorized"}
DEFAULT_PREFIX = "/staff"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class StaffApp:
    """WSGI application; `allowed_networks` None answers every client (an intranet host)."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        clock: Callable[[], dt.datetime] = _utc_now,
        allowed_networks: tuple[str, ...] | None = None,
        routes: RouteTable = TABLE,
        throttle: bool = True,
    ) -> None:
        self.settings = settings
        self.site = settings.site
        self.store = store
        self.clock = clock
        self.desk = Petitions(settings, store, clock)
        self.staff = StaffStore(store, self.desk.keys)
        self.sessions = Sessions(store, self.desk.keys)
        self.signin = SignIn(self.staff, throttle=throttle)
        watch_contact_views(store)  # every contact view is audited, whichever request makes it
        self.routes = routes
        self.allowed = (
            None
            if allowed_networks is None
            else [ipaddress.ip_network(n, strict=False) for n in allowed_networks]
        )
        self.templates = html_environment(TEMPLATES)

    def render(self, template: str, ctx: Context, **values: Any) -> str:
        return self.templates.get_template(template).render(
            ctx=ctx, account=ctx.account, csrf_token=ctx.csrf_token, url=ctx.url,
            site=self.site, **values,
        )  # fmt: skip

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        started = time.perf_counter()
        answer, method, path = self._answer(environ)
        log.info(
            "%s %s %d %.1fms", method, path, answer.status, 1000 * (time.perf_counter() - started)
        )
        headers = [
            ("Content-Type", answer.media_type),
            ("Content-Length", str(len(answer.body))),
            *SECURITY_HEADERS,
            *answer.headers,
        ]
        start_response(f"{answer.status} {REASONS.get(answer.status, 'Unknown')}", headers)
        return [b"" if method == "HEAD" else answer.body]

    def _answer(self, environ: dict[str, Any]) -> tuple[Response, str, str]:
        request = Request(environ)
        prefix, path = _split_mount(environ)
        ctx = Context(self, request, _NO_ROUTE, {}, prefix, path, self.clock(), "")
        try:
            return self._dispatch(ctx), request.method, path
        except HttpError as err:
            message = "；".join(m for _, m in err.errors)
            return (
                ctx.render("message.html.j2", err.status, title="请求未成功", message=message),
                request.method,
                path,
            )
        except StoreError as err:
            log.error("storage unavailable: %s", err)
            return _plain(503, "数据库暂时不可用，请稍后再试。"), request.method, path
        except Exception:
            log.exception("unexpected error on %s %s", request.method, path)
            return _plain(500, "服务器内部错误，请稍后再试。"), request.method, path

    def _dispatch(self, ctx: Context) -> Response:
        request = ctx.request
        if ctx.prefix and request.environ.get("PATH_INFO", "") in ("", ctx.prefix):
            # "/staff" without its slash: the cookie (Path=/staff/) would not be sent there.
            return Response.empty(301, [("Location", f"{ctx.prefix}/")])
        address = request.client_address(self.site.petitions.trusted_proxies)
        if not self._client_allowed(address):
            return ctx.render("message.html.j2", 403, title="无法访问",
                              message="诉求办理工作台只接受本机或单位内网的访问。")  # fmt: skip
        ctx.client = self.desk.client_id(address)
        method = "GET" if request.method == "HEAD" else request.method
        route, params, allowed = self.routes.match(method, ctx.path)
        if route is None:
            if allowed:
                return ctx.render("message.html.j2", 405, title="请求方式不对",
                                  message="这个地址不接受这种请求。")  # fmt: skip
            return ctx.not_found()
        ctx.route, ctx.params = route, params
        if not route.public:
            refusal = self._guard(ctx)
            if refusal is not None:
                return refusal
        if method == "POST":
            if request.media_type != FORM:
                raise HttpError(415, [("body", "只接受表单提交")])
            ctx.form, _ = request.fields()
            if not route.public and not session_token_ok(ctx.csrf_token, ctx.form.get(FIELD)):
                return ctx.render("message.html.j2", 403, title="表单已失效",
                                  message="表单已过期或不是从本工作台提交的。请返回，刷新页面后再试。")  # fmt: skip
        return route.view(ctx)

    def _guard(self, ctx: Context) -> Response | None:
        """Load the session; None when the route may run, else where to go instead."""
        token = read_cookies(ctx.request.header("Cookie")).get(SESSION_COOKIE)
        session = account = None
        if token:
            with self.store.tx() as conn:  # one transaction for both reads
                session = self.sessions.load(token, ctx.now.timestamp(), conn)
                account = self.staff.get(session.login, conn) if session else None
        if session is None or account is None or account.disabled:
            return ctx.to_sign_in()
        ctx.session, ctx.token, ctx.account = session, token, account
        if session.stage not in ctx.route.stages:
            if session.stage == SECOND_FACTOR:
                return ctx.redirect("/sign-in/code")
            if session.stage == ENROL:
                return ctx.redirect("/enrol")
            return ctx.redirect("/")
        if not ctx.route.admits(account):
            return ctx.forbidden()
        return None

    def _client_allowed(self, address: str) -> bool:
        if self.allowed is None:
            return True
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.allowed)


def _split_mount(environ: dict[str, Any]) -> tuple[str, str]:
    """(mount point, path inside): SCRIPT_NAME when the host sets it, else a leading /staff."""
    script = (environ.get("SCRIPT_NAME") or "").rstrip("/")
    path = environ.get("PATH_INFO") or "/"
    if not script and (path == DEFAULT_PREFIX or path.startswith(DEFAULT_PREFIX + "/")):
        script, path = DEFAULT_PREFIX, path[len(DEFAULT_PREFIX) :]
    return script, path or "/"


def _plain(status: int, message: str) -> Response:
    return Response(status, message.encode(), "text/plain; charset=utf-8")


class _NoRoute:
    method = pattern = ""
    public = False
    roles = None


_NO_ROUTE: Any = _NoRoute()


def create_staff_app(
    settings: Settings,
    store: Store | None = None,
    clock: Callable[[], dt.datetime] | None = None,
    allowed_networks: tuple[str, ...] | None = None,
) -> StaffApp:
    """The staff app for these settings (opening the store they name unless given one)."""
    return StaffApp(
        settings, store or open_store(settings.database_url), clock or _utc_now, allowed_networks
    )
