"""The built site works under the Content-Security-Policy documented in docs/nginx.conf."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support.servers import _running

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "docs" / "nginx.conf"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)


def documented_policy() -> str:
    match = re.search(
        r'add_header Content-Security-Policy "([^"]+)" always;', NGINX_CONF.read_text()
    )
    assert match, "docs/nginx.conf has no Content-Security-Policy header"
    return match.group(1)


class _PolicyHandler(SimpleHTTPRequestHandler):
    """Static files with the documented CSP on every answer, as nginx sends it."""

    policy = ""
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "application/javascript",
        ".pf_meta": "application/octet-stream",
    }

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="module")
def served(sample_site: Path) -> Iterator[str]:
    handler = type("Handler", (_PolicyHandler,), {"policy": documented_policy()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(sample_site)))
    server.daemon_threads = True
    with _running(server) as base_url:
        yield base_url


def test_every_inline_script_of_the_site_is_allowed_by_hash(sample_site: Path):
    policy = documented_policy()
    missing = {}
    for page in sample_site.rglob("*.html"):
        for attrs, code in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            if "application/json" in attrs or "application/ld+json" in attrs:
                continue  # data, never run
            digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
            if f"'sha256-{digest}'" not in policy:
                missing.setdefault(digest, (str(page.relative_to(sample_site)), code[:80]))
    assert not missing, "add to script-src in docs/nginx.conf:\n" + "\n".join(
        f"'sha256-{d}'  ({where}: {code!r})" for d, (where, code) in missing.items()
    )


_LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def _pages(site: Path) -> list[str]:
    first = {c: sorted((site / c).glob("*/index.html")) for c in ("policies", "funds", "guides")}
    items = [p[0].parent.relative_to(site).as_posix() + "/" for p in first.values() if p]
    return [
        "",
        "policies/",
        "funds/",
        *items,
        "subscribe/",
        "petitions/",
        "petitions/lookup/",
        "match/",
        "search/?q=%E6%95%B0%E5%AD%97%E5%8C%96",
        "404.html",
    ]


@pytest.mark.browser
def test_pages_load_with_no_csp_violation_in_chromium(sample_site: Path, served: str, page_factory):
    failures = []
    for path in _pages(sample_site):
        page = page_factory()
        console = []
        page.on(
            "console",
            lambda m, _c=console: (
                _c.append(m.text) if "Content Security Policy" in m.text else None
            ),
        )
        page.add_init_script(_LISTEN)
        response = page.goto(served + path, wait_until="networkidle")
        assert response is not None and response.headers.get("content-security-policy")
        if path.startswith("search/"):
            # Let the Pagefind bundle (WebAssembly) load and answer.
            page.wait_for_timeout(1500)
        violations = page.evaluate("window.__csp") + console
        if violations:
            failures.append(f"/{path}: {violations}")
        page.close()
    assert not failures, "\n".join(failures)
