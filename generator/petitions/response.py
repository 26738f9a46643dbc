"""What a handler answers: status, body, media type and headers, and nothing more."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.petitions.http import errors_body, json_body

MEDIA_JSON = "application/json; charset=utf-8"
MEDIA_HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Response:
    """One answer; build it with `json`, `errors`, `html` or `empty`."""

    status: int
    body: bytes
    media_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def json(cls, data: Any, status: int = 200, headers: list | tuple = ()) -> Response:
        return cls(status, json_body(data), MEDIA_JSON, list(headers))

    @classmethod
    def json_bytes(cls, body: bytes, status: int = 200, headers: list | tuple = ()) -> Response:
        """Already encoded JSON (a cached answer)."""
        return cls(status, body, MEDIA_JSON, list(headers))

    @classmethod
    def errors(cls, status: int, errors: list[tuple[str, str]], headers: list | tuple = ()):
        """`{"errors": [{"field", "message"}, ...]}`."""
        return cls(status, errors_body(errors), MEDIA_JSON, list(headers))

    @classmethod
    def html(cls, page: str, status: int = 200, headers: list | tuple = ()) -> Response:
        return cls(status, page.encode(), MEDIA_HTML, list(headers))

    @classmethod
    def empty(cls, status: int = 204, headers: list | tuple = ()) -> Response:
        return cls(status, b"", "text/plain", list(headers))

    def with_headers(self, headers: list[tuple[str, str]]) -> Response:
        return Response(self.status, self.body, self.media_type, [*self.headers, *headers])
