"""`qinqing check` of a tree with 50+ mistakes across every kind of file, compared with the golden
output: every mistake reported in the first run, at its file:line:column, in Chinese.

The tree is `golden/many-mistakes/content`; the expected output `golden/many-mistakes.txt`.
After a deliberate change of messages, regenerate it with
`QINQING_UPDATE_GOLDEN=1 .venv/bin/pytest tests/foundation/test_golden_check.py` and read
the diff line by line: the golden file is the test, a wrong line in it is a bug.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_yaml_problems import LIBYAML_WORDS

from generator.cli import main

GOLDEN = Path(__file__).parent / "golden"
TREE = GOLDEN / "many-mistakes" / "content"
EXPECTED = GOLDEN / "many-mistakes.txt"
LINE = re.compile(
    r"^content/(?P<path>\S+?):(?P<line>\d+):(?P<column>\d+): (error|warning): (?P<message>.+)$"
)

# Where each planted mistake is: (file below content/, line, column). One report each.
PLANTED = {
    "site.yaml": [(2, 11), (3, 11), (7, 5), (12, 13), (16, 19), (17, 1)],
    "drafts": [(1, 1)],
    "policies/Bad_Name.md": [(1, 1)],
    "policies/amended-measures.md": [(10, 10), (11, 10), (14, 7)],
    "policies/colon-title.md": [(2, 10)],
    "policies/digital-measures.md": [(5, 13), (7, 8), (8, 9), (9, 19), (13, 10), (13, 42)],
    "policies/old-measures.md": [(5, 9)],
    "policies/same-number.md": [(5, 13), (11, 11), (12, 5)],
    "policies/tab-indent.md": [(5, 1)],
    "policies/twice-title.md": [(8, 1)],
    "funds/delivery-fund.md": [(4, 12), (9, 9), (12, 1), (13, 18), (16, 15)],
    "funds/digital-fund.md": [(3, 13), (5, 23), (7, 9), (9, 13), (12, 54), (14, 33), (15, 8)],
    "funds/notes.txt": [(1, 1)],
    "funds/quote-fund.md": [(2, 8)],
    "guides/bracket-guide.md": [(5, 8)],
    "guides/digital-fund.md": [(1, 1)],
    "guides/digital-guide.md": [(2, 1), (6, 27), (8, 17), (9, 6), (10, 11), (12, 9)],
    "announcements/green-results.md": [(6, 37), (8, 13)],
    "announcements/inline-results.md": [(5, 7), (7, 1), (9, 11), (16, 18)],
    "announcements/no-front.md": [(1, 1)],
    "attachments/green-recipients.csv": [(2, 31), (3, 12), (4, 1), (5, 5), (6, 12)],
}
PLANTED_AT = {(path, line, column) for path, places in PLANTED.items() for line, column in places}


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("golden") / "content"
    shutil.copytree(TREE, root)
    result = CliRunner().invoke(
        main, ["check", "--content", str(root), "--today", "2026-11-26"], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    return result.output


def reports(output: str) -> list[re.Match]:
    return [m for m in map(LINE.match, output.splitlines()) if m]


def test_output_is_the_golden_file(output):
    if os.environ.get("QINQING_UPDATE_GOLDEN") == "1":
        EXPECTED.write_text(output, encoding="utf-8")
    assert output == EXPECTED.read_text(encoding="utf-8")


def test_every_planted_mistake_is_reported_in_the_first_run(output):
    assert len(PLANTED_AT) >= 50
    found = {(m["path"], int(m["line"]), int(m["column"])) for m in reports(output)}
    assert PLANTED_AT - found == set()


def test_every_line_is_a_report_in_chinese(output):
    lines = output.splitlines()
    assert len(reports(output)) == len(lines) - 1 and lines[-1].startswith("共 ")
    for match in reports(output):
        message = match["message"]
        assert re.search(r"[\u4e00-\u9fff]", message), message
        assert not LIBYAML_WORDS.search(message.split(" [")[0]), message


@pytest.mark.xfail(
    strict=True,
    reason="union leakage (inline-results.md:11: the CSV-path branch of recipients) is fixed "
    "by the model/message helper's validation.py; remove this mark when that is merged",
)
def test_nothing_but_the_planted_mistakes(output):
    """No report from a union branch the editor did not use, no report that only follows
    from another, none twice."""
    found = [(m["path"], int(m["line"]), int(m["column"])) for m in reports(output)]
    assert sorted(found) == sorted(PLANTED_AT)


@pytest.mark.xfail(
    strict=True,
    reason="the spec's plain forms (taxonomy code: name, numbers as text fields) are accepted "
    "by the model/message helper's change; remove this mark when that is merged",
)
def test_the_specs_plain_forms_check_clean(tmp_path):
    """A tree written as content.md shows it, as a new editor writes it: no problem at all."""
    root = tmp_path / "content"
    shutil.copytree(GOLDEN / "plain-forms" / "content", root)
    result = CliRunner().invoke(main, ["check", "--content", str(root), "--today", "2026-11-26"])
    assert result.output == "检查通过：没有发现问题。\n" and result.exit_code == 0
