"""Validate a parsed document against a model and point every error at its line (dagster's pattern)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.content.indented_prose import indented_prose_problems
from generator.content.placeholders import placeholder_problems
from generator.content.sources import Document
from generator.content.yamldoc import KeyPath, Positions, dotted
from generator.models.fields import SHAPE_TAG_PREFIX
from generator.models.introspect import choices_at, field_at, keys_at
from generator.problems import Problem

M = TypeVar("M", bound=BaseModel)

_TYPE_TAGS = {"int", "str", "float", "bool", "list", "dict", "date", "datetime", "decimal", "none"}


def _is_tag(part: Any) -> bool:
    if not isinstance(part, str):
        return False
    return (
        part.startswith(SHAPE_TAG_PREFIX)
        or "[" in part
        or part in _TYPE_TAGS
        or part[:1].isupper()
        or part.startswith("function-")
    )


def clean_location(loc: tuple, data: Any) -> KeyPath:
    """The error's path through the data, without pydantic's union member tags."""
    path: list[str | int] = []
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
        elif not _is_tag(part):
            path.append(part)
            current = None
    return tuple(path)


def _shown(value: Any) -> tuple[str, str]:
    """(value as the editor wrote it, or "" for a list or mapping; its kind: text, list, mapping…)."""
    if isinstance(value, dict):
        return "", "mapping"
    if isinstance(value, list):
        return "", "list"
    if value is None:
        return "", "none"
    if isinstance(value, bool):
        return ("true" if value else "false"), "bool"
    if isinstance(value, dt.date):
        return value.isoformat(), "date"
    if isinstance(value, int | float):
        return str(value), "number"
    return str(value), "text"


def _params(error: dict, path: KeyPath, model: type[BaseModel] | None) -> dict[str, Any]:
    params: dict[str, Any] = {}
    ctx = error.get("ctx") or {}
    for key, value in ctx.items():
        params[key] = value if isinstance(value, str | int | float) else str(value)
    if "value" not in params:
        params["value"], params["value_kind"] = _shown(error.get("input"))
    params["field"] = path[-1] if path else ""
    params.setdefault("detail", error.get("msg", ""))
    if model is None:
        return params
    loc, kind = tuple(error["loc"]), error["type"]
    if kind == "extra_forbidden":
        params["keys"] = keys_at(model, loc)
    elif kind == "literal_error":
        params["choices"] = choices_at(model, loc)
    if kind == "missing" and (info := field_at(model, loc)) is not None and info.title:
        params["title"] = info.title
    return params


def problems_from_validation(
    exc: ValidationError, doc: Document, model: type[BaseModel] | None = None
) -> list[Problem]:
    return problems_from_errors(exc.errors(include_url=False), doc, model)


def problems_from_errors(
    raw: list[dict], doc: Document, model: type[BaseModel] | None = None
) -> list[Problem]:
    """One problem per pydantic error; `model` (the one validated) lets messages name keys and codes."""
    problems = []
    for error in raw:
        path = clean_location(tuple(error["loc"]), doc.data)
        key = (error.get("ctx") or {}).get("key")
        if isinstance(key, str):
            # A check across a mapping's keys names the key it is about.
            path = (*path, key)
        problems.append(_to_problem(error, path, doc.positions, doc.rel, model))
    return problems


def _to_problem(
    error: dict, path: KeyPath, positions: Positions, rel: str, model: type[BaseModel] | None
) -> Problem:
    kind = error["type"]
    if kind == "missing":
        parent = path[:-1]
        pos = positions.key(parent) if parent else None
        pos = pos or positions.locate(parent)
    elif kind == "extra_forbidden":
        pos = positions.key(path) or positions.locate(path)
    else:
        pos = positions.locate(path)
    params = _params(error, path, model)
    return Problem(rel, pos.line, pos.column, "error", kind, dotted(path), params)


def validate(model: type[M], doc: Document, **extra: Any) -> tuple[M | None, list[Problem]]:
    """The model of `doc`, or None; and the problems of its values and unfinished text."""
    unfinished = placeholder_problems(doc) + indented_prose_problems(doc)
    try:
        return model.model_validate({**doc.data, **extra}), unfinished
    except ValidationError as exc:
        return None, problems_from_validation(exc, doc, model) + unfinished
