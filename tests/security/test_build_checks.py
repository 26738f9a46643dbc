"""`qinqing build` and `mkdocs build` stop on exactly the errors `check` reports, with its messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.init import InitOptions, init_site
from tests.security.hostile import HOSTILE_DAY
from tests.support.placeholders import fill_placeholders

BROKEN = "见[不存在的资金](../funds/missing-fund.md)。\n\n[点这里](javascript:alert(1))\n\n## 标题 {onfocus=alert(1)}\n"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "QINQING_TODAY": HOSTILE_DAY.isoformat()}
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, env=env, check=False, timeout=600
    )


def _qinqing_build(root: Path, site: Path) -> subprocess.CompletedProcess:
    today = HOSTILE_DAY.isoformat()
    command = ["build", "--site-dir", str(site), "--today", today]
    return _run([sys.executable, "-m", "generator.cli.main", *command], root)


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    init_site(root, InitOptions(), HOSTILE_DAY)
    fill_placeholders(root)
    policy = root / "content" / "policies" / "example-policy.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n" + BROKEN, encoding="utf-8")
    return root


def _check_errors(root: Path) -> list[str]:
    done = _run(
        [
            sys.executable,
            "-m",
            "generator.cli.main",
            "check",
            "--content",
            "content",
            "--today",
            HOSTILE_DAY.isoformat(),
        ],
        root,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    text = "\n".join(errors)
    assert "正文链接“../funds/missing-fund.md”指向的条目或文件不存在" in text
    assert "链接地址“javascript:alert(1)”以 javascript: 开头，不允许使用" in text
    assert "属性列表“{onfocus=alert(1)}”中的 onfocus 不允许使用" in text
    return errors


def test_qinqing_build_stops_on_check_errors(broken_site: Path, tmp_path: Path):
    errors = _check_errors(broken_site)
    site = tmp_path / "site"
    done = _qinqing_build(broken_site, site)
    assert done.returncode == 1
    assert "内容检查未通过，没有构建。" in done.stderr
    for error in errors:
        assert error in done.stderr
    assert not (site / "index.html").exists()


def test_mkdocs_build_stops_on_check_errors(broken_site: Path, tmp_path: Path):
    errors = _check_errors(broken_site)
    site = tmp_path / "site"
    done = _run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], broken_site)
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "内容检查未通过，无法构建" in output
    for error in errors:
        assert error in output
    assert "Traceback" not in output
    assert not (site / "index.html").exists()


def test_a_clean_site_still_builds(tmp_path: Path):
    root = tmp_path / "repo"
    init_site(root, InitOptions(), HOSTILE_DAY)
    fill_placeholders(root)
    site = tmp_path / "site"
    done = _qinqing_build(root, site)
    assert done.returncode == 0, done.stderr
    assert (site / "index.html").is_file()
