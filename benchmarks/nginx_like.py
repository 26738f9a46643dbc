"""A local HTTP server that gzips what docs/nginx.conf gzips and logs the bytes it sends,
and nothing more (for the search benchmarks: what a browser downloads from the deployment)."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.servers import _running

REPO = Path(__file__).resolve().parents[1]
NGINX_CONF = REPO / "docs" / "nginx.conf"
# nginx's mime.types plus the conf's own `types` blocks, for the extensions a site has.
NGINX_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".xml": "text/xml",
    ".svg": "image/svg+xml",
    ".ics": "text/calendar",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".png": "image/png",
    ".woff2": "font/woff2",
}


def nginx_gzip_settings(conf: Path = NGINX_CONF) -> tuple[frozenset[str], int, int]:
    """(MIME types gzipped, gzip_min_length, gzip_comp_level) read from the deployment conf.

    nginx always gzips text/html besides `gzip_types`.
    """
    text = re.sub(r"#[^\n]*", "", conf.read_text("utf-8"))
    types = re.search(r"\bgzip_types\s+([^;]+);", text)[1].split()
    minimum = int(re.search(r"\bgzip_min_length\s+(\d+);", text)[1])
    level = int(re.search(r"\bgzip_comp_level\s+(\d+);", text)[1])
    return frozenset({"text/html", *types}), minimum, level


class WireLog:
    """Response bodies by URL path: file bytes (raw) and bytes sent (after gzip)."""

    def __init__(self) -> None:
        self.raw: dict[str, int] = {}
        self.sent: dict[str, int] = {}

    def clear(self) -> None:
        self.raw, self.sent = {}, {}


class _GzipHandler(SimpleHTTPRequestHandler):
    gzip_types: frozenset[str] = frozenset()
    min_length = 1024
    level = 5
    wire: WireLog

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def guess_type(self, path) -> str:
        return NGINX_TYPES.get(Path(str(path)).suffix.lower(), "application/octet-stream")

    def send_head(self):
        url_path = urlsplit(self.path).path
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()  # redirects and 404s as the plain server
        media = self.guess_type(path)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        data = path.read_bytes()
        raw = len(data)
        encoded = media in self.gzip_types and accepts and len(data) >= self.min_length
        if encoded:
            data = gzip.compress(data, compresslevel=self.level, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", media)
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wire.raw[url_path], self.wire.sent[url_path] = raw, len(data)
            self.wfile.write(data)
        return None


@contextmanager
def serve_like_nginx(root: Path, wire: WireLog) -> Iterator[str]:
    """Serve `root` gzipping what docs/nginx.conf gzips; `wire` records the bytes sent."""
    types, minimum, level = nginx_gzip_settings()
    handler_class = type(
        "NginxLikeHandler",
        (_GzipHandler,),
        {"gzip_types": types, "min_length": minimum, "level": level, "wire": wire},
    )
    handler = partial(handler_class, directory=str(root))
    with _running(ThreadingHTTPServer(("127.0.0.1", 0), handler)) as base_url:
        yield base_url
