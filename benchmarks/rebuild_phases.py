"""Where a `qinqing build`'s CPU goes, phase by phase, for the site `benchmarks/incremental.py`
left behind, and nothing more.

Runs the build in this process (as `qinqing build` does) with each phase's function wrapped
to add up its CPU: this process's own (`RUSAGE_SELF`) and that of the children it reaped
meanwhile (`RUSAGE_CHILDREN`: the compile child of `split_map`, the feeds/open data child,
Pagefind). Prints one line a phase, then the rest of the build. `--profile FILE` also
writes this process's cProfile (the children are not in it).

    .venv/bin/python benchmarks/incremental.py 5000 --no-serve   # makes the site
    .venv/bin/python benchmarks/rebuild_phases.py 5000           # then a rebuild, by phase
    .venv/bin/python benchmarks/rebuild_phases.py 5000 --edit    # after one policy's edit
"""

from __future__ import annotations

import argparse
import cProfile
import resource
import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.incremental import TODAY, edit_body  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


class Phases:
    """CPU seconds (own, children) added up per phase label, outermost call only."""

    def __init__(self) -> None:
        self.own: dict[str, float] = {}
        self.children: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._depth = 0

    def wrap(self, owner: object, name: str, label: str) -> None:
        original: Callable = getattr(owner, name)

        @wraps(original)
        def timed(*args, **kwargs):
            if self._depth:
                return original(*args, **kwargs)
            self._depth += 1
            own, children = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
            try:
                return original(*args, **kwargs)
            finally:
                self._depth -= 1
                self.own[label] = self.own.get(label, 0.0) + _cpu(resource.RUSAGE_SELF) - own
                spent = _cpu(resource.RUSAGE_CHILDREN) - children
                self.children[label] = self.children.get(label, 0.0) + spent
                self.calls[label] = self.calls.get(label, 0) + 1

        setattr(owner, name, timed)


def instrument(phases: Phases) -> None:
    import mkdocs.commands.build as mkdocs_build

    import generator.adapters.mkdocs.plugin as plugin
    import generator.content.check as check
    from generator.adapters.mkdocs.background import BackgroundFiles
    from generator.adapters.mkdocs.page_cache import PageReuse

    phases.wrap(check, "check_content", "content load + check")
    phases.wrap(plugin, "compile_site", "compile_site (with its child)")
    phases.wrap(PageReuse, "reuse", "cached pages: look up, write")
    phases.wrap(mkdocs_build, "_populate_page", "MkDocs: read pages (Markdown)")
    phases.wrap(mkdocs_build, "_build_page", "MkDocs: render + write pages")
    phases.wrap(BackgroundFiles, "start", "background files: fork")
    phases.wrap(BackgroundFiles, "wait", "background files: wait (child)")
    phases.wrap(plugin, "_write_files", "other files + copies")
    phases.wrap(plugin.QinqingPlugin, "_after_site_written", "search: bundle after pages")
    phases.wrap(plugin.QinqingPlugin, "_stop_helpers", "helpers stopped (Pagefind reaped)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--edit", action="store_true", help="edit one policy's body first")
    parser.add_argument("--profile", type=Path, help="write this process's cProfile here")
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()
    work = REPO / "var" / "bench-incremental" / str(args.n)
    if not (work / "mkdocs.yml").is_file():
        raise SystemExit(f"{work}: run benchmarks/incremental.py {args.n} --no-serve first")
    if args.edit:
        policy = sorted((work / "content" / "policies").glob("policy-0*.md"))[0]
        edit_body(policy, f"分段测量{time.time_ns()}")
    from generator.cli.build import build

    phases = Phases()
    instrument(phases)
    command = ["--config", str(work / "mkdocs.yml"), "--site-dir", str(work / "site")]
    command += ["--today", TODAY.isoformat()] + (["--no-cache"] if args.no_cache else [])
    own, children = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    try:
        build.main(command, standalone_mode=False)
    finally:
        if profile:
            profile.disable()
            profile.dump_stats(args.profile)
    own = _cpu(resource.RUSAGE_SELF) - own
    children = _cpu(resource.RUSAGE_CHILDREN) - children
    print(f"{'phase':40} {'own CPU s':>10} {'children':>10} {'calls':>6}")
    for label in phases.own:
        print(
            f"{label:40} {phases.own[label]:10.2f} {phases.children[label]:10.2f}"
            f" {phases.calls[label]:6d}"
        )
    rest_own = own - sum(phases.own.values())
    rest_children = children - sum(phases.children.values())
    print(f"{'rest of the build':40} {rest_own:10.2f} {rest_children:10.2f}")
    print(f"{'total':40} {own:10.2f} {children:10.2f}   = {own + children:.1f} s CPU")


if __name__ == "__main__":
    main()
