"""The five collections' Chinese names by folder name, importable without the front matter models
(the handler's subscription pages need the names, never the models)."""

from __future__ import annotations

COLLECTION_LABELS = {
    "policies": "政策文件",
    "funds": "资金项目",
    "guides": "办事指南",
    "announcements": "结果公示",
    "consultations": "意见征集",
}
