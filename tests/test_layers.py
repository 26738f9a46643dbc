"""The import rules of docs/architecture.md, read from the code: no import runs up a floor.

A small AST walk over generator/: every `import generator.x` / `from generator.x import`
(at module level or inside a function) is checked against ALLOWED; imports under
`if TYPE_CHECKING:` are types only and are left out. MkDocs (and Material) may be imported
only under generator/adapters/mkdocs/; generator/ never imports tools/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "generator"

# Modules directly under generator/ that every layer may use.
GROUND = {
    "messages",
    "problems",
    "credit_code",
    "csvsafe",
    "suggestions",
    "templating",
    "writing",
    "longlived",
    "parallel",
    "urls",
    "cache",  # the build cache's store, code version and memo: check, compile and adapters use it
}

# Who may import whom. The petition handler shares models, content (the work calendar) and
# the ground floor, never site code (output, compile, features, site, adapters).
# Editor Markdown (markup/) sits under content/: check and compile read it the same way.
_BELOW_SITE = {"ground", "models", "markup", "content"}
ALLOWED: dict[str, set[str]] = {
    "ground": {"ground"},
    "models": {"ground", "models"},
    "markup": {"ground", "markup"},
    "content": {"ground", "models", "markup", "content"},
    "output": {"ground", "models", "markup", "content", "output"},
    "petitions": _BELOW_SITE | {"petitions"},
    # Staff identity (accounts, passwords, second factor, sessions), the notifications
    # (outbox, channels, subscriptions) and the staff web back office sit beside the handler,
    # on its store; the public handler never imports them.
    "staff": _BELOW_SITE | {"petitions", "staff"},
    "notify": _BELOW_SITE | {"petitions", "staff", "notify"},
    "workbench": _BELOW_SITE | {"petitions", "staff", "notify", "workbench"},
    "compile": _BELOW_SITE | {"output", "compile"},
    "features": _BELOW_SITE | {"output", "compile", "petitions", "features"},
    "site": _BELOW_SITE | {"output", "compile", "features", "site"},
    "adapters": _BELOW_SITE | {"output", "compile", "features", "site", "adapters"},
    "cli": _BELOW_SITE
    | {"output", "compile", "features", "site", "adapters", "petitions", "staff", "notify"}
    | {"workbench", "cli"},
}
# Composition roots a host imports by name (the WSGI entry points of the issue's contract:
# `generator.petitions.wsgi:application` and `:staff_application`) may also wire the back office.
ENTRY_POINTS: dict[str, set[str]] = {"generator.petitions.wsgi": {"staff", "notify", "workbench"}}
MKDOCS_HOME = ("adapters", "mkdocs")
BUILDER_PACKAGES = {"mkdocs", "material"}


def layer_of(module: str) -> str | None:
    """The layer of a dotted module name under `generator`, or None for another package."""
    parts = module.split(".")
    if parts[0] != "generator":
        return None
    if len(parts) == 1 or parts[1] in GROUND or parts[1] == "__init__":
        return "ground"
    name = parts[1]
    if name in ("output", "site"):
        return name
    if name in ALLOWED:
        return name
    raise AssertionError(f"generator.{name} belongs to no layer: add it to tests/test_layers.py")


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, dotted name) of every runtime import in a module, nested ones included."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            if node.module == "generator":  # from generator import urls (a module, not a name)
                found.extend(
                    (node.lineno, f"generator.{a.name}")
                    for a in node.names
                    if (GENERATOR / f"{a.name}.py").is_file() or (GENERATOR / a.name).is_dir()
                )
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _sources() -> list[Path]:
    return sorted(p for p in GENERATOR.rglob("*.py") if "__pycache__" not in p.parts)


def _module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def violations(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        module = _module_of(path)
        layer = layer_of(module)
        rel = path.relative_to(ROOT)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, name in imported_modules(tree):
            top = name.split(".")[0]
            if top in BUILDER_PACKAGES and rel.parts[1:3] != MKDOCS_HOME:
                found.append(f"{rel}:{line}: imports {name} outside generator/adapters/mkdocs")
            elif top == "tools":
                found.append(f"{rel}:{line}: imports {name} (tools/ is not in the wheel)")
            elif top == "generator" and (target := layer_of(name)) not in ALLOWED[
                layer
            ] | ENTRY_POINTS.get(module, set()):
                found.append(f"{rel}:{line}: {layer} imports {name} ({target})")
    return found


def test_no_import_runs_up_a_floor():
    assert violations(_sources()) == []


@pytest.mark.parametrize(
    ("where", "code", "message"),
    [
        ("compile/x.py", "from generator.features.feeds import x", "compile imports"),
        ("petitions/x.py", "def f():\n    from generator.output import Page", "petitions imports"),
        ("petitions/x.py", "from generator import site", "petitions imports generator.site"),
        ("models/x.py", "import generator.content.status", "models imports"),
        ("compile/x.py", "from mkdocs.config import base", "outside generator/adapters/mkdocs"),
        ("cli/x.py", "import material", "outside generator/adapters/mkdocs"),
        ("site.py", "from tools.browser import x", "tools/ is not in the wheel"),
    ],
)
def test_each_rule_catches_its_break(tmp_path, monkeypatch, where, code, message):
    """The walk itself: a planted import of each forbidden kind is reported."""
    fake_root = tmp_path
    path = fake_root / "generator" / where
    path.parent.mkdir(parents=True)
    path.write_text(code + "\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", fake_root)
    (report,) = violations([path])
    assert message in report and where in report


def test_type_only_and_allowed_imports_pass(tmp_path, monkeypatch):
    path = tmp_path / "generator" / "petitions" / "x.py"
    path.parent.mkdir(parents=True)
    path.write_text(
        "from typing import TYPE_CHECKING\n"
        "from generator.content.workdays import WorkCalendar\n"
        "if TYPE_CHECKING:\n    from generator.output import Page\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert violations([path]) == []
