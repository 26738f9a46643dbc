"""Write a new item file holding every key of its collection, each explained in Chinese.

What the editor must write is a placeholder (generator/content/placeholders.py): `check` refuses
the file until each one is replaced.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from generator.content.placeholders import PLACEHOLDER_URL, placeholder
from generator.models.items import COLLECTIONS

_COMMON = {
    "title": placeholder("完整标题"),
    "department": "jjgxj",
    "published": "{today}",
    "updated": "{today}",
    "changes": [{"date": "{today}", "note": "调整申报材料清单", "major": True}],
    "summary": placeholder("不超过 300 字的摘要，显示在列表和订阅中"),
    "industries": ["textile"],
    "topics": ["digital"],
    "attachments": [{"title": "附件1 申报表", "file": "attachments/example.docx"}],
    "related": ["another-item-id"],
    "withdrawn": {"date": "{today}", "reason": placeholder("撤回原因")},
    "extra": {"any_key": "不做检查的自定义内容"},
}

_EXAMPLES: dict[str, dict[str, Any]] = {
    "policies": {
        "doc_number": "晋政规〔2025〕5号",
        "index_number": "11350582003xxxxxx/2025-00012",
        "registration_number": "HHCR-2025-01005",
        "issuer": placeholder("发文机关，如 晋江市人民政府"),
        "level": "local",
        "signed": "{today}",
        "effective": "{today}",
        "expires": "2030-12-31",
        "repealed": {"date": "{today}", "by": "replacing-policy-id"},
        "amends": ["amended-policy-id"],
        "interpretation": placeholder("政策解读，可用 Markdown"),
    },
    "funds": {
        "basis": ["policy-id"],
        "opens": "{today}",
        "closes": "{today}",
        "funding": placeholder("资助标准，如 按设备投资额的10%给予补助"),
        "max_amount": 500000,
        "budget": 5000000,
        "eligibility": [
            {
                "text": placeholder("申报条件，如 在晋江市内注册的工业企业"),
                "rule": {"field": "registered_in", "op": "in", "value": ["晋江市"]},
            },
            {
                "text": placeholder("申报条件，如 上年度研发投入占营业收入比例不低于3%"),
                "rule": {"field": "rd_ratio", "op": ">=", "value": 3},
            },
        ],
        "exclusions": ["近三年发生重大安全生产事故的"],
        "delivery": {"mode": "apply", "days": 20},
        "materials": [{"name": "申报表", "required": True, "template": "attachments/example.docx"}],
        "process": ["企业网上申报", "主管部门审核", "结果公示", "资金拨付"],
        "apply": {
            "url": "https://hqpt.example.gov.cn/funds/fund-id",
            "note": "登录惠企政策服务平台在线填报；只线下受理时删去 url，写明受理窗口",
        },
        "guide": "guide-id",
        "contact": {
            "name": "企业科",
            "phone": placeholder("联系电话"),
            "email": placeholder("电子邮箱"),
            "address": placeholder("地址"),
        },
    },
    "guides": {
        "service_code": "350582-000-00-00",
        "audience": placeholder("服务对象，如 晋江市内注册的工业企业"),
        "basis": ["policy-id", placeholder("《文件名称》")],
        "conditions": [placeholder("办理条件")],
        "materials": [{"name": "申请表", "original": True, "copies": 1, "required": True}],
        "steps": [
            {"name": "申请", "text": placeholder("这一步做什么")},
            {"name": "办结", "text": placeholder("结果如何送达")},
        ],
        "legal_limit": 20,
        "promised_limit": 10,
        "fee": 0,
        "where": {
            "address": placeholder("地址"),
            "hours": "工作日 8:30-12:00，14:30-17:30",
            "phone": placeholder("联系电话"),
            "online_url": PLACEHOLDER_URL,
        },
        "visits": 0,
        "faq": [{"q": placeholder("问题"), "a": placeholder("解答")}],
        "reviewed": "{today}",
    },
    "announcements": {
        "fund": "fund-id",
        "publicity": {"start": "{today}", "end": "{today}"},
        "objections": {
            "phone": placeholder("异议受理电话"),
            "email": placeholder("电子邮箱"),
            "address": placeholder("地址"),
        },
        "recipients": [
            {
                "name": placeholder("企业全称"),
                "credit_code": "91350582MA00000000",
                "amount": 100000,
                "project": placeholder("项目名称"),
            }
        ],
        "outcome": placeholder("公示期满后填写异议处理结果"),
    },
    "consultations": {
        "opens": "{today}",
        "closes": "{today}",
        "draft": "attachments/example.docx",
        "explanation": placeholder("起草说明：起草背景、主要内容和依据，可用 Markdown"),
        "ways": [
            placeholder("如 电子邮件：qyk@example.gov.cn；座谈会：12月10日下午，局三楼会议室")
        ],
        "adopted_as": "policy-id",
        "feedback": {
            "date": "{today}",
            "received": 0,
            "adopted": 0,
            "partly": 0,
            "declined": 0,
            "text": placeholder("征求意见结束后填写：采纳情况和未采纳的理由"),
        },
    },
}


def _dump(key: str, value: Any) -> str:
    return yaml.safe_dump(
        {key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False
    ).rstrip()


def render_new_item(collection: str, item_id: str, today: dt.date) -> str:
    model = COLLECTIONS[collection]
    examples = {**_COMMON, **_EXAMPLES[collection]}
    lines = [
        "---",
        f"# 新建条目 {item_id}：# 开头的行是说明，可删除；未用到的可选字段保持注释即可。",
    ]
    for name, info in model.model_fields.items():
        required = info.is_required()
        lines.append(f"# {info.title}（{'必填' if required else '可选'}）：{info.description}")
        block = (
            _dump(name, examples[name])
            .replace("'{today}'", today.isoformat())
            .replace("{today}", today.isoformat())
        )
        lines += block.split("\n") if required else [f"# {line}" for line in block.split("\n")]
    lines += ["---", "", placeholder("正文：用 Markdown 书写，## 开头为小标题。"), ""]
    return "\n".join(lines)
