"""What a reader may subscribe to, by group, each code with its name, and nothing more.

One list for the 订阅提醒 form on the built site, the handler's manage page and the check
of submitted choices, so the form never offers a code the handler refuses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.models.items import COLLECTION_LABELS

if TYPE_CHECKING:
    from generator.models.site import SiteConfig


def followable(site: SiteConfig) -> dict[str, dict[str, str]]:
    """Collections, departments, topics and industries (site.yaml's): code -> name."""
    return {
        "collections": dict(COLLECTION_LABELS),
        "departments": {code: d.name for code, d in site.departments.items()},
        "topics": {code: t.name for code, t in site.topics.items()},
        "industries": {code: t.name for code, t in site.industries.items()},
    }
