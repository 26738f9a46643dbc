"""`qinqing init`: a new site that checks and builds as created, with CI and a pre-commit hook."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli.init import InitOptions, init_site
from generator.cli.settings import read_mkdocs_config
from tests.cli.conftest import INIT_DAY
from tests.support.placeholders import fill_placeholders

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GITHUB_ANNOTATION = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[^:]*::.+$")


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **env}
    return subprocess.run(
        args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300
    )


def test_new_site_lists_its_placeholders_and_builds_only_as_a_preview(unfilled_site: Path):
    day = INIT_DAY.isoformat()
    check = run(["qinqing", "check", "--today", day, "--format", "json"], unfilled_site)
    assert check.returncode == 1
    problems = json.loads(check.stdout)
    assert {p["code"] for p in problems} == {"placeholder"}
    assert {"content/site.yaml", "content/guides/example-guide.md"} <= {p["path"] for p in problems}
    assert "base_url" in {p["key"] for p in problems}
    refused = run(["qinqing", "build", "--today", day], unfilled_site)
    assert refused.returncode == 1 and not (unfilled_site / "site").exists()
    preview = run(["qinqing", "check", "--today", day, "--allow-placeholders"], unfilled_site)
    assert preview.returncode == 0 and "共 0 个错误" in preview.stdout
    built = run(["qinqing", "build", "--today", day, "--allow-placeholders"], unfilled_site)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (unfilled_site / "site/index.html").is_file()


def test_new_site_checks_and_builds_once_filled_in(unfilled_site: Path):
    for name in (
        "mkdocs.yml",
        "content/site.yaml",
        ".github/workflows/site.yml",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
        ".gitignore",
        "README.md",
        "requirements.txt",
    ):
        assert (unfilled_site / name).is_file(), name
    for collection in ("policies", "funds", "guides", "announcements", "consultations"):
        assert len(list((unfilled_site / "content" / collection).glob("*.md"))) == 1
    assert "【待填写】" in (unfilled_site / "content/site.yaml").read_text(encoding="utf-8")
    fill_placeholders(unfilled_site)
    check = run(["qinqing", "check", "--today", INIT_DAY.isoformat()], unfilled_site)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "检查通过" in check.stdout
    built = run(["qinqing", "build", "--today", INIT_DAY.isoformat()], unfilled_site)
    assert built.returncode == 0, built.stdout + built.stderr
    site = unfilled_site / "site"
    for page in ("index.html", "funds/example-fund/index.html", "guides/example-guide/index.html"):
        assert (site / page).is_file(), page
    fund_page = (site / "funds/example-fund/index.html").read_text(encoding="utf-8")
    assert "申报中" in fund_page  # opened 14 days before init, closes 30 days after
    assert (site / "attachments/example-application-form.pdf").read_bytes().startswith(b"%PDF")


def test_examples_stay_valid_whatever_the_init_day(tmp_path: Path, run_cli):
    # A day whose publicity period crosses the Spring Festival and a year end.
    for day in ("2026-02-13", "2026-12-30"):
        root = tmp_path / day
        run_cli("init", root, "--today", day)
        args = ("--content", root / "content", "--today", day, "--allow-placeholders")
        result = run_cli("check", *args)
        assert result.exit_code == 0, result.output


def test_office_names_with_yaml_characters_are_quoted(tmp_path: Path, run_cli):
    root = tmp_path / "quoted"
    office = "某市: 经济#信息局"
    made = run_cli("init", root, "--office", office, "--department", "jxj", "--today", "2026-05-06")
    assert made.exit_code == 0, made.output
    result = run_cli(
        "check", "--content", root / "content", "--today", "2026-05-06", "--format", "json"
    )
    # The office is given, so only the other placeholders are left.
    assert {p["key"] for p in json.loads(result.output)}.isdisjoint(
        {"title", "departments.jxj.name"}
    )
    site = yaml.safe_load((root / "content/site.yaml").read_text(encoding="utf-8"))
    assert site["departments"]["jxj"]["name"] == office
    assert site["title"] == f"{office} 政策公开"


def test_init_refuses_to_overwrite(tmp_path: Path, run_cli):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run_cli("init", tmp_path / "busy")
    assert result.exit_code == 1
    assert "不是空目录" in result.output
    assert (tmp_path / "busy" / "notes.txt").read_text(encoding="utf-8") == "keep me"
    (tmp_path / "cloned" / ".git").mkdir(parents=True)
    assert run_cli("init", tmp_path / "cloned").exit_code == 0
    bad = run_cli("init", tmp_path / "x", "--department", "Bad Code")
    assert bad.exit_code == 2 and "--department" in bad.output


def test_new_site_mkdocs_config_follows_the_project(new_site: Path):
    """The template must change when the project's mkdocs.yml does (drift test)."""
    ours = read_mkdocs_config(ROOT / "mkdocs.yml")
    theirs = read_mkdocs_config(new_site / "mkdocs.yml")
    ours.pop("site_name"), theirs.pop("site_name")
    assert theirs == ours
    assert sorted(
        p.name for p in (new_site / "site_overrides").rglob("*") if p.is_file()
    ) == sorted(p.name for p in (ROOT / "site_overrides").rglob("*") if p.is_file())


# -- CI and pre-commit ---------------------------------------------------------------------


