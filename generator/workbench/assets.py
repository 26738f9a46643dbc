"""The workbench's style sheet, served from the package (no inline style: the CSP forbids it), and nothing more."""

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
