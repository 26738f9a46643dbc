"""Validation errors: one union member's errors only, each at the line of the key it is about."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import TODAY, item_with

from generator.content.loader import load_content
from generator.content.sources import Document
from generator.content.validation import problems_from_errors, validate
from generator.content.yamldoc import parse_yaml
from generator.models.announcements import Announcement
from tests.support.content import credit_code

PLAIN = Path(__file__).parent / "fixtures" / "plain" / "content"
RESULTS = "announcements/digital-results.md"


def codes(problems) -> list[tuple[str, str]]:
    return [(p.code, p.key) for p in problems]


def test_site_in_the_specs_plain_forms_checks_clean(tmp_path: Path):
    root = tmp_path / "content"
    shutil.copytree(PLAIN, root)
    result = load_content(root, today=TODAY)
    assert result.problems == []
    site = result.index.site
    assert site.industries["textile"].name == "纺织服装"
    assert site.departments["jjsw"].phone == "059585600000"
    recipients = result.index.items["digital-results"].recipients
    assert recipients[0].credit_code == "913505821684585277"
    guide = result.index.items["digital-guide"].data
    assert (guide.where.phone, guide.where.hours, guide.service_code) == (
        "02161234567",
        "8:30",
        "350582000000001",
    )
    rule = result.index.items["digital-fund"].data.eligibility[0].rule
    assert rule.value == ["350582"]


def test_one_bad_inline_recipient_reports_only_the_list_form(site_tree):
    recipients = [
        {"name": "甲公司", "credit_code": credit_code(1), "amount": 1},
        {"name": "乙公司", "credit_code": "91350582MA00000010", "amount": 1},
        "丙公司",
    ]
    root = site_tree({RESULTS: item_with(RESULTS, recipients=recipients)})
    problems = load_content(root, today=TODAY).problems
    assert codes(problems) == [
        ("qq_credit_code_check", "recipients[1].credit_code"),
        ("model_type", "recipients[2]"),
    ]


def test_a_csv_path_reports_only_the_path_form(site_tree):
    root = site_tree({RESULTS: item_with(RESULTS, recipients="attachments/none.csv")})
    problems = load_content(root, today=TODAY).problems
    assert codes(problems) == [("path_missing", "recipients")]


def test_a_mapping_where_a_list_or_path_belongs_is_one_error(site_tree):
    root = site_tree({RESULTS: item_with(RESULTS, recipients={"name": "甲公司"})})
    problems = load_content(root, today=TODAY).problems
    assert codes(problems) == [("qq_recipients_form", "recipients")]
    assert "实际为一组“键: 值”" in problems[0].message()


def test_fee_forms(site_tree):
    guide = "guides/digital-guide.md"
    for fee, expected in [
        ({"amount": 10}, [("missing", "fee.basis")]),
        (5, [("qq_fee", "fee")]),
        ("免费", [("qq_fee", "fee")]),
        ({"amount": 10, "basis": "收费文件"}, []),
    ]:
        root = site_tree({guide: item_with(guide, fee=fee)})
        problems = load_content(root, today=TODAY).problems
        assert codes(p for p in problems if p.path.endswith(guide)) == expected, fee


def test_attachment_url_error_points_at_the_url_line():
    text = "title: 通知\nattachments:\n  - title: 附件\n    url: javascript:alert(1)\n"
    data, positions, _ = parse_yaml(text, "x.md", line_offset=1)
    model, problems = validate(Announcement, Document("x.md", data, positions))
    url = [p for p in problems if p.code == "qq_url"]
    assert [(p.line, p.column, p.key) for p in url] == [(5, 10, "attachments[0].url")]


def test_errors_without_a_model_still_render():
    data, positions, _ = parse_yaml("a: 1", "x.csv")
    raw = [{"type": "string_type", "loc": ("a",), "input": 1, "msg": "Input should be a string"}]
    (problem,) = problems_from_errors(raw, Document("x.csv", data, positions))
    assert problem.message() == "应为文字，实际为“1”"
