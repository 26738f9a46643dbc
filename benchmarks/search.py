"""Search: quality on the query set, index build time and size, bytes for a first query.

1. Quality: tests/search/queries.yaml over the sample content/, built with `qinqing build`:
   Pagefind through the real search page in Chromium, against a bigram (2-character n-gram)
   BM25 index prototyped here, evaluated in Python over the same built pages' text.
2. Scale: N synthetic items (benchmarks/synthetic.py): full `qinqing build` time, Pagefind
   time alone (re-run over the built site), bundle size; bytes Chromium downloads for a
   first query on /search/ (split into search bytes and page/theme bytes); and the bigram
   prototype's build time and size (it must be downloaded whole: no chunking).

    .venv/bin/python benchmarks/search.py 1000 5000
"""

from __future__ import annotations

import gzip
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml  # noqa: E402
from lxml import html  # noqa: E402

from benchmarks.synthetic import write_synthetic_content  # noqa: E402
from generator.search.indexer import build_search_index  # noqa: E402
from tests.search.runner import (  # noqa: E402
    TOP,
    ByteCounter,
    Outcome,
    load_queries,
    search_via_url,
    wait_for_results,
)
from tests.support.browser import PageFactory, launch_chromium  # noqa: E402
from tests.support.servers import serve_directory  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-26"
SCALE_QUERIES = (
    "专精特新",
    "绿色工厂",
    "晋政规[2024]37号",
    "合成12号3鞋业",
    "晋江市合成12号3鞋业有限公司",
    "亲清政商关系",
)


def credit_code_of(content: Path, notice: int = 12) -> str:
    """A recipient's credit code from a synthetic announcement (they are random)."""
    text = (content / "announcements" / f"notice-{notice:05d}.md").read_text("utf-8")
    return yaml.safe_load(text.split("---\n")[1])["recipients"][0]["credit_code"]


def qinqing_build(content: Path | None, site: Path) -> float:
    command = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)]
    if content is not None:
        config = site.parent / "mkdocs.yml"
        text = (REPO / "mkdocs.yml").read_text("utf-8")
        text = text.replace(
            "docs_dir: site_overrides/docs", f"docs_dir: {REPO / 'site_overrides/docs'}"
        )
        text = text.replace("custom_dir: site_overrides", f"custom_dir: {REPO / 'site_overrides'}")
        config.write_text(text.replace("content_dir: content", f"content_dir: {content}"), "utf-8")
        command += ["--config", str(config)]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "--today", TODAY], capture_output=True, text=True, cwd=REPO, check=False
    )
    if done.returncode != 0:
        sys.exit(done.stdout + done.stderr)
    return time.perf_counter() - start


# -- the bigram prototype ------------------------------------------------------------------


def page_texts(site: Path) -> dict[str, str]:
    """collection/id -> the text of the data-pagefind-body element of each item page."""
    texts = {}
    for path in site.glob("*/*/index.html"):
        tree = html.fromstring(path.read_bytes())
        body = tree.xpath("//*[@data-pagefind-body]")
        if body:
            texts[f"{path.parent.parent.name}/{path.parent.name}"] = body[0].text_content()
    return texts


def bigrams(text: str) -> list[str]:
    chars = [c.lower() for c in text if c.isalnum()]
    return [a + b for a, b in zip(chars, chars[1:], strict=False)]


