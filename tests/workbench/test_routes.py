"""The route table: patterns with parameters, method matching, duplicates refused."""

from __future__ import annotations

import pytest

from generator.workbench.routes import Route, RouteTable


def _view(ctx):
    return None


def test_patterns_methods_and_parameters():
    table = RouteTable()
    table.route("GET", "/petitions/{receipt}", roles={"handler"})(_view)
    table.route("POST", "/petitions/{receipt}/notes.add")(_view)
    route, params, _ = table.match("GET", "/petitions/20261126-ABCDE")
    assert route.roles == {"handler"} and params == {"receipt": "20261126-ABCDE"}
    assert table.match("GET", "/petitions/a/b")[0] is None  # a parameter is one segment
    assert table.match("POST", "/petitions/X/notesXadd")[0] is None  # literal dots stay literal
    assert table.match("POST", "/petitions/X/notes.add")[1] == {"receipt": "X"}
    none, _, allowed = table.match("POST", "/petitions/X")
    assert none is None and allowed == ["GET"]
    assert Route("GET", "/a/{b}/c", _view).example_path() == "/a/X/c"
    with pytest.raises(ValueError, match="added twice"):
        table.route("GET", "/petitions/{receipt}")(_view)
