"""What can be known of a mapping whose model failed: a partial view for the site-wide checks, and nothing more.

`check` reports every problem in one run. A fund whose `closes` is wrong still names its
policies, and a site.yaml with one bad department still defines the others: the site-wide
checks need those, not a model that failed. The view leaves out every value that failed
(its own error is already reported) and keeps the rest, validated by the same model.
"""

from __future__ import annotations

import functools
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, Field, ValidationError, create_model

M = TypeVar("M", bound=BaseModel)
MAX_ROUNDS = 3


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


def partial_view(model: type[M], data: dict[str, Any]) -> M:
    """`data` validated by `model` without the values that failed.

    A failed entry of a mapping field (one department of site.yaml) leaves out that entry
    only; any other failure leaves out the whole top-level value.
    """
    current = dict(data)
    # The model's own errors first: the view's fields are looser (no length limits), and a
    # value the model refused must not reach the checks.
    for candidate in (model, *[partial_model(model)] * MAX_ROUNDS):
        try:
            return candidate.model_validate(current)
        except ValidationError as exc:
            if not _drop_failed(model, current, exc.errors(include_url=False)):
                break
    return empty_view(model)


def _drop_failed(model: type[BaseModel], data: dict[str, Any], errors: list[dict]) -> bool:
    """Remove from `data` what each error is about; False when an error names nothing to remove."""
    dropped = False
    for error in errors:
        loc = error["loc"]
        if not loc or loc[0] not in data:
            continue
        key, value = loc[0], data[loc[0]]
        info = model.model_fields.get(key) if isinstance(key, str) else None
        is_mapping_field = info is not None and typing.get_origin(info.annotation) is dict
        if is_mapping_field and isinstance(value, dict) and len(loc) > 1:
            if loc[1] in value:  # (an entry with two errors is left out at the first)
                data[key] = {k: v for k, v in value.items() if k != loc[1]}
        else:
            del data[key]
        dropped = True
    return dropped
