"""Samples the resident memory of a process and all its descendants from /proc, and nothing more.

`TreeSampler(pid).sample()` every ~50 ms: it sums the RSS of the process and every
descendant alive at that moment (found through /proc/<pid>/task/<tid>/children) and keeps
the largest sum, and each process's own largest RSS. A forked child's pages shared
copy-on-write with its parent count in both (RSS): the sum is what the processes would
need if nothing were shared, the figure a memory limit on the whole build meets first when
children write to what they inherited. Every `PSS_EVERY`th sample also sums PSS
(/proc/<pid>/smaps_rollup: shared pages split between the processes sharing them), about
what the machine really gave the build; slower to read, so sampled less often. Linux only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
PSS_EVERY = 10


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _name(pid: int) -> str:
    """The process's command line, shortened: `python -m … build`, `pagefind --service`."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    words = [Path(argv[0].decode(errors="replace")).name] + [
        w.decode(errors="replace") for w in argv[1:3] if w
    ]
    return " ".join(words)[:60]


@dataclass
class TreeSampler:
    root: int
    peak_total: int = 0
    peak_pss: int = 0
    samples: int = 0
    # pid -> (name, largest RSS seen); a forked child keeps its parent's name at first.
    peaks: dict[int, tuple[str, int]] = field(default_factory=dict)
    parents: dict[int, int] = field(default_factory=dict)
    # pid -> RSS of each process in the latest sample, and in the sample of the tree's peak.
    latest: dict[int, int] = field(default_factory=dict)
    at_peak: dict[int, int] = field(default_factory=dict)

    def sample(self) -> int:
        """Sum the RSS of the tree now; returns it."""
        total = pss = 0
        with_pss = self.samples % PSS_EVERY == 0
        pending = [self.root]
        latest: dict[int, int] = {}
        while pending:
            pid = pending.pop()
            rss = _rss(pid)
            total += rss
            if rss:
                latest[pid] = rss
            if with_pss:
                pss += _pss(pid)
            name, peak = self.peaks.get(pid, ("", 0))
            if not name or rss > peak:
                self.peaks[pid] = (_name(pid), max(rss, peak))
            for child in _children(pid):
                self.parents.setdefault(child, pid)
                pending.append(child)
        self.samples += 1
        self.latest = latest
        if total > self.peak_total:
            self.at_peak = latest
        self.peak_total = max(self.peak_total, total)
        self.peak_pss = max(self.peak_pss, pss)
        return total

    def describe(self, rss_by_pid: dict[int, int]) -> str:
        """`pid name: N MB, …` for these processes."""
        return ", ".join(
            f"{pid} {self.peaks.get(pid, ('?', 0))[0]}: {rss / 2**20:,.0f} MB"
            for pid, rss in sorted(rss_by_pid.items())
        )

    def process_peaks(self) -> list[tuple[int, int, str, int]]:
        """(pid, parent pid, name, peak RSS) of every process seen, the root first."""
        return [
            (pid, self.parents.get(pid, 0), name, peak)
            for pid, (name, peak) in sorted(self.peaks.items(), key=lambda kv: kv[0] != self.root)
        ]
