"""The five collections by folder name: their front matter models and labels, and nothing more."""

from __future__ import annotations

from generator.models.announcements import Announcement
from generator.models.consultations import Consultation
from generator.models.front_matter import ItemBase
from generator.models.funds import Fund
from generator.models.guides import Guide
from generator.models.policies import Policy

COLLECTIONS: dict[str, type[ItemBase]] = {
    "policies": Policy,
    "funds": Fund,
    "guides": Guide,
    "announcements": Announcement,
    "consultations": Consultation,
}
COLLECTION_LABELS = {
    "policies": "政策文件",
    "funds": "资金项目",
    "guides": "办事指南",
    "announcements": "结果公示",
    "consultations": "意见征集",
}
