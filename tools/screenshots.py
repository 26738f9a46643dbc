"""`python -m tools.screenshots`: build the site and photograph its page types at 1280 and 375 px.

Writes PNGs to var/screenshots/ (home, each list page, one item of each collection, the
petition, search, sitemap and not-found pages), each once as it is and once in 关怀模式
(`NAME-WIDTH-care.png`), with the system Chromium; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.content.index import COLLECTION_ORDER
from tools.browser import start_chromium

WIDTHS = (1280, 375)
# Mode -> the URL fragment that sets it: 关怀模式 is the #qq-care URL form (care.js keeps it).
MODES = {"": "", "-care": "#qq-care"}
FEATURE_PAGES = {
    "petitions": "petitions/",
    "petitions-stats": "petitions/stats/",
    "search": "search/?q=%E6%8A%80%E6%9C%AF%E6%94%B9%E9%80%A0",
    "sitemap": "sitemap/",
    "not-found": "404.html",
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def page_paths(site_dir: Path) -> dict[str, str]:
    """name -> site path: home, the list pages, the first item page of each collection, and
    the feature pages."""
    paths = {"home": ""}
    for collection in COLLECTION_ORDER:
        paths[f"{collection}-list"] = f"{collection}/"
        items = sorted(p.parent.name for p in (site_dir / collection).glob("*/index.html"))
        if items:
            paths[f"{collection}-item"] = f"{collection}/{items[0]}/"
    return {**paths, **FEATURE_PAGES}


def shoot(site_dir: Path, out_dir: Path, only: list[str] | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    written = []
    try:
        with sync_playwright() as playwright:
            browser = start_chromium(playwright)
            for width in WIDTHS:
                for suffix, fragment in MODES.items():
                    context = browser.new_context(
                        viewport={"width": width, "height": 900},
                        locale="zh-CN",
                        timezone_id="Asia/Shanghai",
                    )
                    page = context.new_page()
                    for name, path in page_paths(site_dir).items():
                        if only and name not in only:
                            continue
                        page.goto(base + path + fragment)
                        page.wait_for_load_state("networkidle")
                        target = out_dir / f"{name}-{width}{suffix}.png"
                        page.screenshot(path=str(target), full_page=True)
                        written.append(target)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("var/screenshots"))
    parser.add_argument("--today", default=None, help="YYYY-MM-DD")
    parser.add_argument("--only", nargs="*", help="page names, e.g. home funds-item")
    args = parser.parse_args(argv)
    site_dir = args.out / "site"
    command = [sys.executable, "-m", "generator.cli.main", "build", "--site-dir", str(site_dir)]
    if args.today:
        command += ["--today", args.today]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr or done.stdout, file=sys.stderr)
        return done.returncode
    for path in shoot(site_dir, args.out, args.only):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
