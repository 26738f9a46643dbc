"""The editor guide's `check` examples are real output: reproduce them and compare (drift test)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.conftest import INIT_DAY

ROOT = Path(__file__).resolve().parents[2]
EDITORS = ROOT / "docs" / "editors.md"


def _edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for pattern, replacement in pairs:
        text, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
        assert count == 1, pattern
    path.write_text(text, encoding="utf-8")


def _documented_runs() -> list[str]:
    """The `$ qinqing check` blocks of the guide, without the command line."""
    blocks = re.findall(
        r"```\n\$ qinqing check\n(.*?)```", EDITORS.read_text(encoding="utf-8"), re.S
    )
    return [b.strip() for b in blocks]


def test_check_output_in_the_editor_guide_is_what_check_prints(new_site: Path, run_cli):
    content = new_site / "content"
    _edit(
        content / "funds/example-fund.md",
        (r"^closes: .*$", "closes: 2026-4-31"),
        (r"^basis: \[example-policy\]", "basis: [example-polcy]"),
        (r"^guide: example-guide$", "guide: example-guide\nfundng: 错字"),
        (r"\(\.\./guides/example-guide\.md\)", "(../guides/example-guid.md)"),
        (r"#第二条-支持标准", "#第二条"),
    )
    _edit(content / "policies/example-policy.md", (r"^department: office", "department: offce"))
    _edit(content / "announcements/example-announcement.md", (r"end: \S+", "end: 2026-03-11"))
    _edit(content / "guides/example-guide.md", (r"^reviewed: \S+", "reviewed: 2024-12-01"))
    (documented,) = _documented_runs()
    day = INIT_DAY.isoformat()
    # Every mistake in one run: the fund's own errors do not hide its references and links.
    assert run_cli("check", "--content", content, "--today", day).output.strip() == documented


def test_the_guide_documents_every_ops_command():
    text = EDITORS.read_text(encoding="utf-8")
    for command in ("qinqing new", "qinqing check", "qinqing report", "make serve", "--links"):
        assert command in text, command
