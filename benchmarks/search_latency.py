"""Time to first result and bytes downloaded for queries typed on /search/ in headless Chromium.

Serves a built site as docs/nginx.conf would (benchmarks/nginx_like.py: the same gzip), opens
/search/ in a fresh browser context for each query (cold cache), types the query into the
search box one character at a time (a visitor's pace, each character an `input` event, as an
IME commits text), and measures, inside the page, the time from the last keystroke's `input`
event to the first results appearing in the list (or the page saying there are none), and,
from the server's log (so the Pagefind worker's requests count too), the bytes sent since the
page was opened: all of them and the search files among them.

    .venv/bin/python benchmarks/search_latency.py SITE_DIR [QUERY…] [--repeat 3]

`measure(site_dir, queries)` is what benchmarks/scale.py imports.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.nginx_like import WireLog, serve_like_nginx  # noqa: E402
from generator.adapters.mkdocs.indexer import bundle_size  # noqa: E402
from tests.support.browser import PageFactory, launch_chromium  # noqa: E402

# Common words of every synthetic item (the issue's), and a rare one: one announcement's
# enterprise (benchmarks/synthetic.py names them 晋江市合成<i>号<j>鞋业有限公司).
DEFAULT_QUERIES = ("亲清政商关系", "技术改造", "合成12号3鞋业")
# Between keystrokes: under the page's 300 ms debounce, so only the last one searches.
KEY_DELAY_MS = 150
# The 50,000-item baseline took 94 s; a query slower than this is reported as failed.
RESULT_TIMEOUT_MS = 300_000

# Installed once the page's script is ready: the last `input` event on the box, the last
# time results were added to the list, and the last time the page marked a search done.
_WATCH = """() => {
  const root = document.querySelector('[data-qq-search]');
  const times = { input: 0, added: 0, searched: 0 };
  window.__qqTimes = times;
  document.querySelector('#qq-search-q').addEventListener('input', () => { times.input = performance.now(); }, true);
  new MutationObserver((records) => {
    if (records.some((r) => r.addedNodes.length)) times.added = performance.now();
  }).observe(root.querySelector('.qq-results'), { childList: true });
  new MutationObserver(() => { times.searched = performance.now(); })
    .observe(root, { attributes: true, attributeFilter: ['data-searched'] });
}"""
_DONE = """(q) => { const r = document.querySelector('[data-qq-search]');
  return r && r.dataset.searched === q && r.getAttribute('aria-busy') === 'false'; }"""
_READY = _DONE.replace("(q) =>", "() =>").replace("=== q", '=== ""')


@dataclass(frozen=True)
class SearchFigure:
    """One query typed on a cold /search/: seconds from the last keystroke to the first
    results shown; bytes sent by the server (all, and of them the search files)."""

    query: str
    first_result_seconds: float
    downloaded_bytes: int
    search_bytes: int
    results_shown: int


def is_search_file(url_path: str) -> bool:
    """Pagefind's bundle and the search page's own script and style."""
    return "/pagefind/" in url_path or "/assets/qinqing/search." in url_path


def _one(base_url: str, browser, wire: WireLog, query: str) -> SearchFigure:
    factory = PageFactory(browser)
    try:
        page = factory()
        wire.clear()
        page.goto(f"{base_url}search/")
        page.wait_for_function(_READY)
        page.evaluate(_WATCH)
        page.click("#qq-search-q")
        page.keyboard.type(query, delay=KEY_DELAY_MS)
        page.wait_for_function(_DONE, arg=query, timeout=RESULT_TIMEOUT_MS, polling=100)
        times = page.evaluate("() => window.__qqTimes")
        shown = page.locator(".qq-result").count()
        done_at = times["added"] if shown else times["searched"]
        sent = dict(wire.sent)
    finally:
        factory.close()
    return SearchFigure(
        query=query,
        first_result_seconds=(done_at - times["input"]) / 1000,
        downloaded_bytes=sum(sent.values()),
        search_bytes=sum(size for path, size in sent.items() if is_search_file(path)),
        results_shown=shown,
    )


def measure(site_dir: Path, queries: Sequence[str]) -> list[SearchFigure]:
    """Each query once, each in a fresh browser context, over `site_dir` served gzipped."""
    wire = WireLog()
    with serve_like_nginx(Path(site_dir), wire) as base_url, launch_chromium() as browser:
        return [_one(base_url, browser, wire, query) for query in queries]


def median_figures(runs: list[list[SearchFigure]]) -> list[SearchFigure]:
    """Per query, the median of each figure over the runs."""
    return [
        SearchFigure(
            query=same[0].query,
            first_result_seconds=statistics.median(f.first_result_seconds for f in same),
            downloaded_bytes=int(statistics.median(f.downloaded_bytes for f in same)),
            search_bytes=int(statistics.median(f.search_bytes for f in same)),
            results_shown=same[0].results_shown,
        )
        for same in zip(*runs, strict=True)
    ]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("queries", nargs="*", default=list(DEFAULT_QUERIES))
    parser.add_argument("--repeat", type=int, default=1, help="runs; the median is printed")
    args = parser.parse_args(argv)
    runs = []
    for run in range(args.repeat):
        runs.append(measure(args.site_dir, args.queries))
        if args.repeat > 1:
            seconds = ", ".join(f"{f.first_result_seconds:.2f}" for f in runs[-1])
            print(f"run {run + 1}: {seconds} s")
    print(f"{args.site_dir}: Pagefind bundle {bundle_size(args.site_dir) / 1e6:.1f} MB")
    label = "median of " + str(args.repeat) if args.repeat > 1 else "one run"
    print(f"query: first result s / KB downloaded (search KB) / results shown ({label})")
    for f in median_figures(runs):
        print(
            f"  {f.query}: {f.first_result_seconds:.2f} s / {f.downloaded_bytes / 1024:.0f} KB "
            f"({f.search_bytes / 1024:.0f} KB) / {f.results_shown}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
