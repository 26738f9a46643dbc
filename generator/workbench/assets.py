"""The workbench's style sheet and the desk's script (reply templates fill the answer box),
served from the package (no inline style or script: the CSP forbids them), and nothing more."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator.petitions.response import Response
from generator.workbench.context import Context
from generator.workbench.routes import route

ASSETS = Path(__file__).parent / "assets"


@cache
def _read(name: str) -> bytes:
    return (ASSETS / name).read_bytes()


@route("GET", "/assets/staff.css", public=True)
def style_sheet(ctx: Context) -> Response:
    return Response(200, _read("staff.css"), "text/css; charset=utf-8")


@route("GET", "/assets/desk.js", public=True)
def desk_script(ctx: Context) -> Response:
    return Response(200, _read("desk.js"), "text/javascript; charset=utf-8")
