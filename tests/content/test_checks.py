"""Every rule of `qinqing check`: a bad file, and the message, file, line and key it must produce."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, item_with

from generator.content.loader import load_content
from tests.support.content import credit_code

POLICY = """---
title: 测试政策
department: jjgxj
published: 2025-03-01
issuer: 晋江市人民政府
level: local
signed: 2025-02-20
{extra}---
正文
"""


def problems_for(site_tree, overrides, today=TODAY):
    root = site_tree(overrides)
    result = load_content(root, today=today)
    return [(p.path, p.line, p.key, p.code, p.message("zh"), p.severity) for p in result.problems]


def only(problems, code):
    found = [p for p in problems if p[3] == code]
    assert found, f"expected a {code} problem, got {problems}"
    return found[0]


CASES = [
    # (id, overrides, code, path, line, key, words in the Chinese message)
    (
        "unknown key",
        {"policies/p-x.md": POLICY.format(extra="titel: 错字\n")},
        "extra_forbidden",
        "content/policies/p-x.md",
        8,
        "titel",
        "未知字段 titel",
    ),
    (
        "missing key",
        {"policies/p-x.md": POLICY.format(extra="").replace("issuer: 晋江市人民政府\n", "")},
        "missing",
        "content/policies/p-x.md",
        2,
        "issuer",
        "缺少必填字段 issuer",
    ),
    (
        "bad level",
        {"policies/p-x.md": POLICY.format(extra="").replace("level: local", "level: city")},
        "literal_error",
        "content/policies/p-x.md",
        6,
        "level",
        "city",
    ),
    (
        "bad date",
        {
            "policies/p-x.md": POLICY.format(extra="").replace(
                "published: 2025-03-01", "published: 2025-13-01"
            )
        },
        "qq_date",
        "content/policies/p-x.md",
        4,
        "published",
        "2025-03-31",
    ),
    (
        "signed after published",
        {
            "policies/p-x.md": POLICY.format(extra="").replace(
                "signed: 2025-02-20", "signed: 2025-04-20"
            )
        },
        "qq_signed_after_published",
        "content/policies/p-x.md",
        7,
        "signed",
        "成文日期不能晚于发布日期",
    ),
    (
        "expires before effective",
        {"policies/p-x.md": POLICY.format(extra="effective: 2025-04-01\nexpires: 2025-03-15\n")},
        "qq_expires_before_effective",
        "content/policies/p-x.md",
        9,
        "expires",
        "有效期至不能早于施行日期",
    ),
    (
        "doc number shape",
        {"policies/p-x.md": POLICY.format(extra="doc_number: 晋政规[2025]6号\n")},
        "qq_doc_number",
        "content/policies/p-x.md",
        8,
        "doc_number",
        "〔〕",
    ),
    (
        "duplicate doc number",
        {"policies/p-x.md": POLICY.format(extra="doc_number: 晋政规〔2025〕5号\n")},
        "duplicate_doc_number",
        "content/policies/p-x.md",
        8,
        "doc_number",
        "重复",
    ),
    (
        "unknown department",
        {
            "policies/p-x.md": POLICY.format(extra="").replace(
                "department: jjgxj", "department: nobody"
            )
        },
        "unknown_department",
        "content/policies/p-x.md",
        3,
        "department",
        "nobody",
    ),
    (
        "unknown industry",
        {"policies/p-x.md": POLICY.format(extra="industries: [textile, shoes]\n")},
        "unknown_industry",
        "content/policies/p-x.md",
        8,
        "industries[1]",
        "shoes",
    ),
    (
        "unknown topic",
        {"policies/p-x.md": POLICY.format(extra="topics: [green]\n")},
        "unknown_topic",
        "content/policies/p-x.md",
        8,
        "topics[0]",
        "green",
    ),
    (
        "dangling related",
        {"policies/p-x.md": POLICY.format(extra="related:\n  - base-policy\n  - no-such-item\n")},
        "dangling_ref",
        "content/policies/p-x.md",
        10,
        "related[1]",
        "no-such-item",
    ),
    (
        "repealed by a fund",
        {
            "policies/p-x.md": POLICY.format(
                extra="repealed:\n  date: 2025-06-01\n  by: digital-fund\n"
            )
        },
        "wrong_ref_type",
        "content/policies/p-x.md",
        10,
        "repealed.by",
        "资金项目",
    ),
    (
        "self reference",
        {"policies/p-x.md": POLICY.format(extra="related: [p-x]\n")},
        "self_ref",
        "content/policies/p-x.md",
        8,
        "related[0]",
        "不能引用自己",
    ),
    (
        "attachment missing",
        {
            "policies/p-x.md": POLICY.format(
                extra="attachments:\n  - title: 附件\n    file: attachments/none.pdf\n"
            )
        },
        "path_missing",
        "content/policies/p-x.md",
        10,
        "attachments[0].file",
        "attachments/none.pdf",
    ),
    (
        "attachment outside",
        {
            "policies/p-x.md": POLICY.format(
                extra="attachments:\n  - title: 附件\n    file: ../secret.txt\n"
            )
        },
        "path_outside",
        "content/policies/p-x.md",
        10,
        "attachments[0].file",
        "content/ 之外",
    ),
    (
        "attachment file and url",
        {
            "policies/p-x.md": POLICY.format(
                extra="attachments:\n  - title: 附件\n    file: a.pdf\n    url: https://x.cn/a.pdf\n"
            )
        },
        "qq_attachment_target",
        "content/policies/p-x.md",
        9,
        "attachments[0]",
        "只能填一个",
    ),
    (
        "summary too long",
        {"policies/p-x.md": POLICY.format(extra="summary: " + "长" * 301 + "\n")},
        "string_too_long",
        "content/policies/p-x.md",
        8,
        "summary",
        "300",
    ),
    (
        "withdrawn before published",
        {
            "policies/p-x.md": POLICY.format(
                extra="withdrawn:\n  date: 2024-01-01\n  reason: 错发\n"
            )
        },
        "date_before_published",
        "content/policies/p-x.md",
        9,
        "withdrawn.date",
        "早于发布日期",
    ),
    (
        "bad id",
        {"policies/Bad_Name.md": POLICY.format(extra="")},
        "bad_id",
        "content/policies/Bad_Name.md",
        1,
        "",
        "Bad_Name",
    ),
    (
        "duplicate id",
        {"guides/base-policy.md": item_with("guides/digital-guide.md")},
        "duplicate_id",
        "content/guides/base-policy.md",
        1,
        "",
        "base-policy",
    ),
    (
        "fund window",
        {"funds/digital-fund.md": item_with("funds/digital-fund.md", closes="2026-10-01")},
        "qq_closes_before_opens",
        "content/funds/digital-fund.md",
        None,
        "closes",
        "申报截止必须晚于申报开始",
    ),
    (
        "fund basis is a guide",
        {"funds/digital-fund.md": item_with("funds/digital-fund.md", basis=["digital-guide"])},
        "wrong_ref_type",
        "content/funds/digital-fund.md",
        ("basis", 1),
        "basis[0]",
        "政策文件",
    ),
    (
        "fund without eligibility",
        {"funds/digital-fund.md": item_with("funds/digital-fund.md", eligibility=[])},
        "too_short",
        "content/funds/digital-fund.md",
        None,
        "eligibility",
        "至少需要 1 项",
    ),
    (
        "rule op misfit",
        {
            "funds/digital-fund.md": item_with(
                "funds/digital-fund.md",
                eligibility=[{"text": "规模", "rule": {"field": "size", "op": ">=", "value": 3}}],
            )
        },
        "qq_rule_op",
        "content/funds/digital-fund.md",
        None,
        "eligibility[0].rule.op",
        "不能用运算 >=",
    ),
    (
        "rule unknown field",
        {
            "funds/digital-fund.md": item_with(
                "funds/digital-fund.md",
                eligibility=[{"text": "x", "rule": {"field": "profit", "op": ">=", "value": 3}}],
            )
        },
        "literal_error",
        "content/funds/digital-fund.md",
        None,
        "eligibility[0].rule.field",
        "profit",
    ),
    (
        "rule value type",
        {
            "funds/digital-fund.md": item_with(
                "funds/digital-fund.md",
                eligibility=[
                    {"text": "x", "rule": {"field": "employees", "op": ">=", "value": "很多"}}
                ],
            )
        },
        "qq_rule_value_number",
        "content/funds/digital-fund.md",
        None,
        "eligibility[0].rule.value",
        "数字",
    ),
    (
        "rule unknown industry",
        {
            "funds/digital-fund.md": item_with(
                "funds/digital-fund.md",
                eligibility=[
                    {"text": "x", "rule": {"field": "industry", "op": "in", "value": ["shoes"]}}
                ],
            )
        },
        "rule_unknown_industry",
        "content/funds/digital-fund.md",
        ("value", 1),
        "eligibility[0].rule.value[0]",
        "shoes",
    ),
    (
        "guide limits",
        {"guides/digital-guide.md": item_with("guides/digital-guide.md", promised_limit=30)},
        "qq_promised_over_legal",
        "content/guides/digital-guide.md",
        None,
        "promised_limit",
        "不能超过法定",
    ),
    (
        "guide fee",
        {"guides/digital-guide.md": item_with("guides/digital-guide.md", fee=50)},
        "qq_fee",
        "content/guides/digital-guide.md",
        None,
        "fee",
        "不收费",
    ),
    (
        "guide fee missing basis",
        {"guides/digital-guide.md": item_with("guides/digital-guide.md", fee={"amount": 50})},
        "missing",
        "content/guides/digital-guide.md",
        ("fee", 0),
        "fee.basis",
        "basis",
    ),
    (
        "guide review overdue",
        {"guides/digital-guide.md": item_with("guides/digital-guide.md", reviewed="2025-01-01")},
        "review_overdue",
        "content/guides/digital-guide.md",
        None,
        "reviewed",
        "未复核",
    ),
    (
        "publicity too short",
        {
            "announcements/digital-results.md": item_with(
                "announcements/digital-results.md",
                publicity={"start": "2026-11-20", "end": "2026-11-24"},
            )
        },
        "publicity_too_short",
        "content/announcements/digital-results.md",
        None,
        "publicity.end",
        "3 个工作日",
    ),
    (
        "credit code check",
        {
            "announcements/digital-results.md": item_with(
                "announcements/digital-results.md",
                recipients=[
                    {
                        "name": "甲",
                        "credit_code": credit_code(1)[:17]
                        + ("0" if credit_code(1)[17] != "0" else "1"),
                        "amount": 1,
                    }
                ],
            )
        },
        "qq_credit_code_check",
        "content/announcements/digital-results.md",
        None,
        "recipients[0].credit_code",
        "校验位不正确",
    ),
    (
        "credit code length",
        {
            "announcements/digital-results.md": item_with(
                "announcements/digital-results.md",
                recipients=[{"name": "甲", "credit_code": "9135", "amount": 1}],
            )
        },
        "qq_credit_code_length",
        "content/announcements/digital-results.md",
        None,
        "recipients[0].credit_code",
        "18 位",
    ),
    (
        "over budget",
        {
            "announcements/digital-results.md": item_with(
                "announcements/digital-results.md",
                recipients=[
                    {"name": f"企业{i}", "credit_code": credit_code(i), "amount": 200000}
                    for i in range(6)
                ],
            )
        },
        "budget_exceeded",
        "content/announcements/digital-results.md",
        None,
        "recipients",
        "超过资金项目",
    ),
    (
        "over max amount",
        {
            "announcements/digital-results.md": item_with(
                "announcements/digital-results.md",
                recipients=[{"name": "甲", "credit_code": credit_code(1), "amount": 300000}],
            )
        },
        "over_max_amount",
        "content/announcements/digital-results.md",
        None,
        "recipients[0].amount",
        "最高金额",
    ),
    (
        "announcement of a policy",
        {
            "announcements/digital-results.md": item_with(
                "announcements/digital-results.md", fund="base-policy"
            )
        },
        "wrong_ref_type",
        "content/announcements/digital-results.md",
        None,
        "fund",
        "资金项目",
    ),
]


def line_of(root: Path, rel: str, key: str, offset: int = 0) -> int:
    """The line of a key (plus `offset` lines), found in the file text of a generated fixture."""
    leaf = key.split(".")[-1].split("[")[0]
    lines = (root.parent / rel).read_text(encoding="utf-8").split("\n")
    return offset + next(
        i for i, line in enumerate(lines, 1) if line.lstrip(" -").startswith(f"{leaf}:")
    )


@pytest.mark.parametrize(
    "overrides,code,path,line,key,words", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule(site_tree, overrides, code, path, line, key, words):
    root = site_tree(overrides)
    result = load_content(root, today=TODAY)
    found = [p for p in result.problems if p.code == code]
    assert found, f"expected {code}, got {[(p.path, p.line, p.code) for p in result.problems]}"
    problem = found[0]
    assert problem.path == path
    assert problem.key == key
    assert words in problem.message("zh")
    if isinstance(line, tuple):
        expected_line = line_of(root, path, line[0], line[1])
    else:
        expected_line = line if line is not None else line_of(root, path, key)
    assert problem.line == expected_line
    assert problem.message("en") != problem.message("zh")


def test_valid_fixture_site_is_clean(site_tree):
    result = load_content(site_tree(), today=TODAY)
    assert result.problems == []
    assert result.ok


def test_csv_recipient_errors_point_at_csv_line(site_tree):
    good = credit_code(7)
    csv_text = (
        "name,credit_code,amount,project\n"
        f"甲公司,{good},1000,项目\n"
        "乙公司,91350582MA0000000X,abc,项目\n"
    )
    overrides = {
        "attachments/list.csv": csv_text,
        "announcements/digital-results.md": item_with(
            "announcements/digital-results.md", recipients="attachments/list.csv"
        ),
    }
    root = site_tree(overrides)
    problems = load_content(root, today=TODAY).problems
    csv_problems = [p for p in problems if p.path == "content/attachments/list.csv"]
    assert {p.line for p in csv_problems} == {3}
    assert {p.key for p in csv_problems} == {"credit_code", "amount"}


def test_csv_bad_header_and_width(site_tree):
    overrides = {
        "attachments/list.csv": "企业,代码\n甲,1\n",
        "announcements/digital-results.md": item_with(
            "announcements/digital-results.md", recipients="attachments/list.csv"
        ),
    }
    problems = load_content(site_tree(overrides), today=TODAY).problems
    header = [p for p in problems if p.code == "csv_header"]
    assert header and header[0].line == 1 and header[0].path == "content/attachments/list.csv"


def test_csv_recipient_list_missing(site_tree):
    overrides = {
        "announcements/digital-results.md": item_with(
            "announcements/digital-results.md", recipients="attachments/none.csv"
        )
    }
    problems = load_content(site_tree(overrides), today=TODAY).problems
    assert any(p.code == "path_missing" and p.key == "recipients" for p in problems)


def test_site_yaml_errors_point_into_site_yaml(site_tree):
    overrides = {
        "site.yaml": "title: 测试\nbase_url: not a url\ndepartments:\n  jjgxj: {name: 局}\ntimezone: Mars/Base\n"
    }
    problems = load_content(site_tree(overrides), today=TODAY).problems
    by_key = {p.key: p for p in problems}
    assert by_key["base_url"].line == 2 and by_key["base_url"].path == "content/site.yaml"
    assert by_key["timezone"].line == 5 and "Mars/Base" in by_key["timezone"].message()


def test_unknown_folder_and_non_markdown_are_warnings(site_tree):
    problems = load_content(
        site_tree({"fund/x.md": "x", "funds/notes.txt": "x"}), today=TODAY
    ).problems
    codes = {(p.code, p.severity) for p in problems}
    assert ("unknown_folder", "warning") in codes and ("not_markdown", "warning") in codes
