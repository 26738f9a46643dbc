"""Runs real site builds (`qinqing build`, `mkdocs build`) in a subprocess and returns their output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# The date every test build of the sample content is made for.
SAMPLE_DAY = "2026-11-26"

# A fixed clock for anything MkDocs or a plugin stamps, so two builds can be compared byte for byte.
SOURCE_DATE_EPOCH = "1790000000"


def run_build(args: list[str], today: str = SAMPLE_DAY) -> str:
    """Run a build command from the repository root for `today`; its output, asserting success."""
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "QINQING_TODAY": today,
    }
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=REPO, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output


def qinqing_build(site_dir: Path, today: str = SAMPLE_DAY, config: Path | None = None) -> str:
    """`qinqing build --site-dir SITE_DIR --today TODAY [--config CONFIG]`; its output."""
    command = [sys.executable, "-m", "generator.cli.main", "build", "--site-dir", str(site_dir)]
    if config is not None:
        command += ["--config", str(config)]
    return run_build([*command, "--today", today], today)
