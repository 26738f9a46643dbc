"""`qinqing build` and the plugin at the edges: bad content is a clear message, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner

from generator.cli.main import main
from tests.support.builds import REPO
from tests.support.content_fixture import TODAY, write_content, write_mkdocs_config


def _broken_tree(tmp_path):
    content = write_content(tmp_path)
    target = content / "funds" / "fund-open.md"
    target.write_text(
        target.read_text(encoding="utf-8").replace("closes: '2026-12-31'", "closes: 31.12.2026"),
        encoding="utf-8",
    )
    return content, write_mkdocs_config(tmp_path, content)


def test_build_refuses_content_with_errors(tmp_path):
    _, config = _broken_tree(tmp_path)
    result = CliRunner().invoke(
        main, ["build", "--config", str(config), "--site-dir", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "fund-open.md" in result.output and "内容检查未通过" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_plugin_fails_the_mkdocs_build_with_the_check_errors(tmp_path):
    _, config = _broken_tree(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode != 0
    assert "内容检查未通过" in done.stderr and "fund-open.md" in done.stderr
    assert "Traceback" not in done.stderr


def test_stage_writes_markdown_for_another_builder(tmp_path):
    content = write_content(tmp_path)
    config = write_mkdocs_config(tmp_path, content)
    stage = tmp_path / "stage"
    result = CliRunner().invoke(
        main, ["build", "--config", str(config), "--today", TODAY, "--stage", str(stage)]
    )
    assert result.exit_code == 0, result.output
    assert (stage / "index.md").read_text(encoding="utf-8").startswith("---\n")
    assert (stage / "policies" / "policy-current.md").is_file()


def test_a_bad_today_is_a_usage_error(tmp_path):
    content = write_content(tmp_path)
    config = write_mkdocs_config(tmp_path, content)
    result = CliRunner().invoke(main, ["build", "--config", str(config), "--today", "26.11.2026"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_build_takes_the_day_from_mkdocs_yml_unless_today_is_given(tmp_path, monkeypatch):
    monkeypatch.delenv("QINQING_TODAY", raising=False)
    content = write_content(tmp_path)
    config = write_mkdocs_config(tmp_path, content)
    text = config.read_text(encoding="utf-8")
    assert "today: !ENV [QINQING_TODAY, null]" in text
    config.write_text(text.replace("!ENV [QINQING_TODAY, null]", "'2026-05-01'"), encoding="utf-8")
    stage = ["build", "--config", str(config), "--stage", str(tmp_path / "stage")]
    from_config = CliRunner().invoke(main, stage)
    assert from_config.exit_code == 0, from_config.output
    assert "按 2026-05-01 计算状态" in from_config.output
    given = CliRunner().invoke(main, [*stage, "--today", TODAY])
    assert f"按 {TODAY} 计算状态" in given.output
    # The day went to the build as an argument, not through the process environment.
    assert "QINQING_TODAY" not in os.environ


def test_a_malformed_today_in_mkdocs_yml_is_a_message(tmp_path, monkeypatch):
    monkeypatch.delenv("QINQING_TODAY", raising=False)
    content = write_content(tmp_path)
    config = write_mkdocs_config(tmp_path, content)
    text = config.read_text(encoding="utf-8").replace("!ENV [QINQING_TODAY, null]", "'26.5.1'")
    config.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--config", str(config), "--stage", str(tmp_path)])
    assert result.exit_code == 1
    assert "today 应为 YYYY-MM-DD" in result.output and "Traceback" not in result.output


def test_stage_into_a_folder_of_other_files_is_refused_and_deletes_nothing(tmp_path):
    content = write_content(tmp_path)
    config = write_mkdocs_config(tmp_path, content)
    result = CliRunner().invoke(
        main, ["build", "--config", str(config), "--today", TODAY, "--stage", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "不是以前生成的暂存目录" in result.output and "Traceback" not in result.output
    assert config.is_file() and (content / "site.yaml").is_file()
