"""`application` (the public petition handler) and `staff_application` (the staff workbench,
mounted at /staff/) for any WSGI server, configured from the same environment.

Importing this module is cheap (standard library only): the settings, `site.yaml` and the
database are read on the first request, so a serverless cold start pays only for what it
uses. `QINQING_STAFF_FROM` (comma-separated networks, optional) limits which clients the
workbench answers. Run `python -m generator.petitions.wsgi` to check the settings before
deploying.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from typing import Any

log = logging.getLogger("qinqing.petitions")
_lock = threading.Lock()
_apps: dict[str, Any] = {}


def _build() -> Any:
    from generator.petitions.app import create_app
    from generator.petitions.config import load_settings

    return create_app(load_settings())


def _staff_networks() -> tuple[str, ...] | None:
    """QINQING_STAFF_FROM as networks (None: every client), or a ConfigError naming it."""
    import os

    from generator.petitions.config import ConfigError

    text = os.environ.get("QINQING_STAFF_FROM", "")
    networks = tuple(n.strip() for n in text.split(",") if n.strip())
    try:
        return check_networks(networks) if networks else None
    except ValueError as err:
        raise ConfigError("QINQING_STAFF_FROM", str(err)) from None


def _build_staff() -> Any:
    from generator.petitions.config import load_settings
    from generator.workbench.app import create_staff_app

    return create_staff_app(load_settings(), allowed_networks=_staff_networks())


def check_networks(networks: tuple[str, ...]) -> tuple[str, ...]:
    """Each an IP network such as 10.0.0.0/8 or 127.0.0.1; a ValueError (Chinese) otherwise."""
    import ipaddress

    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ValueError(f"“{network}”不是网段（应形如 10.0.0.0/8 或 192.168.1.20）") from None
    return networks


def _lazy(name: str, build: Any, environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Build the named application once, on first use, then hand it the request."""
    app = _apps.get(name)
    if app is None:
        with _lock:
            app = _apps.get(name)
            if app is None:
                try:
                    app = _apps[name] = build()
                except Exception as err:  # a bad setting: say which, keep answering 503
                    setting = getattr(err, "setting", "startup")
                    log.error("%s cannot start: %s", name, err)
                    body = json.dumps(
                        {"errors": [{"field": setting, "message": f"服务配置有误：{err}"}]},
                        ensure_ascii=False,
                    ).encode()
                    start_response(
                        "503 Service Unavailable",
                        [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store"),
                         ("Content-Length", str(len(body)))],
                    )  # fmt: skip
                    return [body]
    return app(environ, start_response)


def application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """WSGI entry point of the public handler; built once, on first use."""
    return _lazy("petition handler", _build, environ, start_response)


def staff_application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """WSGI entry point of the staff workbench (mount it at /staff/); built once, on first use."""
    return _lazy("staff workbench", _build_staff, environ, start_response)


def main() -> int:
    """Check the settings and the database; print what is wrong, naming the setting."""
    try:
        app = _build()
        _staff_networks()
    except Exception as err:
        print(f"错误：{err}", file=sys.stderr)
        return 1
    print(f"配置正确；数据库结构版本 {app.store.schema_version()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
