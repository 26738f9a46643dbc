"""Fixture trees for the foundation tests: a small valid site, and a way to break one file of it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.support.content import credit_code, front_matter

TODAY = dt.date(2026, 11, 26)

SITE = {
    "title": "测试局 政策公开",
    "base_url": "https://test.example.gov.cn/",
    "departments": {"jjgxj": {"name": "晋江市工业和信息化局", "phone": "0595-00000000"}},
    "industries": {"textile": {"name": "纺织服装"}},
    "topics": {"digital": {"name": "数字化转型"}},
}


ITEMS: dict[str, dict] = {
    "policies/base-policy.md": {
        "title": "关于推动数字化转型的若干措施",
        "department": "jjgxj",
        "published": dt.date(2025, 3, 1),
        "doc_number": "晋政规〔2025〕5号",
        "issuer": "晋江市人民政府",
        "level": "local",
        "signed": dt.date(2025, 2, 20),
    },
    "funds/digital-fund.md": {
        "title": "2026年数字化转型专项资金",
        "department": "jjgxj",
        "published": dt.date(2026, 11, 1),
        "basis": ["base-policy"],
        "opens": dt.date(2026, 11, 1),
        "closes": dt.date(2026, 12, 31),
        "funding": "按投资额的10%补助",
        "budget": 1000000,
        "max_amount": 200000,
        "eligibility": [
            {
                "text": "在晋江市注册",
                "rule": {"field": "registered_in", "op": "in", "value": ["晋江市"]},
            }
        ],
        "guide": "digital-guide",
    },
    "guides/digital-guide.md": {
        "title": "数字化转型专项资金申报指南",
        "department": "jjgxj",
        "published": dt.date(2026, 1, 5),
        "audience": "晋江市工业企业",
        "steps": [{"name": "申请", "text": "网上提交"}],
        "legal_limit": 20,
        "promised_limit": 10,
        "reviewed": dt.date(2026, 6, 1),
    },
    "announcements/digital-results.md": {
        "title": "2026年数字化转型专项资金拟支持名单公示",
        "department": "jjgxj",
        "published": dt.date(2026, 11, 20),
        "fund": "digital-fund",
        "publicity": {"start": dt.date(2026, 11, 20), "end": dt.date(2026, 11, 27)},
        "objections": {"phone": "0595-00000000", "address": "晋江市某路1号"},
        "recipients": [
            {
                "name": "晋江市甲鞋业有限公司",
                "credit_code": credit_code(1),
                "amount": 100000,
                "project": "智能产线",
            },
            {"name": "晋江市乙纺织有限公司", "credit_code": credit_code(2), "amount": 50000},
        ],
    },
}


@pytest.fixture
def site_tree(tmp_path: Path) -> Callable[..., Path]:
    """Write the valid site; `overrides` maps a relative path to new text (or None to delete)."""

    def build(overrides: dict[str, str | None] | None = None) -> Path:
        root = tmp_path / "content"
        files = {"site.yaml": yaml.safe_dump(SITE, allow_unicode=True)}
        files.update({path: front_matter(data) for path, data in ITEMS.items()})
        files.update(overrides or {})
        for rel, text in files.items():
            if text is None:
                continue
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return root

    return build


def item_with(path: str, **changes) -> str:
    """The fixture item at `path` with keys changed (a value of ... deletes the key)."""
    data = json.loads(json.dumps(ITEMS[path], default=str))
    for key, value in changes.items():
        if value is ...:
            data.pop(key, None)
        else:
            data[key] = value
    return front_matter(data)
