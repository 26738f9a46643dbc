"""What a reader may subscribe to: the groups, each code with its name, the fund reminders; nothing more.

One list for the 订阅提醒 form on the built site, the handler's manage page and the check
of submitted choices, so the form never offers a code the handler refuses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.models.collection_labels import COLLECTION_LABELS

if TYPE_CHECKING:
    from generator.models.site import SiteConfig


GROUP_TITLES = {
    "collections": "栏目",
    "departments": "发布机构",
    "topics": "主题",
    "industries": "行业",
}
FLAG_TITLE = "资金项目提醒"
FLAG_LABELS = {
    "open_funds": "有资金项目开始申报时提醒我",
    "deadlines": "资金项目 3 个工作日内截止时提醒我",
}


def followable(site: SiteConfig) -> dict[str, dict[str, str]]:
    """Collections, departments, topics and industries (site.yaml's): code -> name."""
    return {
        "collections": dict(COLLECTION_LABELS),
        "departments": {code: d.name for code, d in site.departments.items()},
        "topics": {code: t.name for code, t in site.topics.items()},
        "industries": {code: t.name for code, t in site.industries.items()},
    }
