"""How fast `check` is, against a bare `yaml.CSafeLoader` parse of the same front matter.

Prints items/s and the ratio for each size. Goal: 5,000 items checked in at most 3x the bare parse.
Usage: python benchmarks/check_speed.py [N ...]   (default 1000 5000)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import write_synthetic_content  # noqa: E402

from generator.loader import load_content  # noqa: E402


def bare_parse(root: Path) -> float:
    """Read every file and parse its front matter with the C loader: the floor for any check."""
    started = time.perf_counter()
    yaml.load((root / "site.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = text.split("\n---\n", 1)[0][4:]
        yaml.load(front, Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def full_check(root: Path) -> float:
    started = time.perf_counter()
    result = load_content(root)
    elapsed = time.perf_counter() - started
    if result.errors:
        raise SystemExit(f"synthetic content has errors: {result.errors[:3]}")
    return elapsed


def main(sizes: list[int]) -> None:
    print(f"{'items':>6} {'bare parse s':>13} {'check s':>9} {'items/s':>9} {'ratio':>6}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_synthetic_content(Path(tmp) / "content", n)
            bare_parse(root)  # warm the page cache
            bare = statistics.median(bare_parse(root) for _ in range(3))
            ours = statistics.median(full_check(root) for _ in range(3))
            print(f"{n:>6} {bare:>13.3f} {ours:>9.3f} {n / ours:>9.0f} {ours / bare:>6.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
