"""Where a `mkdocs serve` rebuild's time goes after one edit, for the site
`benchmarks/incremental.py` left behind, and nothing more.

Builds the site in this process as `mkdocs serve` does (the same plugin instance, a
temporary site folder, `serve_url` set), edits one policy (its body, or with
`--front-matter` its title), rebuilds, and prints each rebuild's wall and CPU seconds
with the phases of `rebuild_phases.py`, then this process's peak RSS. `--profile FILE`
writes the last rebuild's cProfile.

    .venv/bin/python benchmarks/serve_rebuild.py 5000
    .venv/bin/python benchmarks/serve_rebuild.py 5000 --front-matter --profile var/serve.prof
"""

from __future__ import annotations

import argparse
import cProfile
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.incremental import TODAY, edit_body, edit_title  # noqa: E402
from benchmarks.rebuild_phases import Phases, _cpu, instrument  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _print_phases(phases: Phases) -> None:
    for label in phases.own:
        own, children = phases.own[label], phases.children[label]
        print(f"  {label:40} {own:8.2f} {children:8.2f} {phases.calls[label]:6d}")
    phases.own.clear()
    phases.children.clear()
    phases.calls.clear()


def _files_written(config) -> None:
    plugin = config.plugins["qinqing"]
    if plugin.after_pages is not None:
        plugin.after_pages.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--front-matter", action="store_true", help="edit a title, not a body")
    parser.add_argument("--rebuilds", type=int, default=2, help="edited rebuilds after the first")
    parser.add_argument("--profile", type=Path, help="write the last rebuild's cProfile here")
    args = parser.parse_args()
    work = REPO / "var" / "bench-incremental" / str(args.n)
    if not (work / "mkdocs.yml").is_file():
        raise SystemExit(f"{work}: run benchmarks/incremental.py {args.n} --no-serve first")
    os.environ["QINQING_TODAY"] = TODAY.isoformat()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    phases = Phases()
    instrument(phases)
    # As in `mkdocs serve`, another thread runs (the server's): the build forks no child.
    server_stand_in = threading.Event()
    threading.Thread(target=server_stand_in.wait, daemon=True).start()
    site_dir = tempfile.mkdtemp(prefix="qq-serve-bench-")
    config = load_config(config_file=str(work / "mkdocs.yml"), site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    serve_url = "http://127.0.0.1:8000/"
    config.site_url = serve_url
    policy = sorted((work / "content" / "policies").glob("policy-0*.md"))[-1]
    edit = edit_title if args.front_matter else edit_body
    print(f"{'rebuild':24} {'wall s':>8} {'CPU s':>8}   (phases: own CPU, children, calls)")
    for step in range(args.rebuilds + 1):
        if step:
            edit(policy, f"服务测量{time.time_ns()}")
            config = load_config(config_file=str(work / "mkdocs.yml"), site_dir=site_dir)
            config.site_url = serve_url
        _files_written(config)  # an editor's next edit comes after the preview's files
        profile = cProfile.Profile() if args.profile and step == args.rebuilds else None
        started, cpu = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
        if profile:
            profile.enable()
        build(config, serve_url=serve_url)
        if profile:
            profile.disable()
            profile.dump_stats(args.profile)
        wall, cpu = time.perf_counter() - started, _cpu(resource.RUSAGE_SELF) - cpu
        print(f"{'first build' if not step else f'edit {step}':24} {wall:8.1f} {cpu:8.1f}")
        _print_phases(phases)
    config.plugins.on_shutdown()
    server_stand_in.set()
    shutil.rmtree(site_dir, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
