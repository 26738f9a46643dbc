"""How long a full site build takes, how much of it is ours, and how it compares to plain Material.

For each size N: write N synthetic items (benchmarks/synthetic.py), build the site with
MkDocs + the qinqing plugin (everything on, Pagefind included), timing our plugin hooks;
then build the same pages as bare Markdown (title + body) with plain Material, no plugins,
item pages out of the nav. Prints the times, our share, the ratio and the largest item page.

    .venv/bin/python benchmarks/build_speed.py 1000 5000
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import write_synthetic_content  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 26)


def _config_text(docs_dir: Path, content: Path | None) -> str:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: site_overrides/docs", f"docs_dir: {docs_dir}")
    text = text.replace("custom_dir: site_overrides", f"custom_dir: {REPO / 'site_overrides'}")
    if content is not None:
        return text.replace("content_dir: content", f"content_dir: {content}")
    plain = text.split("plugins:")[0] + "plugins: []\n"
    plain = plain.replace(f"  custom_dir: {REPO / 'site_overrides'}\n", "")
    return plain + "\nmarkdown_extensions:\n  - attr_list\n  - md_in_html\n  - tables\n  - toc\n"


SEARCH_FEED = "search: handing pages to Pagefind"
SEARCH_WAIT = "search: waiting for Pagefind, writing its bundle"


def _wrap(owner, name: str, label: str, timings: dict[str, float]) -> None:
    """Make `owner.name` add its wall time to `timings[label]`."""
    original = owner.__dict__[name]
    function = original.__func__ if isinstance(original, classmethod) else original

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            timings[label] += time.perf_counter() - start

    timed.__name__ = function.__name__
    for attr in ("mkdocs_priority",):
        if hasattr(function, attr):
            setattr(timed, attr, getattr(function, attr))
    setattr(owner, name, classmethod(timed) if isinstance(original, classmethod) else timed)


def _timed_plugin(timings: dict[str, float]) -> None:
    """Time the plugin's hooks, and inside them the time spent for the search index."""
    from generator.adapters.mkdocs.background import BackgroundFiles
    from generator.adapters.mkdocs.plugin import QinqingPlugin
    from generator.adapters.mkdocs.search import SearchFeed

    wait = BackgroundFiles.wait

    def counted(self):
        try:
            return wait(self)
        finally:
            timings["parallel"] += self.cpu_seconds

    BackgroundFiles.wait = counted

    for hook in ("on_config", "on_files", "on_page_markdown", "on_page_content"):
        _wrap(QinqingPlugin, hook, f"hook {hook}", timings)
    for hook in ("on_post_page", "on_env", "on_post_build"):
        _wrap(QinqingPlugin, hook, f"hook {hook}", timings)
    # Inside the hooks: starting Pagefind, encoding pages and writing them to its pipe ...
    for name in ("start", "add", "pump", "finish"):
        _wrap(SearchFeed, name, SEARCH_FEED, timings)
    # ... and, in on_post_build, waiting for its bundle and writing it.
    _wrap(QinqingPlugin, "_after_site_written", SEARCH_WAIT, timings)


def _mkdocs_build(config_path: Path, site_dir: Path) -> float:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    config = load_config(config_file=str(config_path), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return time.perf_counter() - start


def _write_bare_pages(content: Path, docs: Path) -> int:
    """The same pages as bare Markdown: each item's title and body; list and home pages titled."""
    from generator.content.index import COLLECTION_ORDER
    from generator.content.loader import load_content
    from generator.urls import item_src_uri

    index = load_content(content, TODAY).index
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    for collection in COLLECTION_ORDER:
        (docs / collection).mkdir(parents=True, exist_ok=True)
        (docs / collection / "index.md").write_text(f"# {collection}\n", encoding="utf-8")
    for item in index.items.values():
        (docs / item_src_uri(item)).write_text(f"# {item.title}\n\n{item.body}\n", encoding="utf-8")
    return len(index.items)


def synthetic_site(n: int, work: Path, name: str = "full") -> tuple[Path, Path]:
    """N synthetic items under `work` and the MkDocs configuration building them: (content, config)."""
    content = work / f"content-{n}"
    write_synthetic_content(content, n)
    empty_docs = work / "empty-docs"
    empty_docs.mkdir(exist_ok=True)
    config = work / f"{name}-{n}.yml"
    config.write_text(_config_text(empty_docs, content), encoding="utf-8")
    return content, config


def measure(n: int, work: Path) -> dict:
    content, full_config = synthetic_site(n, work)
    timings: dict[str, float] = defaultdict(float)
    _timed_plugin(timings)
    os.environ["QINQING_TODAY"] = TODAY.isoformat()
    full_site = work / f"site-full-{n}"
    full = _mkdocs_build(full_config, full_site)

    bare_docs = work / f"bare-docs-{n}"
    _write_bare_pages(content, bare_docs)
    bare_config = work / f"bare-{n}.yml"
    nav_only = "\nnot_in_nav: |\n  /*/*.md\n  !/*/index.md\nnav:\n  - index.md\n" + "".join(
        f"  - {c}/index.md\n" for c in ("policies", "funds", "guides", "announcements")
    )
    bare_config.write_text(_config_text(bare_docs, None) + nav_only, encoding="utf-8")
    bare = _mkdocs_build(bare_config, work / f"site-bare-{n}")

    item_pages = [
        p for p in full_site.glob("*/*/index.html") if p.parent.parent.name != "petitions"
    ]
    largest = max((p.stat().st_size for p in item_pages), default=0)
    # Feeds, calendars and open data are made in a forked process while MkDocs renders
    # (CPU time, on the other core); waiting for them is inside on_post_build.
    parallel = timings.pop("parallel", 0.0)
    hooks = sum(v for k, v in timings.items() if k.startswith("hook "))
    search = timings[SEARCH_FEED] + timings[SEARCH_WAIT]
    ours = hooks - search
    return {
        "n": n,
        "full": full,
        "bare": bare,
        "ours": ours,
        "hooks": hooks,
        "search": search,
        "parallel": parallel,
        "timings": dict(timings),
        "largest_item_page": largest,
        "item_pages": len(item_pages),
    }


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="qq-build-speed-") as tmp:
        for n in sizes:
            result = measure(n, Path(tmp))
            print(f"\n== {n} items ({result['item_pages']} item pages) ==")
            print(f"full build (qinqing plugin, Material, Pagefind): {result['full']:.1f} s")
            print(
                f"plain Material build of the same pages as bare Markdown: {result['bare']:.1f} s"
            )
            print(f"ratio full / plain: {result['full'] / result['bare']:.2f}x")
            full = result["full"]
            print(
                f"our own code (plugin hooks, less the search index's part): "
                f"{result['ours']:.1f} s = {100 * result['ours'] / full:.1f}% of the full build "
                f"(all plugin hooks: {result['hooks']:.1f} s = {100 * result['hooks'] / full:.1f}%)"
            )
            print(
                f"  + feeds, calendars, open data in a parallel process: {result['parallel']:.1f} s "
                f"CPU (ours too, off the critical path)"
            )
            print(
                f"search index on the build's path (handing pages over, waiting for the bundle): "
                f"{result['search']:.1f} s = {100 * result['search'] / full:.1f}% of the full build"
            )
            for label, seconds in sorted(result["timings"].items()):
                print(f"  {label}: {seconds:.2f} s")
            print(f"largest item page: {result['largest_item_page'] / 1024:.1f} KB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
