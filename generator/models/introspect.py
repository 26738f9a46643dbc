"""Read the models along an error's location: the model there, its keys, a code field's choices."""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Tag
from pydantic.fields import FieldInfo

from generator.models.funds import DELIVERY_LABELS
from generator.models.policies import LEVEL_LABELS
from generator.models.rules import FIELD_LABELS, OP_LABELS

# The names shown next to the codes of a closed choice, by the key that holds it.
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "level": LEVEL_LABELS,
    "mode": DELIVERY_LABELS,
    "field": FIELD_LABELS,
    "op": OP_LABELS,
    "language": {"zh": "中文"},
}


def _unwrap(kind: Any) -> Any:
    """`kind` without Annotated metadata and without `| None`."""
    while True:
        origin = get_origin(kind)
        if origin is Annotated:
            kind = get_args(kind)[0]
        elif origin in (Union, types.UnionType):
            members = [m for m in get_args(kind) if m is not type(None)]
            if len(members) != 1:
                return kind
            kind = members[0]
        else:
            return kind


def _tagged(member: Any, tag: str) -> bool:
    return get_origin(member) is Annotated and any(
        isinstance(meta, Tag) and meta.tag == tag for meta in get_args(member)[1:]
    )


def _step(kind: Any, part: Any) -> Any:
    kind = _unwrap(kind)
    origin = get_origin(kind)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        field = kind.model_fields.get(part) if isinstance(part, str) else None
        return None if field is None else field.annotation
    if origin in (Union, types.UnionType):
        return next((m for m in get_args(kind) if _tagged(m, part)), None)
    if origin in (list, tuple) and isinstance(part, int):
        return get_args(kind)[0]
    if origin is dict:
        return get_args(kind)[1]
    return None


def model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model whose key `loc[-1]` is (pydantic's raw location, union tags included)."""
    kind: Any = model
    for part in loc[:-1]:
        kind = _step(kind, part)
        if kind is None:
            return None
    kind = _unwrap(kind)
    return kind if isinstance(kind, type) and issubclass(kind, BaseModel) else None


def field_at(model: type[BaseModel], loc: tuple) -> FieldInfo | None:
    parent = model_at(model, loc) if loc else None
    return None if parent is None else parent.model_fields.get(loc[-1])


def keys_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys the model at `loc` takes (empty when the location leaves the models)."""
    parent = model_at(model, loc) if loc else None
    return [] if parent is None else list(parent.model_fields)


def choices_at(model: type[BaseModel], loc: tuple) -> dict[str, str]:
    """code → name (or "") of the closed choice (a Literal) at `loc`."""
    field = field_at(model, loc)
    kind = None if field is None else _unwrap(field.annotation)
    if get_origin(kind) is not Literal:
        return {}
    labels = CHOICE_LABELS.get(str(loc[-1]), {})
    return {str(code): labels.get(str(code), "") for code in get_args(kind)}
