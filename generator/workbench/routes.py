"""The workbench's route table: method, path pattern, view, who may use it, and nothing more.

View modules add their routes with the `route` decorator at import time; `views.py` imports
every such module once. The app, its session guard and the tests that try every staff URL
without a session or a CSRF token all read this one table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.staff.sessions import SIGNED_IN

if TYPE_CHECKING:
    from generator.petitions.response import Response
    from generator.staff.accounts import Account
    from generator.workbench.context import Context

View = Callable[["Context"], "Response"]
_PARAM = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Route:
    """One URL of the workbench. `roles` None: any signed-in account; `public`: no session
    needed (the sign-in page, the style sheet); `stages`: the session stages it serves."""

    method: str
    pattern: str
    view: View
    roles: frozenset[str] | None = None
    public: bool = False
    stages: tuple[str, ...] = (SIGNED_IN,)
    regex: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Literal text between the {parameters} is escaped; each parameter is one path segment.
        pieces = _PARAM.split(self.pattern)  # literal, name, literal, name, …, literal
        body = "".join(
            f"(?P<{piece}>[^/]+)" if index % 2 else re.escape(piece)
            for index, piece in enumerate(pieces)
        )
        object.__setattr__(self, "regex", re.compile(f"^{body}$"))

    @property
    def params(self) -> list[str]:
        return _PARAM.findall(self.pattern)

    def admits(self, account: Account) -> bool:
        """Whether the account's roles let it use this route (the guard's rule)."""
        return self.roles is None or account.has_any(self.roles)

    def example_path(self, value: str = "X") -> str:
        """The pattern with every parameter filled in (for tests that try each route)."""
        return _PARAM.sub(value, self.pattern)


class RouteTable:
    """Routes in the order added; the first whose method and pattern match wins."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(self, route: Route) -> Route:
        for known in self.routes:
            if known.method == route.method and known.pattern == route.pattern:
                raise ValueError(f"route {route.method} {route.pattern} added twice")
        self.routes.append(route)
        return route

    def route(
        self,
        method: str,
        pattern: str,
        roles: set[str] | frozenset[str] | None = None,
        public: bool = False,
        stages: tuple[str, ...] = (SIGNED_IN,),
    ) -> Callable[[View], View]:
        """Decorator: `@route("GET", "/petitions/{receipt}", roles={HANDLER, SUPERVISOR})`."""

        def register(view: View) -> View:
            frozen = frozenset(roles) if roles is not None else None
            self.add(Route(method.upper(), pattern, view, frozen, public, stages))
            return view

        return register

    def match(self, method: str, path: str) -> tuple[Route | None, dict[str, str], list[str]]:
        """(route, its path parameters, the methods the path allows)."""
        allowed: list[str] = []
        for route in self.routes:
            found = route.regex.match(path)
            if found is None:
                continue
            if route.method == method:
                return route, found.groupdict(), [route.method]
            allowed.append(route.method)
        return None, {}, allowed


TABLE = RouteTable()
route = TABLE.route
