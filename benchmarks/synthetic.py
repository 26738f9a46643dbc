"""Write N synthetic, valid content items (all four collections) for benchmarks.

Usage as a module: `write_synthetic_content(root, n)` -> the content folder.
From the shell: `python benchmarks/synthetic.py N DIR`.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.credit_code import ALPHABET, check_character  # noqa: E402

SITE = {
    "title": "合成测试站点",
    "base_url": "https://bench.example.gov.cn/",
    "departments": {
        "jjgxj": {"name": "晋江市工业和信息化局", "phone": "0595-00000001"},
        "jjczj": {"name": "晋江市财政局", "phone": "0595-00000002"},
        "jjkjj": {"name": "晋江市科学技术局", "phone": "0595-00000003"},
    },
    "industries": {
        code: {"name": name}
        for code, name in [
            ("textile", "纺织服装"),
            ("footwear", "制鞋"),
            ("food", "食品饮料"),
            ("equipment", "装备制造"),
        ]
    },
    "topics": {
        code: {"name": name}
        for code, name in [
            ("digital", "数字化转型"),
            ("green", "绿色低碳"),
            ("specialized", "专精特新"),
            ("talent", "人才"),
        ]
    },
}

PHRASES = [
    "为深入实施创新驱动发展战略，推动制造业高质量发展，",
    "支持企业开展智能化改造和数字化转型，提升全要素生产率，",
    "对符合条件的规模以上工业企业给予一次性奖励，",
    "鼓励企业加大研发投入，培育专精特新中小企业，",
    "加快绿色工厂和绿色供应链建设，降低单位产值能耗，",
    "优化营商环境，构建亲清新型政商关系，做到有求必应、无事不扰。",
    "申报企业应当对材料的真实性负责，弄虚作假的取消资格并收回资金。",
]


def _body(rng: random.Random, paragraphs: int = 8) -> str:
    parts = []
    for n in range(paragraphs):
        parts.append(f"## {'一二三四五六七八九十'[n % 10]}、第{n + 1}部分\n")
        parts.append("".join(rng.choice(PHRASES) for _ in range(6)) + "\n")
    return "\n".join(parts)


def _credit_code(rng: random.Random) -> str:
    first = "91350582" + "".join(rng.choice(ALPHABET) for _ in range(9))
    return first + check_character(first)


class _PlainDumper(yaml.SafeDumper):
    """Editors write no anchors; PyYAML would anchor a date object used twice."""

    def ignore_aliases(self, data):
        return True


def _write(path: Path, data: dict, body: str) -> None:
    path.write_text(
        "---\n"
        + yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)
        + "---\n"
        + body,
        encoding="utf-8",
    )


def write_synthetic_content(
    root: Path, n: int, seed: int = 0, today: dt.date = dt.date(2026, 11, 26)
) -> Path:
    """n items, about 40% policies, 20% funds, 20% guides, 20% announcements; all valid."""
    rng = random.Random(seed)
    shutil.rmtree(root, ignore_errors=True)
    for folder in ("policies", "funds", "guides", "announcements"):
        (root / folder).mkdir(parents=True)
    (root / "site.yaml").write_text(yaml.safe_dump(SITE, allow_unicode=True), encoding="utf-8")
    departments, industries, topics = (
        list(SITE["departments"]),
        list(SITE["industries"]),
        list(SITE["topics"]),
    )
    n_policies = max(1, n * 2 // 5)
    n_funds = max(1, n // 5)
    n_guides = max(1, n // 5)
    n_notices = max(0, n - n_policies - n_funds - n_guides)
    for i in range(n_policies):
        published = today - dt.timedelta(days=rng.randint(0, 3000))
        _write(
            root / "policies" / f"policy-{i:05d}.md",
            {
                "title": f"关于推动产业高质量发展的若干措施（第{i}号）",
                "department": rng.choice(departments),
                "published": published,
                "doc_number": f"晋政规〔{published.year}〕{i}号",
                "issuer": "晋江市人民政府",
                "level": rng.choice(["national", "provincial", "municipal", "local"]),
                "signed": published - dt.timedelta(days=5),
                "industries": rng.sample(industries, 2),
                "topics": rng.sample(topics, 1),
                "summary": "".join(rng.choice(PHRASES) for _ in range(2))[:300],
            },
            _body(rng),
        )
    for i in range(n_guides):
        _write(
            root / "guides" / f"guide-{i:05d}.md",
            {
                "title": f"专项资金申报办事指南（第{i}号）",
                "department": rng.choice(departments),
                "published": today - dt.timedelta(days=rng.randint(0, 700)),
                "audience": "晋江市内注册的工业企业",
                "basis": [f"policy-{rng.randrange(n_policies):05d}"],
                "steps": [
                    {"name": "申请", "text": "网上提交材料"},
                    {"name": "办结", "text": "审核通过后办结"},
                ],
                "legal_limit": 20,
                "promised_limit": 10,
                "reviewed": today - dt.timedelta(days=rng.randint(0, 300)),
            },
            _body(rng, 3),
        )
    for i in range(n_funds):
        opens = today + dt.timedelta(days=rng.randint(-200, 60))
        _write(
            root / "funds" / f"fund-{i:05d}.md",
            {
                "title": f"工业企业技术改造专项资金申报（第{i}批）",
                "department": rng.choice(departments),
                "published": opens - dt.timedelta(days=3),
                "basis": [f"policy-{rng.randrange(n_policies):05d}"],
                "opens": opens,
                "closes": opens + dt.timedelta(days=rng.randint(20, 90)),
                "funding": "按设备投资额的10%给予补助",
                "max_amount": 500000,
                "budget": 100000000,
                "eligibility": [
                    {
                        "text": "在晋江市注册",
                        "rule": {"field": "registered_in", "op": "in", "value": ["晋江市"]},
                    },
                    {
                        "text": "研发投入占比不低于3%",
                        "rule": {"field": "rd_ratio", "op": ">=", "value": 3},
                    },
                ],
                "guide": f"guide-{rng.randrange(n_guides):05d}",
                "industries": rng.sample(industries, 1),
            },
            _body(rng, 4),
        )
    for i in range(n_notices):
        start = today - dt.timedelta(days=rng.randint(0, 400))
        _write(
            root / "announcements" / f"notice-{i:05d}.md",
            {
                "title": f"专项资金拟支持名单公示（第{i}批）",
                "department": rng.choice(departments),
                "published": start,
                "fund": f"fund-{rng.randrange(n_funds):05d}",
                "publicity": {"start": start, "end": start + dt.timedelta(days=16)},
                "objections": {"phone": "0595-00000001", "address": "晋江市行政中心"},
                "recipients": [
                    {
                        "name": f"晋江市合成{i}号{j}鞋业有限公司",
                        "credit_code": _credit_code(rng),
                        "amount": 10000 * (j + 1),
                        "project": "智能化改造",
                    }
                    for j in range(rng.randint(3, 12))
                ],
            },
            _body(rng, 2),
        )
    return root


if __name__ == "__main__":
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    write_synthetic_content(target, count)
    print(f"wrote {count} items into {target}")
