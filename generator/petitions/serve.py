"""`qinqing serve`: the built site and the petition handler on one local port (site at /, API at /api/).

It runs through generator.petitions.server, the hardened waitress settings.
"""

from __future__ import annotations

import dataclasses
import mimetypes
import os
from pathlib import Path
from typing import Any

import click

from generator.petitions.http import refuse
from generator.petitions.paths import BadPath, clean_path, location


def static_and_api(api: Any, root: Path) -> Any:
    """A WSGI app answering /api/… from `api` and every other GET from files under `root`.

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


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="端口")
@click.option(
    "--site-dir",
    default="site",
    show_default=True,
    type=click.Path(path_type=Path),
    help="已生成的网站目录",
)
@click.option(
    "--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="工作线程数"
)
def serve(host: str, port: int, site_dir: Path, threads: int) -> None:
    """在本机一个端口上同时提供网站（/）和诉求接口（/api/），用于预览和单机部署。"""
    from generator.petitions.config import ConfigError, load_settings
    from generator.petitions.store import StoreError
    from generator.petitions.wsgi import compose

    try:
        settings = load_settings(os.environ)
        local = {f"http://{host}:{port}", f"http://localhost:{port}", f"http://127.0.0.1:{port}"}
        settings = dataclasses.replace(settings, allowed_origins=settings.allowed_origins | local)
        api = compose(settings)
    except (ConfigError, StoreError) as err:
        raise click.ClickException(str(err)) from None
    if not site_dir.is_dir():
        click.echo(
            f"提示：网站目录 {site_dir} 不存在，只提供 /api/（先运行 qinqing build）", err=True
        )
    click.echo(f"网站：http://{host}:{port}/  接口：http://{host}:{port}/api/", err=True)
    from generator.petitions.server import run

    bind = f"[{host}]" if ":" in host else host  # an IPv6 address
    run(static_and_api(api, site_dir), f"{bind}:{port}", threads)
