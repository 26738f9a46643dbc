"""What can be known of a mapping whose model failed: a partial view for the site-wide checks, and nothing more.

`check` reports every problem in one run. A fund whose `closes` is wrong still names its
policies, and a site.yaml with one bad department still defines the others: the site-wide
checks need those, not a model that failed. The view leaves out every value that failed
(its own error is already reported) and keeps the rest, validated by the same model: a
failed entry of a list or mapping leaves out that entry only, any other failure the whole
top-level value.
"""

from __future__ import annotations

import functools
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, Field, ValidationError, create_model

from generator.content.validation import clean_location

M = TypeVar("M", bound=BaseModel)
MAX_ROUNDS = 3


@dataclass
class PartialView:
    """A partial view, and for each list it shortened, the index in the file of each entry
    it kept (so a check on entry 2 of the view points at entry 3 of the file)."""

    data: Any
    kept: dict[str, list[int]] = field(default_factory=dict)


@functools.cache
def partial_model(model: type[M]) -> type[M]:
    """`model` with every required field optional: a missing list or mapping is empty, any
    other missing value None. A subclass, so `isinstance(view, Fund)` still holds and the
    validators of the fields that stay are the same."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        origin = typing.get_origin(info.annotation)
        if origin in (list, dict):
            fields[name] = (info.annotation, Field(default_factory=origin))
        else:
            fields[name] = (typing.Optional[info.annotation], None)  # noqa: UP045 - a runtime type
    return create_model(f"Partial{model.__name__}", __base__=model, **fields)  # type: ignore[call-overload]


def empty_view(model: type[M]) -> M:
    """The view of a document of which nothing could be read."""
    return partial_model(model).model_validate({})


def partial_view(model: type[M], data: dict[str, Any]) -> PartialView:
    """`data` validated by `model` without the values that failed."""
    current = dict(data)
    kept: dict[str, list[int]] = {}
    # The model's own errors first: the view's fields are looser (no length limits), and a
    # value the model refused must not reach the checks.
    for candidate in (model, *[partial_model(model)] * MAX_ROUNDS):
        try:
            return PartialView(candidate.model_validate(current), kept)
        except ValidationError as exc:
            if not _drop_failed(model, current, kept, exc.errors(include_url=False)):
                break
    return PartialView(empty_view(model))


def _drop_failed(
    model: type[BaseModel], data: dict[str, Any], kept: dict[str, list[int]], errors: list[dict]
) -> bool:
    """Remove from `data` what the errors are about; False when they name nothing to remove."""
    whole: set[str] = set()
    entries: dict[str, set[Any]] = {}
    for error in errors:
        path = clean_location(tuple(error["loc"]), data)
        if not path or path[0] not in data:
            continue
        key, value = path[0], data[path[0]]
        info = model.model_fields.get(key) if isinstance(key, str) else None
        if info is not None and len(path) > 1 and _holds_entries(info.annotation, value):
            entries.setdefault(key, set()).add(path[1])
        else:
            # (Every union is picked by the value's shape, so no error is another form's.)
            whole.add(key)
    for key in whole:
        del data[key]
        kept.pop(key, None)
    for key, bad in entries.items():
        if key in whole:
            continue
        value = data[key]
        if isinstance(value, dict):
            data[key] = {k: v for k, v in value.items() if k not in bad}
            continue
        positions = kept.get(key, list(range(len(value))))
        kept[key] = [n for i, n in enumerate(positions) if i not in bad]
        data[key] = [v for i, v in enumerate(value) if i not in bad]
    return bool(whole or entries)


def _holds_entries(annotation: Any, value: Any) -> bool:
    """Whether a field of this type whose value is `value` is a list or mapping of entries."""
    kinds = {typing.get_origin(annotation)}
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is typing.Annotated:  # a union member picked by shape
            arg = typing.get_args(arg)[0]
        kinds.add(typing.get_origin(arg))
    return (list in kinds and isinstance(value, list)) or (
        dict in kinds and isinstance(value, dict)
    )
