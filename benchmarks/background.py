"""How long a build waits for its background files while another process takes a whole core.

Starts a CPU hog (a busy loop on one core), writes N synthetic items (benchmarks/synthetic.py)
and builds the site in this process with MkDocs + the qinqing plugin (Pagefind included).
Prints the time between the last page written (the plugin's `on_post_build` asks for the
background files) and the background files done (the child's last write): negative when
they were done before the last page. Also the child's CPU time and peak RSS (VmHWM), the
build's CPU time, and the largest files of the built site.

    .venv/bin/python benchmarks/background.py 5000
    .venv/bin/python benchmarks/background.py 5000 --idle   # the old SCHED_IDLE child
    .venv/bin/python benchmarks/background.py 5000 --no-hog
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.build_speed import TODAY, _mkdocs_build, synthetic_site  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "var" / "bench"
HOG = "while True: pass"
LARGEST = 8


def _start_hog() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", HOG])


def _idle_child():
    """The child as it was before issue 19: switched to SCHED_IDLE before its work."""
    from generator.adapters.mkdocs import background

    normal = background._child

    def idle(*args):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        normal(*args)

    background._child = idle


def _watch_wait() -> dict:
    """Record when the plugin starts waiting for the background files, and what they report."""
    from generator.adapters.mkdocs.background import BackgroundFiles

    seen: dict = {}
    wait = BackgroundFiles.wait

    def watched(self):
        seen["asked_at"] = time.time()
        try:
            return wait(self)
        finally:
            seen["returned_at"] = time.time()
            seen["finished_at"] = self.finished_at
            seen["cpu"] = self.cpu_seconds
            seen["peak_kb"] = self.peak_rss_kb
            seen["parallel"] = self.parallel

    BackgroundFiles.wait = watched
    return seen


def largest_files(site: Path, count: int = LARGEST) -> list[tuple[int, str]]:
    sizes = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*")]
    return sorted((s for s in sizes if not Path(site, s[1]).is_dir()), reverse=True)[:count]


def measure(n: int, work: Path, *, hog: bool) -> dict:
    _content, config = synthetic_site(n, work)
    os.environ["QINQING_TODAY"] = TODAY.isoformat()
    seen = _watch_wait()
    site = work / f"site-{n}"
    hogging = _start_hog() if hog else None
    try:
        before = resource.getrusage(resource.RUSAGE_SELF)
        _mkdocs_build(config, site)
        after = resource.getrusage(resource.RUSAGE_SELF)
    finally:
        if hogging is not None:
            hogging.kill()
            hogging.wait()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {**seen, "build_cpu": cpu, "largest": largest_files(site)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--idle", action="store_true", help="the old SCHED_IDLE child")
    parser.add_argument("--no-hog", action="store_true", help="no CPU hog")
    parser.add_argument("--work", type=Path, default=WORK, help="where the sites are built")
    args = parser.parse_args()
    if args.idle:
        _idle_child()
    args.work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="qq-background-", dir=args.work) as tmp:
        for n in args.sizes:
            result = measure(n, Path(tmp), hog=not args.no_hog)
            print(f"\n== {n} items, {'no hog' if args.no_hog else 'one core busy'}", end="")
            print(f", child at {'SCHED_IDLE' if args.idle else 'normal priority'} ==")
            gap = result["finished_at"] - result["asked_at"]
            print(f"background files done {gap:+.2f} s after the last page", end="")
            print(f" (the build waited {result['returned_at'] - result['asked_at']:.2f} s)")
            peak = result["peak_kb"]
            print(
                f"background: {result['cpu']:.1f} s CPU, "
                f"{'in a child' if result['parallel'] else 'inline'}, peak RSS "
                + (f"{peak / 1024:.0f} MB" if peak else "unknown")
            )
            print(f"build process CPU: {result['build_cpu']:.1f} s (children not counted)")
            print("largest files:")
            for size, path in result["largest"]:
                print(f"  {size / 1e6:8.2f} MB  {path}")
    print(f"\n(measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC)")


if __name__ == "__main__":
    main()
