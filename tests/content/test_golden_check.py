"""`qinqing check` of a tree with 50+ mistakes across every kind of file, compared with the golden
output: every mistake reported in the first run, at its file:line:column, in Chinese.

The tree is `golden/many-mistakes/content`; the expected output `golden/many-mistakes.txt`.
After a deliberate change of messages, regenerate it with
`QINQING_UPDATE_GOLDEN=1 .venv/bin/pytest tests/content/test_golden_check.py` and read
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

from generator.cli.main import main

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
    "policies/same-number.md": [(5, 13), (11, 11), (13, 10)],  # the url itself, not its entry
    "policies/tab-indent.md": [(5, 1), (6, 1)],
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


def check_copy(tree: Path, folder: Path, edit=None):
    """`qinqing check` of a copy of `tree` in `folder` (after `edit(root)`, if given)."""
    root = folder / "content"
    shutil.copytree(tree, root)
    if edit is not None:
        edit(root)
    args = ["check", "--content", str(root), "--today", "2026-11-26"]
    return CliRunner().invoke(main, args, catch_exceptions=False)


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> str:
    result = check_copy(TREE, tmp_path_factory.mktemp("golden"))
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


# The editor's fix of each planted mistake: (file, text, replacement). Applied all at once,
# they must leave nothing to report: no mistake was hidden behind another (no second run).
FIXES = [
    ("site.yaml", "base_url: 不是网址", "base_url: https://test.example.gov.cn/"),
    ("site.yaml", "Asia/Jinjiang", "Asia/Shanghai"),
    ("site.yaml", "    phon: 0595-00000000", '    phone: "0595-00000000"'),
    ("site.yaml", "  Footwear:", "  footwear:"),
    ("site.yaml", "retention_days: 10", "retention_days: 30"),
    ("site.yaml", "title: 又一个标题\n", ""),
    ("drafts/readme.md", None, None),
    ("policies/Bad_Name.md", None, None),
    ("policies/amended-measures.md", "expires: 2025-06-30", "expires: 2026-06-30"),
    ("policies/amended-measures.md", "[nowhere-policy]", "[digital-measures]"),
    ("policies/amended-measures.md", "by: green-fund", "by: same-number"),
    ("policies/colon-title.md", "title: 关于: 通知", 'title: "关于: 通知"'),
    ("policies/digital-measures.md", "晋政规(2025)5号", "晋政规〔2025〕5号"),
    ("policies/digital-measures.md", "level: nation", "level: local"),
    ("policies/digital-measures.md", "signed: 2025-03-10", "signed: 2025-02-20"),
    ("policies/digital-measures.md", "[digital, ai]", "[digital]"),
    ("policies/digital-measures.md", "no-such-fund.md", "digital-fund.md"),
    ("policies/digital-measures.md", "#二支持内容", "#一支持对象"),
    ("policies/old-measures.md", "topics: [digital\n", "topics: [digital]\n"),
    ("policies/same-number.md", "〔2025〕9号", "〔2025〕10号"),
    ("policies/same-number.md", "attachments/missing.pdf", "attachments/form.pdf"),
    ("policies/same-number.md", "ftp://", "https://"),
    ("policies/tab-indent.md", "\t", "  "),
    ("policies/tab-indent.md", "\t", "  "),
    ("policies/twice-title.md", "title: 第二个标题\n", ""),
    ("funds/delivery-fund.md", "2026-13-01", "2026-11-01"),
    ("funds/delivery-fund.md", "budget: 一百万", "budget: 1000000"),
    ("funds/delivery-fund.md", "registerd_in: 晋江市\n", ""),
    ("funds/delivery-fund.md", "mode: quick", "mode: fast"),
    ("funds/delivery-fund.md", "../outside.docx", "attachments/form.pdf"),
    ("funds/digital-fund.md", "department: jjjxj", "department: jjgxj"),
    ("funds/digital-fund.md", " nowhere,", ""),
    ("funds/digital-fund.md", "closes: 2026-10-31", "closes: 2026-12-31"),
    ("funds/digital-fund.md", "max_amount: -5", "max_amount: 500000"),
    ("funds/digital-fund.md", "[textile, shoes]", "[textile]"),
    ("funds/digital-fund.md", "op: in, value: [3]", "op: '>=', value: 3"),
    ("funds/digital-fund.md", "guide: amended-measures", "guide: digital-guide"),
    ("funds/green-fund.md", "budget: 140000", "budget: 300000"),
    ("funds/notes.txt", None, None),
    ("funds/quote-fund.md", '"2026年技术改造专项资金', '"2026年技术改造专项资金"'),
    ("guides/bracket-guide.md", "0595-1234", "0595-1234}"),
    ("guides/digital-fund.md", None, None),
    (
        "guides/digital-guide.md",
        "audience: 晋江市工业企业",
        "audience: 晋江市工业企业\nsteps: [{name: 申请, text: 网上提交}]",
    ),
    ("guides/digital-guide.md", " missing-policy,", ""),
    ("guides/digital-guide.md", "promised_limit: 20", "promised_limit: 10"),
    ("guides/digital-guide.md", "fee: 100", "fee: 0"),
    ("guides/digital-guide.md", "reviewed: 2024-01-01", "reviewed: 2026-06-01"),
    ("guides/digital-guide.md", "date: 2025-12-01", "date: 2026-02-01"),
    ("announcements/green-results.md", "end: 2026-11-23", "end: 2026-11-27"),
    ("announcements/inline-results.md", "fund: digital-guide", "fund: digital-fund"),
    ("announcements/inline-results.md", "{address:", "{phone: 0595-00000000, address:"),
    ("announcements/inline-results.md", "date: 2026-11-01", "date: 2026-11-21"),
    ("announcements/inline-results.md", "MA0000002X", "MA00000028"),
    (
        "announcements/no-front.md",
        "# 只有正文",
        "---\ntitle: 公示\ndepartment: jjgxj\npublished: 2026-11-20\n"
        "publicity: {start: 2026-11-20, end: 2026-11-27}\nobjections: {phone: '1', address: 某路}\n---\n# 只有正文",
    ),
    ("attachments/green-recipients.csv", ",120000,", ",100000,"),
    ("attachments/green-recipients.csv", "MA00000019", "MA00000028"),
    ("attachments/green-recipients.csv", "设备,多一列", "设备"),
    ("attachments/green-recipients.csv", "\x00", ""),
    (
        "attachments/green-recipients.csv",
        "晋江市甲鞋业有限公司,91350582MA00000015,10000,二期\n",
        "",
    ),
]


def apply_fixes(root: Path) -> None:
    for rel, text, replacement in FIXES:
        path = root / rel
        if text is None:
            path.unlink()
            continue
        before = path.read_text(encoding="utf-8")
        assert text in before, (rel, text)
        path.write_text(before.replace(text, replacement, 1), encoding="utf-8")
    (root / "drafts").rmdir()


def test_fixing_what_the_first_run_reported_leaves_nothing(tmp_path):
    result = check_copy(TREE, tmp_path, apply_fixes)
    assert result.output == "检查通过：没有发现问题。\n", result.output


def test_nothing_but_the_planted_mistakes(output):
    """No report from a union branch the editor did not use, no report that only follows
    from another, none twice."""
    found = [(m["path"], int(m["line"]), int(m["column"])) for m in reports(output)]
    assert sorted(found) == sorted(PLANTED_AT)


def test_the_specs_plain_forms_check_clean(tmp_path):
    """A tree written as content.md shows it, as a new editor writes it: no problem at all."""
    result = check_copy(GOLDEN / "plain-forms" / "content", tmp_path)
    assert result.output == "检查通过：没有发现问题。\n" and result.exit_code == 0
