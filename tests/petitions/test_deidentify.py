"""The 答复选登 safety net on its own: what it finds, what it lets pass."""

from __future__ import annotations

import pytest

from generator.petitions.deidentify import name_forms, personal_data_found
from tests.support.content import credit_code


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("晋江市某某鞋业有限公司", ["晋江市某某鞋业有限公司", "某某鞋业"]),
        (
            "福建省晋江市安踏体育用品股份有限公司",
            ["福建省晋江市安踏体育用品股份有限公司", "安踏体育用品"],
        ),
        ("恒安集团", ["恒安集团", "恒安"]),
        ("甲", []),
        ("", []),
    ],
)
def test_name_forms(name, forms):
    assert name_forms(name) == forms


@pytest.mark.parametrize(
    "text",
    [
        "资金 1000000 元已于 2026年11月26日 拨付，文号晋工信〔2026〕12号。",
        "申报截止日期为 2026-12-31，共 13 个工作日。",
        "请致电 0595-85682301 或发邮件至 gxj@jjgxj.example.gov.cn 咨询。",  # the department's own
        "企业可登录 https://qinqing.example.gov.cn/funds/ 查看。",
    ],
)
def test_ordinary_answers_pass(text):
    allowed = ["0595-85682301", "gxj@jjgxj.example.gov.cn"]
    assert personal_data_found(text, enterprise="晋江市某某鞋业有限公司", allowed=allowed) == []


def test_everything_found_is_named():
    code = credit_code(99)
    text = f"王总经理（+86 139-0595-1234，wang@shoes.cn，代码 {code}）反映某某鞋业的问题。"
    found = personal_data_found(text, enterprise="晋江市某某鞋业有限公司", contact_name="王强")
    assert found == [
        "手机号码“+86 139-0595-1234”",
        "电子邮箱“wang@shoes.cn”",
        f"统一社会信用代码“{code}”",
        "企业名称“某某鞋业”",
        "联系人称呼“王总经理”",
    ]


def test_the_scan_is_linear_on_hostile_text():
    import time

    text = "1" * 50_000 + "@" + "a." * 25_000 + "省" * 10_000
    start = time.process_time()
    personal_data_found(text, enterprise="省" * 100, contact_name="省省")
    assert time.process_time() - start < 1.0