def test_github_workflow_checks_pull_requests_and_publishes_main(new_site: Path):
    flow = yaml.safe_load((new_site / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert {"pull_request", "push", "schedule"} <= set(triggers)
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"][0]["cron"].split()[:2] == ["5", "16"]  # 00:05 in Beijing
    steps = flow["jobs"]["build"]["steps"]
    commands = [s.get("run") for s in steps if "run" in s]
    assert "qinqing check --format github" in commands
    assert "qinqing build" in commands
    assert not any("chromium" in (c or "") for c in commands)
    upload = next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert "pull_request" in upload["if"]
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = next(s for s in steps if "checkout" in s.get("uses", ""))
    assert checkout["with"]["fetch-depth"] == 0


def test_generated_ci_fails_on_placeholders_and_passes_once_filled_in(unfilled_site: Path):
    """The workflow has no --allow-placeholders: what it builds on main is published."""
    flow = yaml.safe_load(
        (unfilled_site / ".github/workflows/site.yml").read_text(encoding="utf-8")
    )
    commands = [
        s["run"] for s in flow["jobs"]["build"]["steps"] if s.get("run", "").startswith("qinqing")
    ]
    assert commands and not any("--allow-placeholders" in c for c in commands)
    assert run(shlex.split(commands[0]), unfilled_site).returncode == 1
    fill_placeholders(unfilled_site)
    for command in commands:
        result = run(shlex.split(command), unfilled_site)
        assert result.returncode == 0, command + result.stdout + result.stderr


def test_gitlab_pipeline_checks_merge_requests_and_publishes_pages(new_site: Path):
    pipeline = yaml.safe_load((new_site / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    check = pipeline["check"]
    assert check["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert check["script"] == ["qinqing check", "qinqing build"]
    pages = pipeline["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert "mv site public" in pages["script"][-1]
    assert pipeline["variables"]["GIT_DEPTH"] == 0
    assert "pip install -r requirements.txt" in pipeline["default"]["before_script"]


def _break_a_file(site: Path) -> int:
    """Put an unknown department into the example policy; return the line it is on."""
    path = site / "content/policies/example-policy.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("department:"))
    lines[number] = "department: nobody"
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def test_check_github_format_is_actions_annotation_syntax(new_site: Path):
    line = _break_a_file(new_site)
    guide = new_site / "content/guides/example-guide.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(re.sub(r"(?m)^reviewed: .*$", "reviewed: 2020-01-01", text), encoding="utf-8")
    result = run(["qinqing", "check", "--format", "github"], new_site)
    assert result.returncode == 1
    out = result.stdout.strip().split("\n")
    assert len(out) == 2
    assert all(GITHUB_ANNOTATION.match(row) for row in out), out
    assert any(row.startswith("::warning ") for row in out)  # the stale review date
    assert (
        f"::error file=content/policies/example-policy.md,line={line},col=13,"
        "title=department::" in result.stdout
    )


def _git_repo(site: Path) -> dict[str, str]:
    env = {
        "GIT_AUTHOR_NAME": "编辑",
        "GIT_AUTHOR_EMAIL": "editor@example.gov.cn",
        "GIT_COMMITTER_NAME": "编辑",
        "GIT_COMMITTER_EMAIL": "editor@example.gov.cn",
        "HOME": str(site.parent),
    }
    for args in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"]):
        assert run(args, site, **env).returncode == 0
    return env


def test_project_hook_definition_fails_a_bad_commit_with_its_line(new_site: Path):
    """Run `.pre-commit-hooks.yaml`'s hook the way pre-commit does: entry, no file names, in the root."""
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "qinqing-check" and hook["pass_filenames"] is False
    env = _git_repo(new_site)
    line = _break_a_file(new_site)
    run(["git", "add", "-A"], new_site, **env)
    staged = run(["git", "diff", "--cached", "--name-only"], new_site, **env).stdout.split()
    assert [f for f in staged if re.search(hook["files"], f)]
    result = run(shlex.split(hook["entry"]), new_site, **env)
    assert result.returncode == 1
    assert f"content/policies/example-policy.md:{line}:13: error:" in result.stdout


def test_generated_pre_commit_config_blocks_the_commit(new_site: Path, tmp_path: Path):
    env = {**_git_repo(new_site), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    clean = run(["pre-commit", "run", "--all-files"], new_site, **env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    line = _break_a_file(new_site)
    run(["git", "add", "-A"], new_site, **env)
    broken = run(["pre-commit", "run"], new_site, **env)
    assert broken.returncode == 1
    assert "qinqing check" in broken.stdout and "Failed" in broken.stdout
    assert f"content/policies/example-policy.md:{line}:13: error:" in broken.stdout
    # A change outside content/ does not run the check.
    (new_site / "README.md").write_text("改动", encoding="utf-8")
    run(["git", "add", "README.md"], new_site, **env)
    run(["git", "reset", "-q", "content"], new_site, **env)
    skipped = run(["pre-commit", "run"], new_site, **env)
    assert "(no files to check)Skipped" in skipped.stdout


def test_init_files_are_listed_in_the_package_data():
    """Template names must be covered by pyproject's package-data globs (or pip drops them)."""
    import tomllib

    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]["generator"]
    from generator.cli.init import FILES, TEMPLATE_DIR

    for name in FILES.values():
        assert any((TEMPLATE_DIR / name).match(g.replace("**/", "")) for g in globs), name
    assert InitOptions().title.endswith("政策公开")
    assert init_site  # the function the CLI calls


def test_mkdocs_serve_previews_placeholders_and_build_refuses_them(unfilled_site: Path):
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    for command in ("serve", "build"):
        config = load_config(config_file=str(unfilled_site / "mkdocs.yml"))
        config.plugins.on_startup(command=command, dirty=False)
        try:
            if command == "serve":
                assert config.plugins.on_config(config).site_name.startswith("【待填写】")
            else:
                with pytest.raises(PluginError, match="占位内容"):
                    config.plugins.on_config(config)
        finally:
            config.plugins.on_shutdown()
