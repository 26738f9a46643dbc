"""The one hardened way qinqing runs waitress (limits, timeouts, path checks), and nothing more.

`qinqing serve` and the Tencent SCF bootstrap (`python3 -m generator.petitions.server
--listen 0.0.0.0:9000`) both start here, so a self-hosted or serverless instance gets the
same limits. Why each setting: docs/petitions.md, "Running waitress".
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.petitions.http import MAX_BODY, refuse
from generator.petitions.paths import BadPath, as_path_info, clean_path

WsgiApp = Callable[[dict[str, Any], Callable], Iterable[bytes]]
HEADER_LIMIT = 16 * 1024
CHANNEL_TIMEOUT_SECONDS = 30
CONNECTION_LIMIT = 1000
SPARE_FILES = 64  # descriptors kept for the database, logs and the site's files


def connection_limit() -> int:
    """Connections waitress holds at once: CONNECTION_LIMIT, raising the file limit to fit.

    Waiting connections cost a descriptor, not a thread; a low limit (waitress's default is
    100) lets a few hundred idle sockets lock every other client out.
    """
    try:
        import resource
    except ImportError:  # Windows: no descriptor limit to raise
        return CONNECTION_LIMIT
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = CONNECTION_LIMIT + SPARE_FILES
    if soft != resource.RLIM_INFINITY and soft < wanted:
        raised = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
            soft = raised
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return CONNECTION_LIMIT
    return max(16, min(CONNECTION_LIMIT, soft - SPARE_FILES))


def waitress_options(threads: int) -> dict[str, Any]:
    """The waitress settings every qinqing server runs with."""
    return {
        "threads": threads,
        # waitress refuses a body of this size or more, chunked too, while reading it: the
        # handler's limit (MAX_BODY) is enforced before anything bigger is buffered.
        "max_request_body_size": MAX_BODY + 1,
        "max_request_header_size": HEADER_LIMIT,
        # An idle or half-sent connection is closed after 30 s (waitress: 120 s) ...
        "channel_timeout": CHANNEL_TIMEOUT_SECONDS,
        "cleanup_interval": 10,
        # ... and until then costs a descriptor, polled (select() stops at 1,024 descriptors).
        "connection_limit": connection_limit(),
        "asyncore_use_poll": True,
        "backlog": 1024,
        "ident": "",  # no Server header
        "expose_tracebacks": False,
        "clear_untrusted_proxy_headers": True,
    }


def guarded(app: WsgiApp) -> WsgiApp:
    """`app` behind the path check: a bad path answers 400, a good one arrives normalised."""

    def guard(environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        try:
            path = clean_path(environ.get("PATH_INFO", "") or "/")
        except BadPath as err:
            return refuse(start_response, 400, "path", str(err))
        environ["PATH_INFO"] = as_path_info(path)
        return app(environ, start_response)

    return guard


def run(app: WsgiApp, listen: str, threads: int = 8) -> None:
    """Serve `app` behind the path check with the hardened settings until stopped."""
    import waitress

    waitress.serve(guarded(app), listen=listen, **waitress_options(threads))


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.petitions.server --listen HOST:PORT`: the handler (and a site)."""
    parser = argparse.ArgumentParser(
        prog="python -m generator.petitions.server",
        description="以加固的 waitress 设置运行诉求处理程序（腾讯云 SCF 等）",
    )
    parser.add_argument(
        "--listen", default="0.0.0.0:9000", help="监听地址:端口（默认 0.0.0.0:9000）"
    )
    parser.add_argument("--threads", type=int, default=8, help="工作线程数（默认 8）")
    parser.add_argument("--site-dir", type=Path, help="同时提供此目录中已生成的网站（可选）")
    options = parser.parse_args(argv)
    if not 1 <= options.threads <= 64:
        parser.error("--threads 应在 1 到 64 之间")
    from generator.petitions.wsgi import application

    app: WsgiApp = application
    if options.site_dir is not None:
        from generator.petitions.serve import static_and_api

        app = static_and_api(application, options.site_dir)
    run(app, options.listen, options.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
