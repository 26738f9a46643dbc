"""The workbench's first page after signing in (a placeholder until the queues arrive), and nothing more."""

from __future__ import annotations

from generator.petitions.response import Response
from generator.workbench.context import Context
from generator.workbench.routes import route


@route("GET", "/")
def home(ctx: Context) -> Response:
    assert ctx.account is not None
    names = {code: dept.name for code, dept in ctx.site.departments.items()}
    departments = "、".join(names.get(c, c) for c in sorted(ctx.account.departments))
    return ctx.render("home.html.j2", departments=departments)
