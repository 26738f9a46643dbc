"""The desk's script (reply templates fill the answer box), served from the package, and nothing more."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator.petitions.response import Response
from generator.workbench.context import Context
from generator.workbench.routes import route

SCRIPT = Path(__file__).parent / "assets" / "desk.js"


@cache
def _script() -> bytes:
    return SCRIPT.read_bytes()


@route("GET", "/assets/desk.js", public=True)
def desk_script(ctx: Context) -> Response:
    return Response(200, _script(), "text/javascript; charset=utf-8")
