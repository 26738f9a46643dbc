"""The comment windows of the site's consultations, read from content/consultations at start.

The handler learns when each consultation takes comments from the same files the site is
built from (the folder beside `site.yaml`), so a window moved in the content moves on the
handler at its next start. A file that does not validate is left out with a warning in the
log: `qinqing check` reports it to the editor, and its consultation takes no comments.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("qinqing.petitions")


@dataclass(frozen=True)
class CommentWindow:
    """When one consultation takes comments: from the first instant of `opens` (local time)
    to the last of `closes`."""

    id: str
    title: str
    department: str  # a department code of site.yaml: whose staff handle its comments
    opens: dt.datetime
    closes: dt.datetime

    def state(self, now: dt.datetime) -> str:
        """upcoming | open | closed at `now` (an aware datetime)."""
        if now < self.opens:
            return "upcoming"
        if now > self.closes:
            return "closed"
        return "open"


def load_windows(folder: Path, zone: dt.tzinfo) -> dict[str, CommentWindow]:
    """Every valid consultation under `folder` by id; an absent folder gives none."""
    from pydantic import ValidationError

    from generator.content.sources import read_item
    from generator.models.consultations import Consultation
    from generator.models.instants import as_datetime_pair

    windows: dict[str, CommentWindow] = {}
    if not folder.is_dir():
        return windows
    for path in sorted(folder.glob("*.md")):
        doc, problems = read_item(path, path.name)
        if doc is None or doc.failed or any(p.severity == "error" for p in problems):
            log.warning("consultation %s is unreadable; it takes no comments", path.name)
            continue
        try:
            consultation = Consultation.model_validate(doc.data)
        except ValidationError:
            log.warning("consultation %s does not validate; it takes no comments", path.name)
            continue
        opens, closes = as_datetime_pair(consultation.opens, consultation.closes, zone)
        windows[path.stem] = CommentWindow(
            path.stem, consultation.title, consultation.department, opens, closes
        )
    return windows


class Windows(Mapping[str, CommentWindow]):
    """The consultations under `folder`, read on first use: a petition's cold start (the
    handler's common case) never parses consultation files or imports the content models."""

    def __init__(self, folder: Path, zone: dt.tzinfo) -> None:
        self._folder, self._zone = folder, zone
        self._windows: dict[str, CommentWindow] | None = None
        self._lock = threading.Lock()

    def _loaded(self) -> dict[str, CommentWindow]:
        if self._windows is None:
            with self._lock:
                if self._windows is None:
                    self._windows = load_windows(self._folder, self._zone)
        return self._windows

    def __getitem__(self, key: str) -> CommentWindow:
        return self._loaded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())