class BigramIndex:
    """Postings of character bigrams with BM25; what a small custom static index would be."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.docs = list(texts)
        self.lengths = []
        self.postings: dict[str, dict[int, int]] = defaultdict(dict)
        for n, key in enumerate(self.docs):
            grams = Counter(bigrams(texts[key]))
            self.lengths.append(sum(grams.values()))
            for gram, count in grams.items():
                self.postings[gram][n] = count
        self.average = sum(self.lengths) / max(1, len(self.lengths))

    def serialized(self) -> bytes:
        return json.dumps(
            {"docs": self.docs, "len": self.lengths, "p": self.postings}, ensure_ascii=False
        ).encode()

    def search(self, query: str, k1: float = 1.2, b: float = 0.75) -> list[str]:
        scores: dict[int, float] = defaultdict(float)
        for gram in set(bigrams(query)):
            posting = self.postings.get(gram, {})
            idf = math.log(1 + (len(self.docs) - len(posting) + 0.5) / (len(posting) + 0.5))
            for doc, tf in posting.items():
                norm = tf + k1 * (1 - b + b * self.lengths[doc] / self.average)
                scores[doc] += idf * tf * (k1 + 1) / norm
        return [self.docs[d] for d, _ in sorted(scores.items(), key=lambda s: -s[1])]


# -- measurements ----------------------------------------------------------------------------


def quality(work: Path) -> None:
    site = work / "sample"
    qinqing_build(None, site)
    queries = load_queries()
    prototype = BigramIndex(page_texts(site))
    engines: dict[str, list[Outcome]] = {"pagefind": [], "bigram": []}
    with serve_directory(site) as base, launch_chromium() as browser:
        factory = PageFactory(browser)
        page = factory()
        for case in queries:
            got = search_via_url(page, base, case["query"])
            engines["pagefind"].append(Outcome.of(case, got))
            engines["bigram"].append(Outcome.of(case, prototype.search(case["query"])[:10]))
        factory.close()
    print(f"== quality: {len(queries)} queries over the sample content (top {TOP})")
    for name, outcomes in engines.items():
        hits = sum(o.hit for o in outcomes)
        precision = statistics.mean(o.precision for o in outcomes)
        print(f"{name:9} answered {hits}/{len(outcomes)}; precision@{TOP} {precision:.2f}")
        for o in outcomes:
            if not o.hit:
                print(f"    miss: {o.query} -> {o.got[:TOP]}")


def first_query_bytes(base: str, browser, query: str) -> tuple[int, int]:
    """(search bytes, page and theme bytes) a fresh browser downloads to answer `query`."""
    factory = PageFactory(browser)
    page = factory()
    counter = ByteCounter(page)
    page.goto(f"{base}search/?q={quote(query)}")
    wait_for_results(page, query)
    search = sum(
        size
        for url, size in counter.by_url.items()
        if "/pagefind/" in url or "/assets/qinqing/search." in url
    )
    factory.close()
    return search, counter.total - search


def scale(n: int, work: Path) -> None:
    content = write_synthetic_content(work / f"content-{n}", n)
    site = work / f"site-{n}"
    total = qinqing_build(content, site)
    report = build_search_index(site)
    index_bytes = sum(
        f.stat().st_size
        for sub in ("index", "fragment", "filter")
        for f in (site / "pagefind" / sub).rglob("*")
        if f.is_file()
    )
    print(f"== {n} items")
    print(
        f"full build {total:.1f} s; Pagefind alone {report.seconds:.1f} s ({report.seconds / total:.0%} of the build)"
    )
    print(
        f"Pagefind bundle {report.bundle_bytes / 1e6:.1f} MB on disk ({index_bytes / 1e6:.1f} MB index, fragments, filters) for {report.pages} pages"
    )
    with serve_directory(site) as base, launch_chromium() as browser:
        for query in (*SCALE_QUERIES, credit_code_of(content)):
            search, other = first_query_bytes(base, browser, query)
            print(
                f"first query {query!r}: {search / 1024:.0f} KB search (+ {other / 1024:.0f} KB page and theme)"
            )
    start = time.perf_counter()
    prototype = BigramIndex(page_texts(site))
    data = prototype.serialized()
    seconds = time.perf_counter() - start
    print(
        f"bigram prototype: {seconds:.1f} s to build; {len(data) / 1e6:.1f} MB JSON, "
        f"{len(gzip.compress(data)) / 1e6:.1f} MB gzipped, downloaded whole on the first query"
    )


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="qq-search-bench-") as tmp:
        work = Path(tmp)
        quality(work)
        for n in sizes:
            scale(n, work)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
