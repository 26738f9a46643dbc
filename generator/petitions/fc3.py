"""Alibaba Cloud Function Compute 3.0 (built-in Python runtime, HTTP trigger): event to WSGI.

FC 3.0 passes the HTTP request as a JSON event (`version: v1`, `rawPath`, `headers`,
`queryParameters`, `body`, `isBase64Encoded`, `requestContext.http.{method,sourceIp}`) and
expects `{statusCode, headers, body, isBase64Encoded}` back. Handler: `generator.petitions.fc3.handler`.
"""

from __future__ import annotations

import base64
import io
import json
import sys
from typing import Any
from urllib.parse import urlencode

TEXT_TYPES = ("text/", "application/json")


def event_to_environ(event: dict[str, Any]) -> dict[str, Any]:
    """A PEP 3333 environ for one FC 3.0 HTTP trigger event."""
    http = event.get("requestContext", {}).get("http", {})
    body = event.get("body") or ""
    data = base64.b64decode(body) if event.get("isBase64Encoded") else body.encode("utf-8")
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    path = http.get("path") or event.get("rawPath") or "/"
    environ = {
        "REQUEST_METHOD": (http.get("method") or "GET").upper(),
        "SCRIPT_NAME": "",
        "PATH_INFO": path.encode("utf-8").decode("latin-1"),
        "QUERY_STRING": urlencode(event.get("queryParameters") or {}),
        "SERVER_NAME": event.get("requestContext", {}).get("domainName", "localhost"),
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": http.get("protocol") or "HTTP/1.1",
        "REMOTE_ADDR": http.get("sourceIp") or "",
        "CONTENT_TYPE": headers.get("content-type", ""),
        "CONTENT_LENGTH": str(len(data)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(data),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in headers.items():
        if name not in ("content-type", "content-length"):
            environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def call_wsgi(app: Any, event: dict[str, Any]) -> dict[str, Any]:
    """Run `app` for one event; answer in FC 3.0's response shape."""
    started: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        started["status"], started["headers"] = status, headers

    chunks = app(event_to_environ(event), start_response)
    try:
        data = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    headers = dict(started["headers"])
    media = headers.get("Content-Type", "")
    text = media.startswith(TEXT_TYPES)
    return {
        "statusCode": int(started["status"].split()[0]),
        "headers": headers,
        "body": data.decode("utf-8") if text else base64.b64encode(data).decode(),
        "isBase64Encoded": not text,
    }


def handler(event: bytes | str | dict, context: Any = None) -> dict[str, Any]:
    """The function's entry point (the runtime passes the event as JSON bytes)."""
    from generator.petitions.wsgi import application

    if isinstance(event, bytes | str):
        event = json.loads(event)
    return call_wsgi(application, event)
