"""Field types shared by the content models: dates as editors write them, ids, codes, money."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Union

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{1,78})[a-z0-9]$"
ID_RE = re.compile(ID_PATTERN)


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("qq_date_not_datetime", "a date without a time is expected")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError(
        "qq_date", "a date like 2025-03-31 is expected, got {value!r}", {"value": value}
    )


def _to_date_or_datetime(value: Any) -> dt.date | dt.datetime:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
            try:
                return parse(text)
            except ValueError:
                continue
    raise PydanticCustomError(
        "qq_datetime",
        "a date like 2025-03-31 or 2025-03-31 17:30 is expected, got {value!r}",
        {"value": value},
    )


def _to_id(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not ID_RE.match(value):
        raise PydanticCustomError("qq_id", "not a valid id: {value!r}", {"value": value})
    return value


def _to_int(value: Any) -> Any:
    # YAML gives bools for yes/no; pydantic would take True as 1.
    if isinstance(value, bool):
        raise PydanticCustomError(
            "qq_number", "a number is expected, got {value!r}", {"value": value}
        )
    return value


def _to_web_url(value: Any) -> str:
    # Only http(s): a URL field becomes an href, and javascript:, data: or vbscript: there
    # would run in the reader's browser. No whitespace or control characters, which
    # browsers drop from a URL (so "java\tscript:" reads as "javascript:").
    text = value.strip() if isinstance(value, str) else value
    ok = (
        isinstance(text, str)
        and text[:8].lower().startswith(("http://", "https://"))
        and len(text) > len(text.partition("//")[0]) + 2
        and not any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in text)
    )
    if not ok:
        raise PydanticCustomError("qq_url", "not an http(s) URL: {value}", {"value": value})
    return text


Date = Annotated[
    dt.date,
    BeforeValidator(_to_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]
DateOrTime = Annotated[
    dt.date | dt.datetime,
    # A plain validator, not a union: an editor's mistake is one error, never one per member.
    PlainValidator(_to_date_or_datetime),
    PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]}
    ),
]
ItemId = Annotated[
    str, BeforeValidator(_to_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})
]
Yuan = Annotated[int, BeforeValidator(_to_int), Field(ge=0, le=10**12)]
Amount = Annotated[
    Decimal,
    BeforeValidator(_to_int),
    Field(ge=0, le=10**12, decimal_places=2),
    PlainSerializer(lambda v: float(v), return_type=float),
]
WorkdayCount = Annotated[int, BeforeValidator(_to_int), Field(ge=0, le=365)]
Count = Annotated[int, BeforeValidator(_to_int), Field(ge=0, le=10**7)]


# --- Text that editors may write as a bare number (codes, phone numbers) -----------------


def _text_from_number(value: Any) -> Any:
    """A YAML integer becomes its digits; a value YAML read as something else is refused.

    Only plain decimals are integers in our YAML (generator/content/yaml_schema.py), so their digits
    are exactly what the editor wrote. A float (`1.50`, `1.0e+5`), a yes/no and a date have
    lost their writing on the way: only quotes keep it.
    """
    if isinstance(value, bool):
        raise PydanticCustomError(
            "qq_text_from_bool", "quote it: read as {value}", {"value": value}
        )
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise PydanticCustomError(
            "qq_text_from_float", "quote it: read as {value}", {"value": value}
        )
    if isinstance(value, dt.date):
        raise PydanticCustomError(
            "qq_text_from_date", "quote it: read as {value}", {"value": value.isoformat()}
        )
    return value


NumberText = Annotated[
    str,
    BeforeValidator(_text_from_number),
    WithJsonSchema({"type": ["string", "integer"]}),
]


# --- Unions chosen by the shape of the value (an editor sees one form's errors) ----------

SHAPE_TAG_PREFIX = "as-"


def shape_of(value: Any) -> str:
    """`as-mapping`, `as-list` or `as-scalar`: the form an editor used for a value."""
    if isinstance(value, dict):
        return "as-mapping"
    if isinstance(value, list):
        return "as-list"
    return "as-scalar"


def by_shape(error_code: str, **forms: Any) -> Any:
    """A union whose member is picked by the value's shape (`mapping=…, list=…, scalar=…`).

    A shape without a member is one error, `error_code`, instead of every member's errors.
    """
    members = tuple(Annotated[kind, Tag(SHAPE_TAG_PREFIX + shape)] for shape, kind in forms.items())

    def member(value: Any) -> str | None:
        shape = shape_of(value)
        return shape if shape.removeprefix(SHAPE_TAG_PREFIX) in forms else None

    return Annotated[
        Union[members],  # noqa: UP007 - built from a tuple at run time
        Discriminator(
            member,
            custom_error_type=error_code,
            custom_error_message="the value has none of the accepted forms",
        ),
    ]


# An address a page links to (attachment url, online_url, supervision url): http(s) only.
WebUrl = Annotated[str, BeforeValidator(_to_web_url), WithJsonSchema({"type": "string"})]
