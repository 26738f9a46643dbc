"""What a rebuild costs after small edits, and how soon `mkdocs serve` shows an edit.

For a size N: write N synthetic items (benchmarks/synthetic.py) under var/bench-incremental/,
then run `qinqing build` as a child process six times: a full build (cache cleared first),
a no-op rebuild, a rebuild after the body text of one policy changed (an old one, in a large
search shard), after that of the newest policy (in the smallest shard), after one policy
was renamed, after one was deleted. Prints CPU (the build and every process it waited for:
Pagefind, the feeds child) and wall seconds of each, and each one's ratio to the full
build. Then starts `mkdocs serve` on the same site, changes one policy's body and polls
its page over HTTP until the new text shows (with a deadline): edit-to-visible seconds;
then the same for a change of its title (front matter: every page naming it is rebuilt).

    .venv/bin/python benchmarks/incremental.py 5000
    .venv/bin/python benchmarks/incremental.py 5000 --no-cache   # the same without the cache
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.support import free_port  # noqa: E402
from benchmarks.synthetic import write_synthetic_content  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TODAY = dt.date(2026, 11, 26)
SERVE_START_DEADLINE = 600.0
SERVE_EDIT_DEADLINE = 180.0


def config_text(content: Path, docs: Path) -> str:
    """The repository's mkdocs.yml pointed at `content` (its theme from the repository)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: site_overrides/docs", f"docs_dir: {docs}")
    text = text.replace("custom_dir: site_overrides", f"custom_dir: {REPO / 'site_overrides'}")
    return text.replace("content_dir: content", f"content_dir: {content}")


def build(config: Path, site: Path, extra: list[str]) -> tuple[float, float]:
    """(CPU seconds of the build and its waited-for children, wall seconds) of one build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [str(BIN / "qinqing"), "build", "--config", str(config), "--site-dir", str(site)]
    command += ["--today", TODAY.isoformat(), *extra]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def edit_body(path: Path, marker: str) -> None:
    """Append a paragraph holding `marker` to the body of the item file at `path`."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\n本段为基准测试所改：{marker}。\n", encoding="utf-8")


def edit_title(path: Path, marker: str) -> None:
    """Append `marker` to the title of the item file at `path` (a front-matter edit)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = lines[at].rstrip("\n") + marker + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def newest_policy(policies: Path) -> Path:
    """The policy file with the latest `published:` date (the first of them by name)."""

    def published(path: Path) -> str:
        found = re.search(r"^published: (\S+)$", path.read_text(encoding="utf-8"), re.M)
        return found.group(1) if found else ""

    return max(sorted(policies.glob("*.md")), key=published)


def unreferenced_policies(content: Path) -> list[Path]:
    """Policy files no other item names (renaming or deleting one leaves the content valid)."""
    named: set[str] = set()
    for path in content.glob("*/*.md"):
        named |= set(re.findall(r"policy-\d{5}", path.read_text(encoding="utf-8"))) - {path.stem}
    return [p for p in sorted((content / "policies").glob("*.md")) if p.stem not in named]


def write_site(n: int, work: Path) -> Path:
    """N synthetic items and a mkdocs.yml for them under `work`; the configuration's path."""
    content = work / "content"
    write_synthetic_content(content, n)
    docs = work / "docs"
    docs.mkdir(exist_ok=True)
    config = work / "mkdocs.yml"
    config.write_text(config_text(content, docs), encoding="utf-8")
    return config


def rebuilds(n: int, work: Path, extra: list[str]) -> None:
    content = work / "content"
    config = write_site(n, work)
    shutil.rmtree(work / "var" / "cache", ignore_errors=True)
    site = work / "site"
    policies = content / "policies"
    spare = unreferenced_policies(content)
    steps = [
        ("full build", lambda: None),
        ("no-op rebuild", lambda: None),
        ("one body edited", lambda: edit_body(policies / "policy-00001.md", "编辑一")),
        # The newest items are the ones editors touch most; they are in the smallest shard.
        ("newest edited", lambda: edit_body(newest_policy(policies), "编辑二")),
        (
            "one renamed",
            lambda: spare[0].rename(policies / "policy-renamed.md"),
        ),
        ("one deleted", lambda: spare[1].unlink()),
    ]
    full: tuple[float, float] | None = None
    print(f"== {n} items: qinqing build {' '.join(extra)} ==")
    for label, change in steps:
        change()
        cpu, wall = build(config, site, extra)
        full = full or (cpu, wall)
        print(
            f"{label:16} CPU {cpu:6.1f} s ({cpu / full[0]:4.0%})   "
            f"wall {wall:6.1f} s ({wall / full[1]:4.0%})"
        )


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _await_text(url: str, text: str | None, deadline: float, server) -> float:
    """Seconds until `url` answers (and holds `text`, when given); fails after `deadline`."""
    start = time.perf_counter()
    while time.perf_counter() - start < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped (exit {server.returncode})")
        body = _get(url)
        if body is not None and (text is None or text in body):
            return time.perf_counter() - start
        time.sleep(0.1)
    raise SystemExit(f"{url}: not there after {deadline:.0f} s")


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) the process `pid` has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident set so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def serve_edit(work: Path) -> None:
    """Start `mkdocs serve` on the site of `rebuilds`, edit one policy's body, then its
    title: seconds until each shows, and the server's CPU seconds meanwhile."""
    # A policy the rebuilds above left in place (they renamed and deleted some).
    policy = sorted((work / "content" / "policies").glob("policy-0*.md"))[-1]
    port = free_port()
    env = {**os.environ, "QINQING_TODAY": TODAY.isoformat()}
    command = [str(BIN / "mkdocs"), "serve", "-f", str(work / "mkdocs.yml")]
    command += ["-a", f"127.0.0.1:{port}"]
    log = (work / "serve.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        page = f"http://127.0.0.1:{port}/policies/{policy.stem}/"
        first = _await_text(page, None, SERVE_START_DEADLINE, server)
        print(f"mkdocs serve: first page after {first:.1f} s")
        edits = [("one body edited", edit_body), ("one title edited", edit_title)]
        for label, edit in edits:
            # The watcher reacts to changes after it started; a second edit would queue behind.
            time.sleep(3.0)
            cpu = _cpu_of(server.pid)
            marker = f"预览编辑{time.time_ns()}"
            edit(policy, marker)
            seen = _await_text(page, marker, SERVE_EDIT_DEADLINE, server)
            cpu = _cpu_of(server.pid) - cpu
            print(f"mkdocs serve: {label}, visible after {seen:.1f} s ({cpu:.1f} s CPU)")
        print(f"mkdocs serve: peak RSS {_peak_rss_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--no-cache", action="store_true", help="build with --no-cache")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve part")
    parser.add_argument(
        "--serve-only",
        action="store_true",
        help="only the mkdocs serve part, on the last run's site (written if there is none)",
    )
    args = parser.parse_args()
    work = REPO / "var" / "bench-incremental" / str(args.n)
    work.mkdir(parents=True, exist_ok=True)
    if not args.serve_only:
        rebuilds(args.n, work, ["--no-cache"] if args.no_cache else [])
    elif not (work / "mkdocs.yml").is_file():
        write_site(args.n, work)
    if not args.no_serve:
        serve_edit(work)


if __name__ == "__main__":
    main()
