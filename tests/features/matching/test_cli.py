"""`qinqing match`: a profile against a content tree, in text and JSON, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import main
from tests.features.matching.content import TODAY

PROFILE = """\
name: 示例鞋业有限公司
registered_in: 晋江市
industry: footwear
size: medium
annual_revenue: 50000000
employees: 300
rd_ratio: 3.2
qualifications: [专精特新]
years_established: 6
"""


def run(*args: str):
    return CliRunner().invoke(main, ["match", *args])


def write(tmp_path: Path, text: str, name: str = "profile.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_json_lists_each_fund_with_its_verdict_in_reading_order(tmp_path, content_dir):
    profile = write(tmp_path, PROFILE)
    result = run(
        profile, "--content", str(content_dir), "--today", TODAY.isoformat(), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["id"], r["status"], r["verdict"]) for r in rows] == [
        ("tech-upgrade-2025", "open", "eligible"),
        ("specialized-2025", "upcoming", "unknown"),
        ("high-tech-2025", "closed", "ineligible"),
    ]
    assert rows[0]["days_left"] == 20 and rows[2]["days_left"] is None
    assert rows[1]["reasons"] == ["此条件需人工核对：认定文件在有效期内"]
    assert rows[2]["reasons"] == ["不符合：持有高新技术企业或科技型中小企业资质"]
    assert rows[0]["url"] == "https://example.gov.cn/funds/tech-upgrade-2025/"
    assert "withdrawn-2025" not in {r["id"] for r in rows}


def test_text_output_is_chinese_and_names_reasons(tmp_path, content_dir):
    profile = write(tmp_path, "registered_in: 石狮市\n")
    result = run(profile, "--content", str(content_dir), "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    out = result.output
    assert "共 3 个资金项目" in out
    assert "【不符合条件】技术改造补助" in out
    assert "不符合：注册地在晋江市" in out
    assert "申报中（还剩 20 天截止）" in out
    assert out.index("技术改造补助") < out.index("专精特新奖励") < out.index("高新技术企业奖励")


def test_an_empty_profile_is_accepted_and_everything_is_unknown(tmp_path, content_dir):
    profile = write(tmp_path, "{}\n")
    result = run(
        profile, "--content", str(content_dir), "--today", TODAY.isoformat(), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    assert {r["verdict"] for r in json.loads(result.output)} == {"unknown"}


def test_a_bad_profile_is_reported_at_its_lines_with_exit_2(tmp_path, content_dir):
    profile = write(
        tmp_path,
        "registered_in: 晋江市\nsize: huge\nindustry: steel\nrd_ratio: 120\nemployes: 3\n",
    )
    result = run(profile, "--content", str(content_dir), "--today", TODAY.isoformat())
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert f"{profile}:2:7: error:" in lines[0] and "huge" in lines[0] and "[size]" in lines[0]
    assert f"{profile}:3:11: error:" in lines[1] and "steel" in lines[1]
    assert f"{profile}:4:11: error:" in lines[2] and "100" in lines[2]
    assert f"{profile}:5:1: error:" in lines[3] and "employes" in lines[3]
    assert "Traceback" not in result.output


def test_broken_yaml_and_a_missing_file_are_messages_not_tracebacks(tmp_path, content_dir):
    broken = write(tmp_path, "size: [small\n")
    for path in (broken, str(tmp_path / "nope.yaml")):
        result = run(path, "--content", str(content_dir))
        assert result.exit_code == 2
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert f"{path}:" in result.output


def test_content_with_errors_stops_with_exit_2(tmp_path, content_dir):
    (content_dir / "funds" / "broken.md").write_text("---\ntitle: 缺字段\n---\n", encoding="utf-8")
    result = run(write(tmp_path, PROFILE), "--content", str(content_dir))
    assert result.exit_code == 2
    assert "content/funds/broken.md" in result.output
    assert "qinqing check" in result.output


def test_a_bad_date_is_a_usage_error(tmp_path, content_dir):
    result = run(write(tmp_path, PROFILE), "--content", str(content_dir), "--today", "2025-13-01")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
