"""What a full build costs at N items: CPU, wall time, peak memory of the process tree, page sizes.

For each N: write N synthetic items (benchmarks/synthetic.py), run `qinqing build` as a
subprocess (search included) and print
- CPU seconds (user + sys of the build and every process it waited for: os.wait4), wall
  seconds, and CPU ms per item;
- peak RSS of the whole process tree: /proc sampled every 50 ms, the RSS of the build and
  all its descendants (forked children, Pagefind) summed (see benchmarks/tree_memory.py;
  RSS, so copy-on-write pages shared with a forked child count twice); the summed PSS
  (shared pages counted once) every 0.5 s; and each process's own peak RSS;
- the largest page of each kind (benchmarks/page_sizes.py), the largest file, and the
  search bundle's size;
- first results for common words and a rare one typed on /search/ in headless Chromium
  (benchmarks/search_latency.py): seconds and bytes downloaded (`--no-search` skips them).

    .venv/bin/python benchmarks/scale.py 5000 20000
    .venv/bin/python benchmarks/scale.py --keep 5000   # keep var/scale/site-5000
    .venv/bin/python benchmarks/scale.py --reuse-content 5000   # its content, not rewritten

Sites are built under var/scale/ and deleted after measuring unless --keep.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import search_latency  # noqa: E402
from benchmarks.page_sizes import largest_pages  # noqa: E402
from benchmarks.synthetic import write_synthetic_content  # noqa: E402
from benchmarks.tree_memory import PSS_EVERY, TreeSampler  # noqa: E402
from tests.support.content_fixture import write_mkdocs_config  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-26"
SAMPLE_SECONDS = 0.05
MB = 1024 * 1024


@dataclass
class BuildRun:
    returncode: int
    cpu_seconds: float
    wall_seconds: float
    sampler: TreeSampler


def run_build(config: Path, site_dir: Path, log: Path, progress: float) -> BuildRun:
    """`qinqing build` in a subprocess, sampling its process tree's memory until it ends
    (and printing the tree every `progress` seconds: a long build shows its phases)."""
    command = [
        str(REPO / ".venv/bin/qinqing"),
        "build",
        "--config",
        str(config),
        "--site-dir",
        str(site_dir),
        "--today",
        TODAY,
    ]
    started = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=REPO, stdout=output, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid)
        shown = started
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            now = sampler.sample()
            if time.perf_counter() - shown >= progress:
                shown = time.perf_counter()
                print(
                    f"  [{shown - started:.0f} s] tree {now / MB:,.0f} MB "
                    f"(peak {sampler.peak_total / MB:,.0f} MB): {sampler.describe(sampler.latest)}",
                    flush=True,
                )
            time.sleep(SAMPLE_SECONDS)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return BuildRun(
        returncode=process.returncode,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        wall_seconds=time.perf_counter() - started,
        sampler=sampler,
    )


def site_sizes(site_dir: Path) -> dict:
    """Largest page per kind (benchmarks/page_sizes.py), largest file, the search bundle."""
    largest_file = (0, "")
    bundle_bytes = bundle_files = pages = 0
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        relative = path.relative_to(site_dir)
        largest_file = max(largest_file, (size, str(relative)))
        if relative.parts[0] == "pagefind":
            bundle_bytes += size
            bundle_files += 1
        elif path.suffix == ".html":
            pages += 1
    return {
        "pages": pages,
        "largest": largest_pages(site_dir),
        "largest_file": largest_file,
        "bundle": (bundle_bytes, bundle_files),
    }


def _size(n: int) -> str:
    return f"{n / MB:.2f} MB" if n >= MB else f"{n / 1024:.1f} KB"


def report(n: int, run: BuildRun, sizes: dict | None) -> None:
    sampler = run.sampler
    print(f"\n== {n} items ==", flush=False)
    if run.returncode != 0:
        print(f"build FAILED (exit {run.returncode}); see the log")
    print(
        f"CPU (user+sys, whole tree): {run.cpu_seconds:.1f} s = {1000 * run.cpu_seconds / n:.2f} ms an item"
    )
    print(f"wall: {run.wall_seconds:.1f} s")
    print(
        f"peak RSS of the process tree (sum over live processes, /proc every "
        f"{1000 * SAMPLE_SECONDS:.0f} ms, {sampler.samples} samples): {sampler.peak_total / MB:,.0f} MB"
    )
    print(
        f"peak PSS of the process tree (shared pages split; every {PSS_EVERY * SAMPLE_SECONDS:.1f} s): "
        f"{sampler.peak_pss / MB:,.0f} MB"
    )
    print(f"  alive at the tree's peak: {sampler.describe(sampler.at_peak)}")
    for pid, parent, name, peak in sampler.process_peaks():
        print(f"  pid {pid} (parent {parent}) {name}: peak {peak / MB:,.0f} MB")
    if sizes is None:
        return
    print(f"HTML pages: {sizes['pages']}")
    for kind, (path, size) in sizes["largest"].items():
        print(f"  largest {kind} page: {_size(size)} ({path})")
    size, path = sizes["largest_file"]
    print(f"largest file: {_size(size)} ({path})")
    bundle_bytes, bundle_files = sizes["bundle"]
    print(f"search bundle: {_size(bundle_bytes)} in {bundle_files} files")
    for figure in sizes.get("search", []):
        print(
            f"search {figure.query}: first results {figure.first_result_seconds:.2f} s, "
            f"{figure.downloaded_bytes / 1024:,.0f} KB downloaded "
            f"({figure.search_bytes / 1024:,.0f} KB search files), {figure.results_shown} shown"
        )


def synthetic_content(work: Path, n: int, reuse: bool) -> Path:
    """N synthetic items under `work` (those of an earlier --keep run, with `reuse`)."""
    content = work / f"content-{n}"
    written = work / f"content-{n}.written"  # the last step: without it the folder is partial
    if reuse and written.is_file():
        print(f"{n} synthetic items: reused {content}")
        return content
    started = time.perf_counter()
    write_synthetic_content(content, n)
    written.write_text(f"{n}\n")
    print(f"{n} synthetic items: written in {time.perf_counter() - started:.1f} s")
    return content


def measure(n: int, work: Path, keep: bool, search: bool, reuse: bool, progress: float) -> None:
    content = synthetic_content(work, n, reuse)
    config_dir = work / f"config-{n}"
    config_dir.mkdir(parents=True, exist_ok=True)
    config = write_mkdocs_config(config_dir, content)
    site_dir = work / f"site-{n}"
    shutil.rmtree(site_dir, ignore_errors=True)
    log = work / f"build-{n}.log"
    run = run_build(config, site_dir, log, progress)
    started = time.perf_counter()
    sizes = site_sizes(site_dir) if run.returncode == 0 else None
    print(f"page and file sizes: measured in {time.perf_counter() - started:.1f} s")
    if sizes is not None and search:
        started = time.perf_counter()
        sizes["search"] = search_latency.measure(site_dir, search_latency.DEFAULT_QUERIES)
        print(f"search in Chromium: measured in {time.perf_counter() - started:.1f} s")
    report(n, run, sizes)
    print(f"build log: {log}")
    if not keep:
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.rmtree(content, ignore_errors=True)
        (work / f"content-{n}.written").unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5000])
    parser.add_argument("--work", type=Path, default=REPO / "var/scale")
    parser.add_argument("--keep", action="store_true", help="keep the built sites and content")
    parser.add_argument(
        "--no-search", action="store_true", help="skip the first-result figures in Chromium"
    )
    parser.add_argument(
        "--reuse-content",
        action="store_true",
        help="build the synthetic items an earlier --keep run wrote, if complete",
    )
    parser.add_argument(
        "--progress",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="print the process tree's memory this often during a build",
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        measure(
            n,
            args.work,
            args.keep,
            search=not args.no_search,
            reuse=args.reuse_content,
            progress=args.progress,
        )
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"\n(all builds: {children.ru_utime + children.ru_stime:.1f} s CPU in children)")


if __name__ == "__main__":
    main()
