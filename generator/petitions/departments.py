"""Which department answers a new petition, and nothing more.

The department of the content item the petition is about (`related`), else the default
department of its category in site.yaml, else none (the unassigned queue). Codes that
site.yaml does not define are ignored, so a stale item never routes a petition nowhere.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.models.site import SiteConfig


def item_departments(content_dir: Path) -> dict[str, str]:
    """Item id -> department code of every readable item file under `content_dir`."""
    # Imported here, not at the top: the content layer pulls in every item model, which a
    # serverless cold start should not pay for unless a petition names a related item.
    from generator.content.index import COLLECTION_ORDER
    from generator.content.sources import read_item

    found: dict[str, str] = {}
    for collection in COLLECTION_ORDER:
        folder = content_dir / collection
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.md")):
            doc, _ = read_item(path, f"{collection}/{path.name}")
            department = doc.data.get("department") if doc is not None else None
            if isinstance(department, str):
                found.setdefault(path.stem, department)
    return found


class Departments:
    """Resolves the department of new petitions for one site; items are read on first need."""

    def __init__(self, site: SiteConfig, content_dir: Path | None = None) -> None:
        self.site = site
        self.content_dir = content_dir
        self._items: dict[str, str] | None = None
        self._lock = threading.Lock()

    def of_item(self, item_id: str) -> str | None:
        if self.content_dir is None:
            return None
        if self._items is None:
            with self._lock:
                if self._items is None:
                    self._items = item_departments(self.content_dir)
        return self._items.get(item_id)

    def resolve(self, category: str, related: str | None) -> str | None:
        known = self.site.departments
        if related and (code := self.of_item(related)) in known:
            return code
        found = self.site.petitions.categories.get(category)
        if found is not None and found.department in known:
            return found.department
        return None
