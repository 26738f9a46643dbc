"""Search: quality on the query set, index build time and size, bytes for a first query.

1. Quality: tests/features/search/queries.yaml over the sample content/, built with `qinqing build`:
   Pagefind through the real search page in Chromium, against a bigram (2-character n-gram)
   BM25 index prototyped here, evaluated in Python over the same built pages' text.
2. Scale: N synthetic items (benchmarks/synthetic.py): full `qinqing build` time, the time
   search adds to it (against the same build with `search: false`), Pagefind over the
   finished site from scratch (as builds ran it before pages were streamed), bundle size; bytes
   for a first query on /search/ in a fresh Chromium (split into search bytes and
   page/theme bytes), both raw (file bytes) and as sent by a local server that gzips
   as docs/nginx.conf does; and the bigram prototype's build time and size (it must be
   downloaded whole: no chunking).

    .venv/bin/python benchmarks/search.py 1000 5000
"""

from __future__ import annotations

import gzip
import json
import math
import shutil
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

from benchmarks.nginx_like import WireLog, serve_like_nginx  # noqa: E402
from benchmarks.search_latency import is_search_file  # noqa: E402
from benchmarks.synthetic import write_synthetic_content  # noqa: E402
from generator.adapters.mkdocs.indexer import build_search_index, bundle_size  # noqa: E402
from tests.features.search.runner import (  # noqa: E402
    TOP,
    Outcome,
    load_queries,
    search_via_url,
    wait_for_results,
)
from tests.support.browser import PageFactory, launch_chromium  # noqa: E402
from tests.support.content_fixture import write_mkdocs_config  # noqa: E402
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


def qinqing_build(content: Path | None, site: Path, *, search: bool = True) -> float:
    command = [sys.executable, "-m", "generator.cli.main", "build", "--site-dir", str(site)]
    if content is not None:
        settings = site.parent / f"config-{site.name}"
        settings.mkdir(exist_ok=True)
        config = write_mkdocs_config(settings, content, search=search)
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


def first_query_bytes(base: str, browser, query: str, wire: WireLog) -> dict[str, int]:
    """Bytes a fresh browser downloads to answer `query`, from the server's log (so the
    worker's requests count too): search and page/theme files, raw and as sent."""
    factory = PageFactory(browser)
    page = factory()
    wire.clear()
    page.goto(f"{base}search/?q={quote(query)}")
    wait_for_results(page, query)
    factory.close()
    sizes = {}
    for name, log in (("raw", wire.raw), ("gzip", wire.sent)):
        sizes[f"search {name}"] = sum(size for url, size in log.items() if is_search_file(url))
        sizes[f"other {name}"] = sum(log.values()) - sizes[f"search {name}"]
    return sizes


def fresh_build(content: Path, site: Path, *, search: bool = True) -> float:
    """`qinqing build` into an empty directory (as CI builds; removing the last build is not
    timed: on this machine's disk, deleting thousands of files costs seconds of its own)."""
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run(["sync"], check=False)
    return qinqing_build(content, site, search=search)


def scale(n: int, work: Path, pairs: int = 5) -> None:
    content = write_synthetic_content(work / f"content-{n}", n)
    site = work / f"site-{n}"
    # What search adds is the difference of two builds, without and with it, built in turns
    # (`pairs` times) so that a machine getting slower or faster weighs on both alike. The
    # figure is the median pair; on a shared machine single pairs range widely.
    withouts, totals = [], []
    for _ in range(pairs):
        withouts.append(fresh_build(content, work / f"site-{n}-nosearch", search=False))
        totals.append(fresh_build(content, site))
    shares = sorted((t - w) / t for w, t in zip(withouts, totals, strict=True))
    without, total = min(withouts), min(totals)
    added = total - without
    bundle = site / "pagefind"
    streamed_bytes = bundle_size(site)
    shutil.rmtree(bundle)
    report = build_search_index(site)  # Pagefind over the finished site, from scratch
    index_bytes = sum(
        f.stat().st_size
        for sub in ("index", "fragment", "filter")
        for f in (site / "pagefind" / sub).rglob("*")
        if f.is_file()
    )
    print(f"== {n} items")
    print(
        f"full build (`qinqing build` wall time: start-up, check, MkDocs, Pagefind) {total:.1f} s; "
        f"the same with `search: false` {without:.1f} s (best of {pairs} each)"
    )
    print(
        f"search adds {statistics.median(shares):.0%} of the full build, median of {pairs} pairs "
        f"(pairs {shares[0]:.0%} to {shares[-1]:.0%}; best against best: {added:.1f} s = "
        f"{added / total:.0%}). Pages go to Pagefind while MkDocs renders; it builds its "
        f"bundle while MkDocs writes pages"
    )
    print(
        f"Pagefind over the finished site from scratch (how builds ran it before) "
        f"{report.seconds:.1f} s = {report.seconds / total:.0%} of the full build"
    )
    print(
        f"Pagefind bundle {report.bundle_bytes / 1e6:.1f} MB on disk ({index_bytes / 1e6:.1f} MB "
        f"index, fragments, filters) for {report.pages} pages; streamed bundle "
        f"{streamed_bytes / 1e6:.1f} MB"
    )
    wire = WireLog()
    with serve_like_nginx(site, wire) as base, launch_chromium() as browser:
        print("first query: KB search raw / gzip (+ KB page and theme raw / gzip)")
        for query in (*SCALE_QUERIES, credit_code_of(content)):
            kb = {k: v / 1024 for k, v in first_query_bytes(base, browser, query, wire).items()}
            print(
                f"  {query!r}: {kb['search raw']:.0f} / {kb['search gzip']:.0f} KB "
                f"(+ {kb['other raw']:.0f} / {kb['other gzip']:.0f} KB)"
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
