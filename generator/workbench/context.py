"""What a workbench view is given: the request, the signed-in account, the parsed form, the
CSRF token, the stores and the petition service, and ways to answer, and nothing more."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, urlencode

from generator.petitions.http import Request
from generator.petitions.response import Response
from generator.staff.accounts import Account
from generator.staff.sessions import Session

if TYPE_CHECKING:
    from generator.petitions.service import Petitions
    from generator.petitions.store import Store
    from generator.staff.sessions import Sessions
    from generator.staff.signin import SignIn
    from generator.staff.store import StaffStore
    from generator.workbench.app import StaffApp
    from generator.workbench.routes import Route

MAX_NEXT = 500


@dataclass
class Context:
    """One request as a view sees it. Views answer with `render`, `redirect` or `forbidden`;
    `headers` collects extra answer headers (a new session cookie)."""

    app: StaffApp
    request: Request
    route: Route
    params: dict[str, str]
    prefix: str  # where the workbench is mounted, e.g. "/staff"
    path: str  # the path inside the workbench, e.g. "/petitions/20261126-ABCDE"
    now: dt.datetime
    client: str  # the keyed hash of the client's address
    form: dict[str, str] = field(default_factory=dict)
    session: Session | None = None
    token: str | None = None  # the session cookie's value
    account: Account | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)

    # -- what the app holds --
    @property
    def store(self) -> Store:
        return self.app.store

    @property
    def desk(self) -> Petitions:
        return self.app.desk

    @property
    def staff(self) -> StaffStore:
        return self.app.staff

    @property
    def sessions(self) -> Sessions:
        return self.app.sessions

    @property
    def signin(self) -> SignIn:
        return self.app.signin

    @property
    def site(self) -> Any:
        return self.app.site

    @property
    def csrf_token(self) -> str:
        return self.session.csrf if self.session else ""

    @property
    def query(self) -> dict[str, str]:
        text = self.request.environ.get("QUERY_STRING", "")
        return dict(parse_qsl(text, keep_blank_values=True, max_num_fields=50))

    def may_open(self, path: str) -> bool:
        """Whether the signed-in account may GET this workbench path (for links in the nav)."""
        route, _, _ = self.app.routes.match("GET", path)
        return route is not None and self.account is not None and route.admits(self.account)

    # -- answers --
    def url(self, path: str, **query: str) -> str:
        """An absolute path under the mount point: `url("/petitions/X")` -> `/staff/petitions/X`."""
        suffix = f"?{urlencode(query)}" if query else ""
        return f"{self.prefix}{quote(path, safe='/-._~?=&%')}{suffix}"

    def render(self, template: str, status: int = 200, **values: Any) -> Response:
        page = self.app.render(template, self, **values)
        return Response.html(page, status, self.headers)

    def redirect(self, path: str, **query: str) -> Response:
        """303 See Other to a workbench path (after a POST, the browser GETs it)."""
        return Response.empty(303, [*self.headers, ("Location", self.url(path, **query))])

    def forbidden(self, message: str = "您的账号没有权限查看或办理这项内容。") -> Response:
        return self.render("message.html.j2", 403, title="无权访问", message=message)

    def not_found(self, message: str = "没有这个页面。") -> Response:
        return self.render("message.html.j2", 404, title="找不到页面", message=message)

    def to_sign_in(self) -> Response:
        """303 to the sign-in page, coming back here afterwards (GET only)."""
        if self.request.method == "GET":
            target = self.path
            if self.request.environ.get("QUERY_STRING"):
                target += "?" + self.request.environ["QUERY_STRING"]
            if safe_next(target) and target != "/":
                return self.redirect("/sign-in", next=target)
        return self.redirect("/sign-in")


def safe_next(target: str | None) -> str | None:
    """A path inside the workbench to return to, or None for anything that could leave it."""
    if not target or len(target) > MAX_NEXT or not target.startswith("/"):
        return None
    if target.startswith("//") or "\\" in target or not target.isprintable():
        return None
    if target.startswith(("/sign-in", "/sign-out")):
        return None
    return target
