"""`qinqing check`, `schema` and `new` as editors and CI call them."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from conftest import item_with

from generator.cli.main import main
from generator.content.placeholders import MARK
from generator.models.schema_export import render, schemas

GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[^:]*::.+$")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def broken_tree(site_tree):
    return site_tree(
        {
            "funds/digital-fund.md": item_with("funds/digital-fund.md", basis=["nowhere"]),
            "guides/digital-guide.md": item_with("guides/digital-guide.md", reviewed="2024-01-01"),
        }
    )


def check_broken(site_tree, *options: str):
    """`qinqing check` of the broken tree for 2026-11-26 with extra options."""
    return run("check", "--content", str(broken_tree(site_tree)), "--today", "2026-11-26", *options)


def test_clean_site_exits_0(site_tree):
    result = run("check", "--content", str(site_tree()), "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert "检查通过" in result.output


def test_errors_exit_1_sorted_with_summary(site_tree):
    result = check_broken(site_tree)
    assert result.exit_code == 1
    lines = result.output.strip().split("\n")
    assert lines[0].startswith("content/funds/digital-fund.md:") and ": error: " in lines[0]
    assert lines[1].startswith("content/guides/digital-guide.md:") and ": warning: " in lines[1]
    assert lines[-1] == "共 1 个错误，1 个警告。"


def test_english_messages(site_tree):
    result = check_broken(site_tree, "--lang", "en")
    assert "no item has the id nowhere" in result.output


def test_json_format(site_tree):
    result = check_broken(site_tree, "--format", "json")
    data = json.loads(result.output)
    assert {d["severity"] for d in data} == {"error", "warning"}
    assert data[0]["key"] == "basis[0]" and data[0]["line"] > 1


def test_github_format(site_tree):
    result = check_broken(site_tree, "--format", "github")
    lines = result.output.strip().split("\n")
    assert lines and all(GITHUB_LINE.match(line) for line in lines), lines


def test_missing_content_dir_exits_nonzero(tmp_path):
    result = run("check", "--content", str(tmp_path / "nope"))
    assert result.exit_code in (1, 2)
    assert "找不到内容目录" in result.output


def test_bad_today_is_a_usage_error(site_tree):
    result = run("check", "--content", str(site_tree()), "--today", "26/11/2026")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_schema_files_are_current():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "schemas"
    for name, schema in schemas().items():
        path = root / name
        assert path.exists(), f"{name} missing: run `qinqing schema`"
        assert path.read_text(encoding="utf-8") == render(schema), (
            f"{name} is stale: run `qinqing schema`"
        )


def test_every_model_field_has_chinese_title_and_description():
    def walk(schema, where):
        for name, prop in schema.get("properties", {}).items():
            assert re.search(r"[\u4e00-\u9fff]", prop.get("title", "")), (
                f"{where}.{name} has no Chinese title"
            )
            assert prop.get("description"), f"{where}.{name} has no description"
        for sub_name, sub in schema.get("$defs", {}).items():
            walk(sub, sub_name)

    for name, schema in schemas().items():
        walk(schema, name)


def test_new_writes_every_key_and_passes_check_once_filled(site_tree):
    root = site_tree()
    result = run("new", "policies", "fresh-policy", "--content", str(root), "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    text = (root / "policies" / "fresh-policy.md").read_text(encoding="utf-8")
    from generator.models.policies import Policy

    for key in Policy.model_fields:
        assert re.search(rf"^(# )?{key}:", text, re.M), f"{key} missing from the template"
    check = run("check", "--content", str(root), "--today", "2026-11-26", "--format", "json")
    assert check.exit_code == 1
    assert {p["key"] for p in json.loads(check.output) if p["code"] == "placeholder"} == {
        "title",
        "issuer",
        "",  # the body
    }
    filled = (root / "policies" / "fresh-policy.md").read_text(encoding="utf-8")
    (root / "policies" / "fresh-policy.md").write_text(filled.replace(MARK, ""), encoding="utf-8")
    check = run("check", "--content", str(root), "--today", "2026-11-26")
    assert check.exit_code == 0, check.output


def test_new_refuses_to_overwrite_and_bad_ids(site_tree):
    root = site_tree()
    assert run("new", "funds", "digital-fund", "--content", str(root)).exit_code == 1
    bad = run("new", "funds", "Bad Id", "--content", str(root))
    assert bad.exit_code == 1 and "无效" in bad.output


def test_fund_apply_errors_point_at_the_line_in_chinese(site_tree):
    fund = "funds/digital-fund.md"
    for apply, expected in (
        ({}, "申报入口 apply 至少要填 url"),
        ({"url": "javascript:alert(1)"}, "不是网址"),
        ({"url": "https://x.example.gov.cn/a", "notes": "x"}, "未知字段 notes"),
    ):
        tree = site_tree({fund: item_with(fund, apply=apply)})
        result = run("check", "--content", str(tree), "--today", "2026-11-26")
        assert result.exit_code == 1, result.output
        line = result.output.splitlines()[0]
        assert re.match(r"content/funds/digital-fund\.md:\d+:\d+: error: ", line), line
        assert expected in line and "[apply" in line, line
    offline = site_tree({fund: item_with(fund, apply={"note": "到市行政服务中心3号窗口提交"})})
    result = run("check", "--content", str(offline), "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
