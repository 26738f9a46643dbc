"""The Nu HTML Checker (vnu-jar, on Debian's Java) finds no error on any kind of built page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One page of every kind: home, a list, an item of each collection, each feature page, 404.
PAGE_KINDS = [
    "index.html",
    "funds/index.html",
    "policies/qinqing-relations-2017/index.html",
    "funds/digital-transformation-2026/index.html",
    "guides/tech-renovation-filing/index.html",
    "announcements/tech-renovation-2026-h1-results/index.html",
    "petitions/index.html",
    "petitions/lookup/index.html",
    "petitions/stats/index.html",
    "match/index.html",
    "subscribe/index.html",
    "search/index.html",
    "sitemap/index.html",
    "404.html",
]


def test_every_page_kind_is_valid_html(sample_site):
    java = shutil.which("java")
    assert java, "no java: tools/test-services installs default-jre-headless"
    assert VNU_JAR.is_file(), "no vnu.jar: run `make node_modules/.installed`"
    pages = [str(sample_site / path) for path in PAGE_KINDS]
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    errors = [
        f"{m.get('url', '').rsplit(sample_site.name + '/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
