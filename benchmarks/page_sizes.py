"""The largest HTML page of each kind in a built site, and nothing more.

A page's kind is what it is, not where: the home page, an item page of a collection, a
collection's list pages (the first page, its other pages, its filter pages), or a
feature page (its folder). Prints one line per kind, largest first:

    .venv/bin/python benchmarks/page_sizes.py SITE_DIR

`largest_pages(site_dir)` returns the same as {kind: (path, bytes)} for other scripts.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

COLLECTIONS = ("policies", "funds", "guides", "announcements", "consultations")
# The folders a collection's list pages live in (see generator/compile/lists.py).
LIST_PARTS = ("page", "sort", "by")
KIND = re.compile(rb'class="[^"]*qq-kind-([a-z_-]+)')


def page_kind(site_dir: Path, page: Path) -> str:
    """`home`, `<collection> item`, `<collection> list`, `<collection> list pages`,
    `<collection> filter pages` or `<folder> page`."""
    parts = page.relative_to(site_dir).parts[:-1]  # without index.html
    if not parts:
        return "home" if page.name == "index.html" else f"{page.stem} page"
    head = parts[0]
    if head in COLLECTIONS:
        if len(parts) == 1:
            return f"{head} list"
        if parts[1] in LIST_PARTS:
            return f"{head} {'filter' if parts[1] == 'by' else 'list'} pages"
        with page.open("rb") as stream:
            found = KIND.search(stream.read(4096 * 4))
        if found and found.group(1) == b"item":
            return f"{head} item"
        return f"{head} list pages"
    return f"{head} page"


def largest_pages(site_dir: Path | str) -> dict[str, tuple[str, int]]:
    """{kind: (path relative to the site, size in bytes)} of the largest page of each kind."""
    root = Path(site_dir)
    largest: dict[str, tuple[str, int]] = {}
    for page in sorted(root.rglob("*.html")):
        if page.relative_to(root).parts[0] in ("assets", "pagefind"):
            continue
        size = page.stat().st_size
        kind = page_kind(root, page)
        if kind not in largest or size > largest[kind][1]:
            largest[kind] = (page.relative_to(root).as_posix(), size)
    return dict(sorted(largest.items(), key=lambda kv: -kv[1][1]))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: page_sizes.py SITE_DIR", file=sys.stderr)
        return 2
    for kind, (path, size) in largest_pages(argv[0]).items():
        print(f"{size / 1024:9.1f} KB  {kind:32}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
