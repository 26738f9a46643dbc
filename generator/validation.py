"""Validate a parsed document against a model and point every error at its line (dagster's pattern)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.problems import Problem
from generator.sources import Document, KeyPath, Positions, dotted

M = TypeVar("M", bound=BaseModel)

_TYPE_TAGS = {"int", "str", "float", "bool", "list", "dict", "date", "datetime", "decimal", "none"}


def _is_tag(part: Any) -> bool:
    if not isinstance(part, str):
        return False
    return "[" in part or part in _TYPE_TAGS or part[:1].isupper() or part.startswith("function-")


def clean_location(loc: tuple, data: Any) -> tuple[KeyPath, bool]:
    """The error's path through the data, without pydantic's union member tags; and whether one was cut."""
    path: list[str | int] = []
    cut = False
    current = data
    for part in loc:
        if (
            isinstance(current, dict)
            and part in current
            or isinstance(current, list)
            and isinstance(part, int)
            and 0 <= part < len(current)
        ):
            path.append(part)
            current = current[part]
        elif _is_tag(part):
            cut = True
        else:
            path.append(part)
            current = None
    return tuple(path), cut


def _params(error: dict, path: KeyPath) -> dict[str, Any]:
    params: dict[str, Any] = {}
    ctx = error.get("ctx") or {}
    for key, value in ctx.items():
        params[key] = value if isinstance(value, str | int | float) else str(value)
    if "value" not in params and "input" in error and not isinstance(error["input"], dict | list):
        params["value"] = error["input"]
    elif "value" not in params:
        params["value"] = type(error.get("input")).__name__
    params["field"] = path[-1] if path else ""
    params.setdefault("detail", error.get("msg", ""))
    return params


def problems_from_validation(exc: ValidationError, doc: Document) -> list[Problem]:
    return problems_from_errors(exc.errors(include_url=False), doc)


def problems_from_errors(raw: list[dict], doc: Document) -> list[Problem]:
    rel = doc.rel
    located = []
    for error in raw:
        path, cut = clean_location(tuple(error["loc"]), doc.data)
        located.append((path, cut, len(error["loc"]), error))
    # For union members, keep only the errors of the member that got furthest.
    deepest: dict[KeyPath, int] = {}
    for path, cut, depth, _ in located:
        if cut:
            base = path[:1] if path else ()
            deepest[base] = max(deepest.get(base, 0), depth)
    problems = []
    for path, cut, depth, error in located:
        if cut and depth < deepest.get(path[:1] if path else (), 0):
            continue
        problems.append(_to_problem(error, path, doc.positions, rel))
    return problems


def _to_problem(error: dict, path: KeyPath, positions: Positions, rel: str) -> Problem:
    kind = error["type"]
    if kind == "missing":
        parent = path[:-1]
        pos = positions.key(parent) if parent else None
        pos = pos or positions.locate(parent)
    elif kind == "extra_forbidden":
        pos = positions.key(path) or positions.locate(path)
    else:
        pos = positions.locate(path)
    return Problem(rel, pos.line, pos.column, "error", kind, dotted(path), _params(error, path))


def validate(model: type[M], doc: Document, **extra: Any) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate({**doc.data, **extra}), []
    except ValidationError as exc:
        return None, problems_from_validation(exc, doc)
