"""Read the git history of content files once, and say plainly when it cannot be trusted."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

_SEPARATOR = "\x1e"


@dataclass(frozen=True)
class Commit:
    sha: str
    date: dt.datetime
    message: str


@dataclass
class GitHistory:
    """Commits per content path (relative to content/), newest first.

    `shallow` means the clone was cut: the oldest visible commit claims every file it
    touches, so its dates are not the files' real dates and must not be shown as such.
    """

    available: bool = False
    shallow: bool = False
    head: str | None = None
    commits: dict[str, list[Commit]] = field(default_factory=dict)
    boundary: str | None = None

    def file_commits(self, rel: str) -> list[Commit]:
        """Trusted commits of a file: in a shallow clone, the cut-off commit is dropped."""
        return [c for c in self.commits.get(rel, []) if c.sha != self.boundary]

    def last_date(self, rel: str) -> dt.date | None:
        trusted = self.file_commits(rel)
        return trusted[0].date.date() if trusted else None


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def read_git_history(content_dir: Path, zone: dt.tzinfo) -> GitHistory:
    """One `git log` over the content folder; an empty, unavailable history outside a repository."""
    top = _git(["rev-parse", "--show-toplevel"], content_dir)
    if top is None:
        return GitHistory()
    root = Path(top.strip())
    head = (_git(["rev-parse", "HEAD"], root) or "").strip() or None
    shallow = (_git(["rev-parse", "--is-shallow-repository"], root) or "").strip() == "true"
    boundary = None
    if shallow:
        shallow_file = root / ".git" / "shallow"
        if shallow_file.exists():
            lines = shallow_file.read_text().split()
            boundary = lines[0] if lines else None
    log = _git(
        [
            "log",
            f"--format={_SEPARATOR}%H%x00%cI%x00%s",
            "--name-only",
            "--no-renames",
            "--",
            str(content_dir),
        ],
        root,
    )
    history = GitHistory(available=head is not None, shallow=shallow, head=head, boundary=boundary)
    if not log:
        return history
    content_prefix = content_dir.resolve().relative_to(root.resolve()).as_posix()
    for block in log.split(_SEPARATOR)[1:]:
        header, _, names = block.partition("\n")
        sha, date_text, message = header.split("\x00", 2)
        commit = Commit(sha, dt.datetime.fromisoformat(date_text).astimezone(zone), message.strip())
        for name in names.split("\n"):
            name = name.strip()
            if not name:
                continue
            rel = name[len(content_prefix) + 1 :] if content_prefix not in ("", ".") else name
            history.commits.setdefault(rel, []).append(commit)
    return history
