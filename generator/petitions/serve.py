"""The built site, the petition handler and any mounted apps on one port (site at /, API at
/api/, e.g. the staff workbench at /staff/), and nothing more.

`qinqing serve` (generator/cli/serve.py) composes it and runs it through
generator.petitions.server, the hardened waitress settings.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from generator.petitions.http import refuse
from generator.petitions.paths import BadPath, clean_path, location


def static_and_api(api: Any, root: Path, mounts: dict[str, Any] | None = None) -> Any:
    """A WSGI app answering /api/… from `api`, each `mounts` prefix ("/staff") from its app
    (with SCRIPT_NAME set to the prefix) and every other GET from files under `root`.

    The path is normalised first (generator.petitions.paths): a bad one answers 400, and the
    301 that adds a directory's slash is built from the normalised path, so its `Location`
    is always on this site.
    """
    root = root.resolve()

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        try:
            path = clean_path(environ.get("PATH_INFO", "") or "/")
        except BadPath as err:
            return refuse(start_response, 400, "path", str(err))
        if path.startswith("/api/"):
            return api(environ, start_response)
        for prefix, mounted in (mounts or {}).items():
            if path == prefix or path.startswith(prefix + "/"):
                inner = {**environ, "SCRIPT_NAME": prefix, "PATH_INFO": path[len(prefix) :]}
                return mounted(inner, start_response)
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            start_response(
                "405 Method Not Allowed", [("Allow", "GET, HEAD"), ("Content-Length", "0")]
            )
            return [b""]
        target = (root / path.lstrip("/")).resolve()
        status = "200 OK"
        if target.is_dir() and target.is_relative_to(root):
            if not path.endswith("/"):
                start_response(
                    "301 Moved Permanently",
                    [("Location", location(path + "/")), ("Content-Length", "0")],
                )
                return [b""]
            target = target / "index.html"
        if not target.is_relative_to(root) or not target.is_file():
            status, target = "404 Not Found", root / "404.html"
            if not target.is_file():
                start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
                return ["找不到该页面".encode()]
        data = target.read_bytes()
        media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if media.startswith("text/") or media in ("application/javascript", "application/json"):
            media += "; charset=utf-8"
        start_response(status, [("Content-Type", media), ("Content-Length", str(len(data)))])
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else data]

    return app
