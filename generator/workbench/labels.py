"""The Chinese names staff read for codes (status, category, department, event kind), and nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.petitions.office import KIND_LABELS
from generator.petitions.queue_index import MERGED
from generator.petitions.states import ROUTES, STATUS_LABELS

if TYPE_CHECKING:
    from generator.models.site import SiteConfig

QUEUE_STATUS_LABELS = {**STATUS_LABELS, MERGED: "已合并"}


class Labels:
    """Names for one site's codes; an unknown code is shown as itself."""

    def __init__(self, site: SiteConfig) -> None:
        self.site = site

    def status(self, code: str) -> str:
        return QUEUE_STATUS_LABELS.get(code, code)

    def category(self, code: str) -> str:
        found = self.site.petitions.categories.get(code)
        return found.name if found else code

    def department(self, code: str | None) -> str:
        if code is None:
            return "待分派"
        found = self.site.departments.get(code)
        return (found.short_name or found.name) if found else code

    def kind(self, code: str) -> str:
        return KIND_LABELS.get(code, code)

    def route(self, code: str | None) -> str:
        return ROUTES.get(code or "", "")

    def categories(self) -> dict[str, str]:
        return {code: c.name for code, c in self.site.petitions.categories.items()}

    def departments(self) -> dict[str, str]:
        return {code: self.department(code) for code in self.site.departments}
