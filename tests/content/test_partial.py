"""Partial views: what validated of a failed mapping reaches the site-wide checks, nothing that failed."""

from __future__ import annotations

import datetime as dt

import yaml
from conftest import SITE, TODAY, item_with

from generator.cli.main import main
from generator.content.loader import load_content
from generator.content.partial import empty_view, partial_view
from generator.models.announcements import Announcement
from generator.models.funds import Fund
from generator.models.site import SiteConfig

FUND = {
    "title": "资金",
    "department": "jjgxj",
    "published": "2026-11-01",
    "basis": ["base-policy"],
    "opens": "2026-11-01",
    "closes": "2026-10-01",  # before opens: fails
    "funding": "补助",
    "eligibility": [
        {"text": "甲"},
        {"text": "乙", "rule": {"field": "size", "op": ">="}},
        {"text": "丙"},
    ],
}


def test_a_failed_value_is_left_out_and_the_rest_kept():
    view = partial_view(Fund, FUND)
    assert isinstance(view.data, Fund)
    assert view.data.closes is None and view.data.basis == ["base-policy"]
    assert view.data.published == dt.date(2026, 11, 1)


def test_a_failed_list_entry_is_left_out_alone_and_the_file_index_kept():
    view = partial_view(Fund, FUND)
    assert [c.text for c in view.data.eligibility] == ["甲", "丙"]
    assert view.kept == {"eligibility": [0, 2]}


def test_a_value_the_model_refuses_never_reaches_the_view():
    """The view's fields have no length limits; the model's own errors are applied first."""
    view = partial_view(Fund, {**FUND, "department": "x" * 41, "closes": "2026-12-01"})
    assert view.data.department is None


def test_the_other_branch_of_a_union_does_not_drop_the_list():
    recipients = [
        {"name": "甲", "credit_code": "bad", "amount": 1},
        {"name": "乙", "credit_code": "91350582MA00000028", "amount": 2},
    ]
    notice = {"title": "公示", "recipients": recipients}
    view = partial_view(Announcement, notice)
    assert [r.name for r in view.data.recipients] == ["乙"] and view.kept == {"recipients": [1]}


def test_a_failed_mapping_entry_is_left_out_alone():
    raw = {
        "title": "站点",
        "base_url": "不是网址",
        "departments": {"good": {"name": "甲局"}, "bad": {"name": "乙局", "phon": "1"}},
    }
    view = partial_view(SiteConfig, raw)
    assert view.data.base_url is None and list(view.data.departments) == ["good"]


def test_nothing_readable_is_an_empty_view():
    assert empty_view(Fund).basis == [] and empty_view(Fund).published is None


# -- in the loader: one run reports what can be known ---------------------------------------


def errors_by_path(result):
    found: dict[str, list[str]] = {}
    for p in result.problems:
        found.setdefault(p.path, []).append(p.code)
    return found


def test_a_failed_fund_still_has_its_references_checked(site_tree):
    fund = item_with("funds/digital-fund.md", closes="2026-10-01", basis=["nowhere"])
    result = load_content(site_tree({"funds/digital-fund.md": fund}), today=TODAY)
    assert sorted(errors_by_path(result)["content/funds/digital-fund.md"]) == [
        "dangling_ref",
        "qq_closes_before_opens",
    ]
    assert "digital-fund" not in result.index.items  # the build never sees a partial item


def test_references_to_a_file_that_did_not_parse_are_not_dangling(site_tree):
    broken = "---\ntitle: [未闭合\n---\n## 一、总则\n"
    notice_body = "见[依据](../policies/base-policy.md#一总则)。\n"
    files = {"policies/base-policy.md": broken}
    root = site_tree(files)
    target = root / "announcements" / "digital-results.md"
    target.write_text(target.read_text(encoding="utf-8") + notice_body, encoding="utf-8")
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["check", "--content", str(root), "--today", "2026-11-26"])
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(lines) == 1 and "policies/base-policy.md:2:8" in lines[0], result.output


def test_items_are_checked_against_what_parsed_of_site_yaml(site_tree):
    site = {**SITE, "base_url": "不是网址", "departments": {"jjgxj": {"name": "局", "phon": "1"}}}
    fund = item_with("funds/digital-fund.md", department="nowhere", industries=["shoes"])
    files = {"site.yaml": yaml.safe_dump(site, allow_unicode=True), "funds/digital-fund.md": fund}
    result = load_content(site_tree(files), today=TODAY)
    found = errors_by_path(result)
    assert sorted(found["content/site.yaml"]) == ["extra_forbidden", "url_parsing"]
    assert sorted(found["content/funds/digital-fund.md"]) == [
        "unknown_department",
        "unknown_industry",
    ]
    assert result.index is None and "digital-fund" in result.view.items


def test_an_unreadable_site_yaml_skips_only_the_checks_that_need_it(site_tree):
    fund = item_with("funds/digital-fund.md", department="nowhere", basis=["nowhere"])
    files = {"site.yaml": "title: [\n", "funds/digital-fund.md": fund}
    result = load_content(site_tree(files), today=TODAY)
    found = errors_by_path(result)
    assert found["content/site.yaml"] == ["yaml_unclosed_bracket"]
    assert found["content/funds/digital-fund.md"] == ["dangling_ref"]  # departments unknown
