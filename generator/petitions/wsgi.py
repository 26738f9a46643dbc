"""`application`: the petition handler for any WSGI server, configured from the environment.

Importing this module is cheap (standard library only): the settings, `site.yaml` and the
database are read on the first request, so a serverless cold start pays only for what it
uses. Run `python -m generator.petitions.wsgi` to check the settings before deploying.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from typing import Any

log = logging.getLogger("qinqing.petitions")
_lock = threading.Lock()
_app: Any = None


def compose(settings: Any, store: Any = None) -> Any:
    """The public handler with the notifications wired in: the outbox listener on its store
    and the 订阅提醒 endpoints (generator/notify)."""
    from generator.notify.compose import public_app

    return public_app(settings, store)


def _build() -> Any:
    from generator.petitions.config import load_settings

    return compose(load_settings())


def application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """WSGI entry point; builds the real application once, on first use."""
    global _app
    if _app is None:
        with _lock:
            if _app is None:
                try:
                    _app = _build()
                except Exception as err:  # a bad setting: say which, keep answering 503
                    setting = getattr(err, "setting", "startup")
                    log.error("petition handler cannot start: %s", err)
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
    return _app(environ, start_response)


def main() -> int:
    """Check the settings and the database; print what is wrong, naming the setting."""
    try:
        app = _build()
    except Exception as err:
        print(f"错误：{err}", file=sys.stderr)
        return 1
    print(f"配置正确；数据库结构版本 {app.store.schema_version()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
