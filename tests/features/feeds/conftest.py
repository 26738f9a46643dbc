"""Fixture content trees for the feeds tests, and an independent reader of their front matter."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.content.loader import load_content
from tests.support.content import credit_code, front_matter

TODAY = dt.date(2026, 11, 26)
HOST = "feeds.example.gov.cn"

SITE = {
    "title": "测试局 政策公开",
    "base_url": f"https://{HOST}/",
    "departments": {
        "gxj": {"name": "测试市工业和信息化局"},
        "czj": {"name": "测试市财政局"},
    },
    "industries": {"textile": {"name": "纺织服装"}, "food": {"name": "食品饮料"}},
    "topics": {"digital": {"name": "数字化转型"}, "green": {"name": "绿色低碳"}},
}


def _policy(title, published, **more):
    base = {
        "title": title,
        "department": "gxj",
        "published": published,
        "issuer": "测试市人民政府",
        "level": "local",
        "signed": published,
    }
    return {**base, **more}


def _fund(title, published, opens, closes, **more):
    base = {
        "title": title,
        "department": "gxj",
        "published": published,
        "basis": ["base-policy"],
        "opens": opens,
        "closes": closes,
        "funding": "按投资额的10%补助",
        "eligibility": [{"text": "在测试市注册"}],
    }
    return {**base, **more}


ITEMS: dict[str, dict] = {
    "policies/base-policy.md": _policy(
        "关于推动数字化转型的若干措施",
        dt.date(2025, 3, 1),
        industries=["textile"],
        topics=["digital"],
        summary="推动工业企业数字化转型的十条措施。",
    ),
    "policies/old-policy.md": _policy(
        "旧的技术改造办法",
        dt.date(2023, 5, 1),
        department="czj",
        repealed={"date": dt.date(2026, 6, 1), "by": "base-policy"},
        topics=["green"],
    ),
    "policies/future-policy.md": _policy("尚未发布的办法", dt.date(2026, 12, 20)),
    "funds/open-fund.md": _fund(
        "2026年数字化转型专项资金",
        dt.date(2026, 11, 1),
        dt.date(2026, 11, 1),
        dt.datetime(2026, 12, 31, 17, 0),
        industries=["textile", "food"],
        topics=["digital"],
        changes=[
            {"date": dt.date(2026, 11, 10), "note": "延长申报时间"},
            {"date": dt.date(2026, 11, 12), "note": "更正错别字", "major": False},
        ],
    ),
    "funds/closed-fund.md": _fund(
        "2025年绿色工厂奖励",
        dt.date(2025, 6, 1),
        dt.date(2025, 6, 1),
        dt.date(2025, 7, 31),
        department="czj",
        topics=["green"],
    ),
    "funds/upcoming-fund.md": _fund(
        "2027年技术改造补助",
        dt.date(2026, 11, 20),
        dt.date(2027, 1, 5),
        dt.date(2027, 3, 31),
    ),
    "guides/digital-guide.md": {
        "title": "数字化转型专项资金申报指南",
        "department": "gxj",
        "published": dt.date(2026, 1, 5),
        "audience": "测试市工业企业",
        "steps": [{"name": "申请", "text": "网上提交"}],
        "reviewed": dt.date(2026, 6, 1),
        "industries": ["food"],
    },
    "announcements/closed-results.md": {
        "title": "2025年绿色工厂奖励拟支持名单公示",
        "department": "czj",
        "published": dt.date(2026, 11, 20),
        "fund": "closed-fund",
        "publicity": {"start": dt.date(2026, 11, 20), "end": dt.date(2026, 11, 27)},
        "objections": {"phone": "0595-00000000", "address": "测试市某路1号"},
        "recipients": [
            {
                "name": "测试市甲鞋业有限公司",
                "credit_code": credit_code(1),
                "amount": 100000,
                "project": "智能产线",
            },
            {"name": "测试市乙纺织有限公司", "credit_code": credit_code(2), "amount": 50000.5},
        ],
    },
    "consultations/open-draft.md": {
        "title": "关于《测试市数字化转型措施（征求意见稿）》公开征求意见的公告",
        "department": "gxj",
        "published": dt.date(2026, 11, 10),
        "opens": dt.date(2026, 11, 10),
        "closes": dt.date(2026, 12, 10),
        "topics": ["digital"],
        "adopted_as": "base-policy",
    },
}

BODY = "## 一、总则\n\n为推动**数字化转型**，制定[本措施](https://example.com/)。\n\n- 第一条\n- 第二条\n"


@pytest.fixture
def items() -> dict[str, dict]:
    """A private deep copy of the fixture items, to change before writing."""
    return copy.deepcopy(ITEMS)


@pytest.fixture
def write_tree(tmp_path: Path) -> Callable[..., Path]:
    """Write site.yaml and the given items under a fresh folder; returns the content folder."""
    counter = iter(range(1000))

    def write(entries: dict[str, dict], site: dict | None = None) -> Path:
        root = tmp_path / f"content{next(counter)}"
        root.mkdir()
        (root / "site.yaml").write_text(
            yaml.safe_dump(site or SITE, allow_unicode=True), encoding="utf-8"
        )
        for rel, data in entries.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(front_matter(data, BODY), encoding="utf-8")
        return root

    return write


@pytest.fixture
def tree(write_tree, items) -> Path:
    """The fixture site as given."""
    return write_tree(items)


def load(root: Path, today: dt.date = TODAY):
    result = load_content(root.resolve(), today)
    assert result.ok, [p.message("en") for p in result.errors]
    return result.index


def read_front_matter(root: Path) -> dict[str, tuple[str, dict]]:
    """id -> (collection, front matter), read straight from the files, not through the loader."""
    found = {}
    for path in sorted(root.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        _, head, _ = text.split("---\n", 2)
        found[path.stem] = (path.parent.name, yaml.safe_load(head))
    return found


def as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def by_name(files) -> dict[str, bytes]:
    return {f.path: f.data for f in files}
