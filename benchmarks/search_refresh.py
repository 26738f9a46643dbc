"""Brings a built site's search up to the working tree's code without a full build, and
nothing more: the bundles indexed again from the site's item pages (shard by shard, as a
build's fallback does), search.js and search.css copied, and the search page's data
attributes rendered anew. For measuring search changes on a large site built once.

    .venv/bin/python benchmarks/search_refresh.py CONTENT_DIR SITE_DIR
"""

from __future__ import annotations

import re
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.adapters.mkdocs.search import index_built_site  # noqa: E402
from generator.content.loader import load_content  # noqa: E402
from generator.features.search.page import search_files, search_page_html  # noqa: E402
from generator.features.search.shards import shard_plan  # noqa: E402

ROOT_TAG = re.compile(r'<div class="qq-searchpage" data-qq-search[^>]*>')


def refresh(content_dir: Path, site_dir: Path) -> None:
    index = load_content(content_dir).index
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = index_built_site(site_dir, shard_plan(index))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    for file in search_files():
        (site_dir / file.path).write_bytes(file.data)
    page = site_dir / "search" / "index.html"
    tag = ROOT_TAG.search(search_page_html(index))[0]
    text, found = ROOT_TAG.subn(lambda _: tag, page.read_text("utf-8"), count=1)
    if not found:
        sys.exit(f"{page}: no search root element")
    page.write_text(text, "utf-8")
    print(
        f"indexed {report.pages} pages in {report.seconds:.1f} s ({cpu:.1f} s CPU of Pagefind); "
        f"bundle {report.bundle_bytes / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    refresh(Path(sys.argv[1]), Path(sys.argv[2]))
