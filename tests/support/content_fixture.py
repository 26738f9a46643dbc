"""A small content tree with one item of every interesting kind, written into a temp folder."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from generator.credit_code import check_character

TODAY = "2026-11-26"
HOSTILE_TITLE = '关于<script>alert("x")</script>的"通知"&说明'
HOSTILE_BODY = "正文里有 <img src=x onerror=alert(1)> 标签。\n\n`<code>` 保持原样。"
RECIPIENTS = [
    ("晋江市甲纺织有限公司", "913505820000000A1", Decimal("120000.50"), "设备改造"),
    ("晋江市乙鞋业有限公司", "913505820000000B2", Decimal("80000"), "数字化"),
    ("晋江市<丙>食品有限公司", "913505820000000C3", Decimal("45500.25"), None),
]

SITE = {
    "title": "测试市工信局 政策公开",
    "base_url": "https://example.gov.cn/",
    "description": "测试站点",
    "departments": {
        "gxj": {"name": "测试市工业和信息化局", "short_name": "工信局", "phone": "0595-1111111"},
        "czj": {"name": "测试市财政局", "phone": "0595-2222222"},
    },
    "supervision": {"name": "测试市纪检组", "phone": "0595-9999999"},
    "industries": {"textile": {"name": "纺织服装"}, "food": {"name": "食品饮料"}},
    "topics": {"digital": {"name": "数字化转型"}, "smes": {"name": "中小企业"}},
}

ITEMS: dict[str, dict] = {
    "policies/policy-current.md": {
        "title": "测试市支持数字化转型的若干措施",
        "department": "gxj",
        "published": "2025-03-01",
        "doc_number": "测政规〔2025〕5号",
        "issuer": "测试市人民政府",
        "level": "local",
        "signed": "2025-02-20",
        "effective": "2025-03-01",
        "industries": ["textile"],
        "topics": ["digital"],
        "interpretation": "本措施的**要点**是补助数字化改造。",
        "attachments": [{"title": "政策原文", "file": "attachments/policy.pdf"}],
        "changes": [{"date": "2025-06-01", "note": "更正附件"}],
        "body": "## 一、总则\n\n支持企业数字化改造。",
    },
    "policies/policy-old.md": {
        "title": "测试市原数字化措施",
        "department": "gxj",
        "published": "2020-01-10",
        "doc_number": "测政规〔2020〕1号",
        "issuer": "测试市人民政府",
        "level": "local",
        "signed": "2020-01-05",
        "repealed": {"date": "2025-03-01", "by": "policy-current"},
        "topics": ["digital"],
        "body": "旧措施正文。",
    },
    "policies/policy-hostile.md": {
        "title": HOSTILE_TITLE,
        "department": "czj",
        "published": "2024-05-01",
        "issuer": "测试市财政局",
        "level": "municipal",
        "signed": "2024-04-28",
        "summary": '摘要含 "引号" 与 <b>标签</b>',
        "body": HOSTILE_BODY,
    },
    "funds/fund-open.md": {
        "title": "2026年数字化改造补助申报",
        "department": "gxj",
        "published": "2026-11-01",
        "basis": ["policy-current"],
        "opens": "2026-11-01",
        "closes": "2026-12-31",
        "funding": "按投资额的10%补助",
        "max_amount": 2000000,
        "eligibility": [{"text": "在测试市注册的工业企业"}],
        "delivery": {"mode": "apply", "days": 30},
        "materials": [{"name": "申报表", "template": "attachments/form.pdf"}, {"name": "发票"}],
        "apply": {"url": "https://hq.example.gov.cn/fund-open", "note": "登录测试市惠企平台申报"},
        "guide": "guide-apply",
        "industries": ["textile"],
        "topics": ["digital"],
        "body": "申报说明。",
    },
    "funds/fund-closed.md": {
        "title": "2025年数字化改造补助申报",
        "department": "gxj",
        "published": "2025-04-01",
        "basis": ["policy-current"],
        "opens": "2025-04-01",
        "closes": "2025-05-31",
        "funding": "按投资额的8%补助",
        "budget": 5000000,
        "eligibility": [{"text": "规模以上工业企业"}],
        "delivery": {"mode": "automatic"},
        "apply": {"note": "到测试市行政服务中心窗口办理"},
        "topics": ["digital", "smes"],
        "body": "",
    },
    "funds/fund-withdrawn.md": {
        "title": "已撤回的测试资金项目",
        "department": "czj",
        "published": "2026-10-01",
        "basis": ["policy-current"],
        "opens": "2026-10-01",
        "closes": "2026-12-01",
        "funding": "定额补助",
        "eligibility": [{"text": "任何企业"}],
        "withdrawn": {"date": "2026-10-10", "reason": "政策调整，另行发布"},
        "body": "",
    },
    "guides/guide-apply.md": {
        "title": "数字化改造补助申请指南",
        "department": "gxj",
        "published": "2026-01-05",
        "audience": "测试市工业企业",
        "basis": ["policy-current", "《测试条例》"],
        "steps": [{"name": "申请", "text": "网上提交"}, {"name": "审核", "text": "10个工作日"}],
        "legal_limit": 20,
        "promised_limit": 10,
        "reviewed": "2026-06-01",
        "body": "指南说明。",
    },
    "announcements/notice-publicity.md": {
        "title": "2026年数字化改造补助拟支持名单公示",
        "department": "gxj",
        "published": "2026-11-20",
        "fund": "fund-closed",
        "publicity": {"start": "2026-11-20", "end": "2026-12-02"},
        "objections": {"phone": "0595-3333333", "address": "测试市行政中心"},
        "recipients": "RECIPIENTS",
        "body": "",
    },
    "consultations/consultation-open.md": {
        "title": "关于《测试市数字化改造补助办法（征求意见稿）》公开征求意见的公告",
        "department": "gxj",
        "published": "2026-11-20",
        "opens": "2026-11-20",
        "closes": "2026-12-20",
        "explanation": "起草的**背景**和主要内容。",
        "ways": ["电子邮件：test@example.gov.cn"],
        "topics": ["digital"],
        "body": "**第一条** 测试条款。",
    },
    "announcements/notice-ended.md": {
        "title": "2024年测试补助名单公示",
        "department": "czj",
        "published": "2024-07-01",
        "publicity": {"start": "2024-07-01", "end": "2024-07-10"},
        "objections": {"phone": "0595-3333333", "address": "测试市行政中心"},
        "recipients": [],
        "body": "",
    },
}


def credit_code(stem17: str) -> str:
    return stem17 + check_character(stem17)


def recipients() -> list[dict]:
    return [
        {
            "name": name,
            "credit_code": credit_code(code),
            "amount": str(amount),
            **({"project": project} if project else {}),
        }
        for name, code, amount, project in RECIPIENTS
    ]


def write_content(root: Path) -> Path:
    """Write site.yaml and the items above under `root/content`; return that folder."""
    content = root / "content"
    content.mkdir(parents=True)
    (content / "site.yaml").write_text(yaml.safe_dump(SITE, allow_unicode=True), encoding="utf-8")
    (content / "attachments").mkdir()
    (content / "attachments" / "policy.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 12_000)
    (content / "attachments" / "form.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 2_000)
    for rel, fields in ITEMS.items():
        fields = dict(fields)
        body = fields.pop("body")
        if fields.get("recipients") == "RECIPIENTS":
            fields["recipients"] = recipients()
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
    return content


def write_mkdocs_config(root: Path, content: Path, *, search: bool = True) -> Path:
    """The repository's mkdocs.yml, pointed at the temp content and the repo's theme overrides
    (`search=False`: the plugin builds no search index)."""
    repo = Path(__file__).resolve().parents[2]
    text = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(
        "docs_dir: site_overrides/docs", f"docs_dir: {repo / 'site_overrides/docs'}"
    )
    text = text.replace("custom_dir: site_overrides", f"custom_dir: {repo / 'site_overrides'}")
    options = f"content_dir: {content}" + ("" if search else "\n      search: false")
    text = text.replace("content_dir: content", options)
    config = root / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config
