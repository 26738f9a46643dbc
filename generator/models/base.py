"""The pydantic bases every content model derives from: frozen, no unknown keys, named entries."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError


class Strict(BaseModel):
    """Frozen, forbids unknown keys (they are usually typos), strips surrounding spaces."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=False,
    )


class Named(Strict):
    """An entry of a "code → name" mapping: `textile: 纺织服装` is short for `textile: {name: 纺织服装}`."""

    @model_validator(mode="before")
    @classmethod
    def _name_alone(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return value
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return {"name": str(value)}
        raise PydanticCustomError("qq_named_form", "a name, or a mapping with name")

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        full = handler.resolve_ref_schema(handler(core_schema))
        name = full["properties"]["name"]
        short = {"type": "string", "title": name.get("title", "名称"), "description": "只写名称"}
        return {"anyOf": [short, dict(full)], "title": full.get("title", cls.__name__)}
