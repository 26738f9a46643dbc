"""Plain WSGI plumbing: read a bounded body, parse JSON or form data, find the client, answer.

No framework: the handler must start fast in a serverless function.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl

MAX_BODY = 64 * 1024
STATUS_TEXT = {
    200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 411: "Length Required", 413: "Content Too Large",
    415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests",
    500: "Internal Server Error", 503: "Service Unavailable",
}  # fmt: skip
BASE_HEADERS = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    # Not no-referrer: Chromium then sends "Origin: null" on form posts from our own pages.
    ("Referrer-Policy", "same-origin"),
]
FORM = "application/x-www-form-urlencoded"
MEDIA_JSON = "application/json; charset=utf-8"


class HttpError(Exception):
    """A refusal with a status and field-by-field errors."""

    def __init__(
        self, status: int, errors: list[tuple[str, str]], headers: Iterable[tuple[str, str]] = ()
    ) -> None:
        super().__init__(status, errors)
        self.status = status
        self.errors = errors
        self.headers = list(headers)


def too_many_submissions(wait: int | None) -> HttpError:
    """The 429 for a client over its submission limits: minutes to wait, seconds in Retry-After."""
    seconds = wait or 60
    return HttpError(
        429,
        [("rate", f"提交过于频繁，请 {max(1, round(seconds / 60))} 分钟后再试")],
        [("Retry-After", str(seconds))],
    )


class Request:
    """The parts of a WSGI environ the handler uses."""

    def __init__(self, environ: dict[str, Any]) -> None:
        self.environ = environ
        self.method = environ.get("REQUEST_METHOD", "GET").upper()
        raw = environ.get("PATH_INFO", "") or "/"
        at = raw.find("/api/")
        self.route = raw[at:] if at >= 0 else raw
        self.route = self.route.rstrip("/") or "/"

    def header(self, name: str) -> str:
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            return self.environ.get(key, "") or ""
        return self.environ.get(f"HTTP_{key}", "") or ""

    @property
    def media_type(self) -> str:
        return self.header("Content-Type").split(";")[0].strip().lower()

    @property
    def wants_html(self) -> bool:
        accept = self.header("Accept")
        if "application/json" in accept:
            return False
        return self.media_type == FORM or "text/html" in accept

    def body(self) -> bytes:
        """At most 64 KB; a declared length is required so a slow client cannot hold a worker."""
        length_text = self.header("Content-Length").strip()
        if not length_text:
            raise HttpError(411, [("body", "请求缺少 Content-Length")])
        if not length_text.isdigit():
            raise HttpError(400, [("body", "Content-Length 无效")])
        length = int(length_text)
        if length > MAX_BODY:
            raise HttpError(413, [("body", f"请求内容过大（上限 {MAX_BODY // 1024} KB）")])
        data = self.environ["wsgi.input"].read(length) if length else b""
        if len(data) != length:
            raise HttpError(400, [("body", "请求内容不完整")])
        return data

    def fields(self) -> tuple[dict[str, Any], bool]:
        """The submitted fields and whether they came from a plain HTML form."""
        media = self.media_type
        if media not in ("application/json", FORM):
            raise HttpError(
                415,
                [
                    (
                        "body",
                        "只接受 application/json 或表单提交（application/x-www-form-urlencoded）",
                    )
                ],
            )
        data = self.body()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError(400, [("body", "内容不是有效的 UTF-8 编码")]) from None
        if media == FORM:
            try:
                pairs = parse_qsl(
                    text,
                    keep_blank_values=True,
                    encoding="utf-8",
                    errors="strict",
                    max_num_fields=100,
                )
            except (UnicodeDecodeError, ValueError):
                raise HttpError(400, [("body", "表单内容无法解析（编码错误或字段过多）")]) from None
            return dict(pairs), True
        value = _parse_json(text)
        if not isinstance(value, dict):
            raise HttpError(422, [("body", "JSON 内容应为对象（{…}）")])
        return value, False

    def client_address(self, trusted: list[str]) -> str:
        """The platform's source address; X-Forwarded-For only through configured proxies."""
        address = self.environ.get("REMOTE_ADDR", "") or "unknown"
        if not trusted or not _in_networks(address, trusted):
            return address
        hops = [h.strip() for h in self.header("X-Forwarded-For").split(",") if h.strip()]
        for hop in reversed(hops):
            if not _in_networks(hop, trusted):
                return hop
            address = hop
        return address


def _parse_json(text: str) -> Any:
    """JSON a handler can use, or a 400: never a ValueError or a lone surrogate further on."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise HttpError(400, [("body", "JSON 嵌套层数过多")]) from None
    except ValueError as err:  # JSONDecodeError, and an integer over Python's digit limit
        if isinstance(err, json.JSONDecodeError):
            raise HttpError(400, [("body", "内容不是有效的 JSON")]) from None
        raise HttpError(400, [("body", "JSON 中的数字过长")]) from None
    try:
        # "\ud800" is valid JSON but no valid text: it would fail later, when stored or echoed.
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise HttpError(400, [("body", "内容含有无效的 Unicode 字符（单独的代理项）")]) from None
    except (RecursionError, ValueError):
        raise HttpError(400, [("body", "JSON 嵌套层数过多")]) from None
    return value


def _in_networks(address: str, networks: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for network in networks:
        try:
            if ip in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            continue
    return False


def respond(
    start_response: Any,
    status: int,
    body: bytes,
    media: str,
    headers: Iterable[tuple[str, str]] = (),
) -> list[bytes]:
    all_headers = [
        ("Content-Type", media),
        ("Content-Length", str(len(body))),
        *BASE_HEADERS,
        *headers,
    ]
    start_response(f"{status} {STATUS_TEXT.get(status, 'Unknown')}", all_headers)
    return [body]


def refuse(start_response: Any, status: int, field: str, message: str) -> list[bytes]:
    """A JSON error answer for one field, outside the handler (e.g. a bad path)."""
    return respond(start_response, status, errors_body([(field, message)]), MEDIA_JSON)


def json_body(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def errors_body(errors: list[tuple[str, str]]) -> bytes:
    return json_body({"errors": [{"field": f, "message": m} for f, m in errors]})
