"""How fast `check` is, against a bare `yaml.CSafeLoader` parse of the same front matter.

Prints items/s and the ratio for each size, in wall-clock time and in CPU time (this
process and its forked reader child: steadier than wall-clock on a shared machine).
Goal: 5,000 items checked in at most 3x the bare parse.
Usage: python benchmarks/check_speed.py [N ...]   (default 1000 5000)
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import write_synthetic_content  # noqa: E402

from generator.content.loader import load_content  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the reader child)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(run, root: Path) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) of `run(root)`."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    run(root)
    return time.perf_counter() - wall, cpu_seconds() - cpu


def bare_parse(root: Path) -> None:
    """Read every file and parse its front matter with the C loader: the floor for any check."""
    yaml.load((root / "site.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = text.split("\n---\n", 1)[0][4:]
        yaml.load(front, Loader=yaml.CSafeLoader)


def full_check(root: Path) -> None:
    result = load_content(root)
    if result.errors:
        raise SystemExit(f"synthetic content has errors: {result.errors[:3]}")


def main(sizes: list[int]) -> None:
    print(
        f"{'items':>6} {'bare parse s':>13} {'check s':>9} {'items/s':>9} {'ratio':>6}"
        f" {'bare cpu s':>11} {'check cpu s':>12} {'cpu ratio':>10}"
    )
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_synthetic_content(Path(tmp) / "content", n)
            bare_parse(root)  # warm the page cache
            bare = [timed(bare_parse, root) for _ in range(3)]
            ours = [timed(full_check, root) for _ in range(3)]
            wall_bare = statistics.median(b[0] for b in bare)
            wall_ours = statistics.median(o[0] for o in ours)
            cpu_bare = statistics.median(b[1] for b in bare)
            cpu_ours = statistics.median(o[1] for o in ours)
            print(
                f"{n:>6} {wall_bare:>13.3f} {wall_ours:>9.3f} {n / wall_ours:>9.0f}"
                f" {wall_ours / wall_bare:>6.2f} {cpu_bare:>11.3f} {cpu_ours:>12.3f}"
                f" {cpu_ours / cpu_bare:>10.2f}"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
