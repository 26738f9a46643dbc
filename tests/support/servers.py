"""Runs a static directory or a WSGI application on a random loopback port in a thread."""

from __future__ import annotations

import mimetypes
import socketserver
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

WsgiApp = Callable[[dict, Callable], Iterable[bytes]]


class _QuietStaticHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class _QuietWsgiHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class _ThreadingWsgiServer(socketserver.ThreadingMixIn, WSGIServer):
    # A browser opens several connections at once; one slow request must not block the rest.
    daemon_threads = True


@contextmanager
def _running(server: socketserver.BaseServer) -> Iterator[str]:
    """Serve in a background thread; yield the base URL (ending in "/"); stop on exit."""
    # A short poll interval keeps shutdown (and so each test's teardown) quick.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="test-http", daemon=True
    )
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve the files under `root` over HTTP; yield the base URL."""
    handler = partial(_QuietStaticHandler, directory=str(root))
    with _running(ThreadingHTTPServer(("127.0.0.1", 0), handler)) as base_url:
        yield base_url


@contextmanager
def serve_wsgi_app(app: WsgiApp, static_dir: Path | None = None) -> Iterator[str]:
    """Serve a WSGI app, with files from `static_dir` (if given) answering GETs first."""
    if static_dir is not None:
        app = with_static_files(app, Path(static_dir))
    server = _ThreadingWsgiServer(("127.0.0.1", 0), _QuietWsgiHandler)
    server.set_app(app)
    with _running(server) as base_url:
        yield base_url


def with_static_files(app: WsgiApp, root: Path) -> WsgiApp:
    """Wrap `app` so GET/HEAD of an existing file under `root` is answered from disk."""
    root = root.resolve()

    def static_or_app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ["REQUEST_METHOD"] not in {"GET", "HEAD"}:
            return app(environ, start_response)
        url_path = unquote(environ.get("PATH_INFO", "/"))
        target = (root / url_path.lstrip("/")).resolve()
        if not target.is_relative_to(root):
            return app(environ, start_response)
        if target.is_dir():
            if not url_path.endswith("/"):
                start_response("301 Moved Permanently", [("Location", url_path + "/")])
                return [b""]
            target = target / "index.html"
        if not target.is_file():
            return app(environ, start_response)
        media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        data = target.read_bytes()
        start_response("200 OK", [("Content-Type", media_type), ("Content-Length", str(len(data)))])
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else data]

    return static_or_app
