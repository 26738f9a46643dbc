"""A small content tree with funds whose rules cover every field, written into a folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

TODAY = dt.date(2025, 6, 10)

SITE = """\
title: 测试站点
base_url: https://example.gov.cn/
timezone: Asia/Shanghai
departments:
  jjgxj:
    name: 晋江市工业和信息化局
industries:
  textile:
    name: 纺织服装
  footwear:
    name: 制鞋
  food:
    name: 食品饮料
topics: {}
"""

POLICY = """\
---
title: 关于支持制造业高质量发展的若干措施
department: jjgxj
published: 2025-01-02
issuer: 晋江市人民政府
level: local
signed: 2024-12-30
---
正文。
"""

# open on TODAY, every condition has a rule
FUND_OPEN = """\
---
title: 技术改造补助
department: jjgxj
published: 2025-05-01
basis: [manufacturing-2025]
opens: 2025-06-01
closes: 2025-06-30
funding: 按设备投资额的10%补助
apply: {url: "https://hq.example.gov.cn/tech-upgrade-2025", note: 登录惠企平台申报}
eligibility:
  - text: 注册地在晋江市
    rule: {field: registered_in, op: in, value: [晋江市]}
  - text: 属于纺织服装或制鞋行业
    rule: {field: industry, op: in, value: [textile, footwear]}
  - text: 非大型企业
    rule: {field: size, op: not_in, value: [large]}
  - text: 年营业收入不低于2000万元
    rule: {field: annual_revenue, op: ">=", value: 20000000}
  - text: 从业人数不超过1000人
    rule: {field: employees, op: "<=", value: 1000}
  - text: 研发投入占比不低于3%
    rule: {field: rd_ratio, op: ">=", value: 3}
  - text: 成立满2年
    rule: {field: years_established, op: ">=", value: 2}
  - text: 不是失信企业
    rule: {field: qualifications, op: not_in, value: [失信企业]}
---
"""

# opens after TODAY; one condition has no rule
FUND_UPCOMING = """\
---
title: 专精特新奖励
department: jjgxj
published: 2025-05-20
basis: [manufacturing-2025]
opens: 2025-07-01
closes: 2025-07-31 17:00
funding: 一次性奖励
eligibility:
  - text: 已认定为专精特新企业
    rule: {field: qualifications, op: has, value: 专精特新}
  - text: 认定文件在有效期内
---
"""

# closed before TODAY
FUND_CLOSED = """\
---
title: 高新技术企业奖励
department: jjgxj
published: 2025-02-01
basis: [manufacturing-2025]
opens: 2025-02-10
closes: 2025-03-31
funding: 奖励20万元
eligibility:
  - text: 持有高新技术企业或科技型中小企业资质
    rule: {field: qualifications, op: in, value: [高新技术企业, 科技型中小企业]}
---
"""

FUND_WITHDRAWN = """\
---
title: 已撤回的项目
department: jjgxj
published: 2025-05-02
basis: [manufacturing-2025]
opens: 2025-06-01
closes: 2025-06-30
funding: 无
withdrawn: {date: 2025-05-10, reason: 重复发布}
eligibility:
  - text: 任何企业
---
"""


def write_content(root: Path, funds: dict[str, str] | None = None) -> Path:
    content = root / "content"
    (content / "policies").mkdir(parents=True)
    (content / "funds").mkdir()
    (content / "site.yaml").write_text(SITE, encoding="utf-8")
    (content / "policies" / "manufacturing-2025.md").write_text(POLICY, encoding="utf-8")
    funds = funds or {
        "tech-upgrade-2025": FUND_OPEN,
        "specialized-2025": FUND_UPCOMING,
        "high-tech-2025": FUND_CLOSED,
        "withdrawn-2025": FUND_WITHDRAWN,
    }
    for name, text in funds.items():
        (content / "funds" / f"{name}.md").write_text(text, encoding="utf-8")
    return content
