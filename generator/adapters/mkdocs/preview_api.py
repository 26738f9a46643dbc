"""`mkdocs serve` with a WSGI application answering the API paths (the petition handler), and nothing more.

The plugin option `serve_api` names the application as a WSGI host does
(`generator.petitions.wsgi:application`); it is looked up by that name only when the
preview server starts, so the adapter imports no handler code and a build never loads it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Any]


class ApiNameError(ValueError):
    """`serve_api` does not name an importable WSGI application."""


def load_wsgi(name: str) -> Wsgi:
    """`package.module:attribute` -> the object, or ApiNameError saying what is wrong."""
    module_name, _, attribute = name.partition(":")
    if not module_name or not attribute:
        raise ApiNameError(
            f"serve_api 应写成 模块:对象，如 generator.petitions.wsgi:application，实际为 {name!r}"
        )
    try:
        found = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise ApiNameError(f"serve_api 找不到 {name}：{error}") from None
    if not callable(found):
        raise ApiNameError(f"serve_api {name} 不是 WSGI 应用")
    return found


def api_prefix(endpoint: str) -> str | None:
    """The path the API lives under, from the form's endpoint (`/api/petitions` -> `/api/`);
    None when the form posts to another host, which the preview cannot stand in for."""
    if not endpoint.startswith("/") or endpoint.startswith("//"):
        return None
    head = endpoint.rstrip("/").rpartition("/")[0]
    return (head or "") + "/"


def with_api(site: Wsgi, api: Wsgi, prefix: str) -> Wsgi:
    """One application: paths under `prefix` go to `api`, every other path to `site`."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("PATH_INFO", "").startswith(prefix):
            return api(environ, start_response)
        return site(environ, start_response)

    return app


def serve_api(server: Any, name: str, endpoint: str) -> str:
    """Have the preview `server` answer the form's API paths with the application `name`
    (editors preview the form); what it did, for the log. ApiNameError when `name` is wrong."""
    prefix = api_prefix(endpoint)
    if prefix is None:
        return f"诉求表单提交到其他网站（{endpoint}），预览不提供接口"
    api = load_wsgi(name)
    server.set_app(with_api(server.get_app(), api, prefix))
    return f"预览同时提供诉求接口：{prefix}"
