"""The pydantic base every content model derives from: frozen, no unknown keys, Chinese titles."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Frozen, forbids unknown keys (they are usually typos), strips surrounding spaces."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=False,
    )
