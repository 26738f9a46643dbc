"""`qinqing serve`: the built site, the petition handler and the staff workbench on one local
port (site at /, API at /api/, workbench at /staff/); parses options, composes, runs.

The composition lives here, not in generator/petitions/, because the handler never imports
the workbench (tests/test_layers.py).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import click

from generator.petitions.serve import static_and_api


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
@click.option(
    "--staff-from",
    "staff_from",
    multiple=True,
    metavar="CIDR",
    help="除本机外，还允许这些网段访问 /staff/ 工作台（可重复，如 10.0.0.0/8）",
)
def serve(host: str, port: int, site_dir: Path, threads: int, staff_from: tuple[str, ...]) -> None:
    """在本机一个端口上同时提供网站（/）、诉求接口（/api/）和办理工作台（/staff/，默认只接受本机访问）。"""
    from generator.petitions.app import create_app
    from generator.petitions.config import ConfigError, load_settings
    from generator.petitions.store import StoreError
    from generator.petitions.wsgi import check_networks
    from generator.workbench.app import LOOPBACK, StaffApp

    try:
        networks = LOOPBACK + check_networks(staff_from)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--staff-from") from None

    try:
        settings = load_settings(os.environ)
        local = {f"http://{host}:{port}", f"http://localhost:{port}", f"http://127.0.0.1:{port}"}
        settings = dataclasses.replace(settings, allowed_origins=settings.allowed_origins | local)
        api = create_app(settings)
        workbench = StaffApp(settings, api.store, allowed_networks=networks)
    except (ConfigError, StoreError) as err:
        raise click.ClickException(str(err)) from None
    if not site_dir.is_dir():
        click.echo(
            f"提示：网站目录 {site_dir} 不存在，只提供 /api/（先运行 qinqing build）", err=True
        )
    click.echo(
        f"网站：http://{host}:{port}/  接口：http://{host}:{port}/api/  "
        f"工作台：http://{host}:{port}/staff/（允许：{'、'.join(networks)}）",
        err=True,
    )
    from generator.petitions.server import run

    bind = f"[{host}]" if ":" in host else host  # an IPv6 address
    run(static_and_api(api, site_dir, {"/staff": workbench}), f"{bind}:{port}", threads)
