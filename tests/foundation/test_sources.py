"""Reading files: every malformed byte stream gives one clear problem at the right line, never a traceback."""

from __future__ import annotations

import time

import pytest
from conftest import TODAY

from generator.loader import load_content

GOOD = "---\ntitle: 政策\ndepartment: jjgxj\npublished: 2025-03-01\nissuer: 晋江市人民政府\nlevel: local\nsigned: 2025-02-20\n---\n正文\n"


def problems_of(site_tree, raw: bytes, name: str = "policies/p-x.md"):
    root = site_tree()
    target = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    return [p for p in load_content(root, today=TODAY).problems if p.path == f"content/{name}"]


def single(problems, code):
    assert [p.code for p in problems] == [code], problems
    return problems[0]


def test_bom_and_crlf_are_accepted(site_tree):
    raw = ("\ufeff" + GOOD).replace("\n", "\r\n").encode("utf-8")
    assert problems_of(site_tree, raw) == []


def test_crlf_keeps_line_numbers(site_tree):
    raw = GOOD.replace("level: local", "level: nation").replace("\n", "\r\n").encode()
    assert single(problems_of(site_tree, raw), "literal_error").line == 6


def test_tab_indentation(site_tree):
    raw = GOOD.replace("signed: 2025-02-20", "attachments:\n\t- title: x").encode()
    problem = single(problems_of(site_tree, raw), "yaml_tab")
    assert problem.line == 8 and "制表符" in problem.message()


def test_duplicate_key(site_tree):
    raw = GOOD.replace("signed: 2025-02-20", "signed: 2025-02-20\ntitle: 又一个标题").encode()
    problem = single(problems_of(site_tree, raw), "duplicate_key")
    assert (problem.line, problem.key) == (8, "title")
    assert "第 2 行" in problem.message()


def test_alias_bomb_is_refused_fast(site_tree):
    lines = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    lines += ["title: t", "---", ""]
    started = time.perf_counter()
    problems = problems_of(site_tree, "\n".join(lines).encode())
    assert time.perf_counter() - started < 2
    assert "yaml_too_many_nodes" in [p.code for p in problems]


def test_recursive_alias_is_refused(site_tree):
    raw = b"---\na: &a [*a]\n---\n"
    problems = problems_of(site_tree, raw)
    assert problems and all(p.line >= 1 for p in problems)


def test_file_over_5_mb(site_tree):
    raw = GOOD.encode() + b"x" * (5 * 1024 * 1024)
    problem = single(problems_of(site_tree, raw), "file_too_large")
    assert "5 MB" in problem.message()


def test_bad_utf8_points_at_the_byte(site_tree):
    raw = GOOD.encode("utf-8").replace("正文".encode(), b"\xff\xfe", 1)
    problem = single(problems_of(site_tree, raw), "bad_utf8")
    assert (problem.line, problem.column) == (9, 1)


def test_gbk_file_gets_a_hint(site_tree):
    problem = single(problems_of(site_tree, GOOD.encode("gbk")), "bad_utf8")
    assert problem.line == 2
    assert "GBK" in problem.message() and "UTF-8" in problem.message()


def test_missing_front_matter(site_tree):
    problem = single(problems_of(site_tree, "# 只有正文\n".encode()), "front_matter_missing")
    assert problem.line == 1


def test_unterminated_front_matter(site_tree):
    problem = single(
        problems_of(site_tree, GOOD.replace("---\n正文", "正文").encode()),
        "front_matter_unterminated",
    )
    assert problem.line == 1


def test_empty_front_matter(site_tree):
    single(problems_of(site_tree, b"---\n---\nbody\n"), "front_matter_empty")


def test_front_matter_not_mapping(site_tree):
    single(problems_of(site_tree, b"---\n- a\n- b\n---\n"), "front_matter_not_mapping")


@pytest.mark.parametrize(
    "text,code,line",
    [
        ("---\ntitle: a: b\n---\n", "yaml_mapping_here", 2),
        ("---\ntitle: [a, b\n---\n", "yaml_syntax", 3),
        ("---\ntitle: !!python/object:os.system x\n---\n", "yaml_tag", 2),
        ("---\ntitle: \x07\n---\n", "yaml_bad_character", 2),
    ],
)
def test_yaml_syntax_errors(site_tree, text, code, line):
    problem = single(problems_of(site_tree, text.encode()), code)
    assert problem.line == line


def test_yes_no_keys_stay_text(site_tree):
    raw = GOOD.replace("signed: 2025-02-20", "signed: 2025-02-20\nno: 1").encode()
    problem = single(problems_of(site_tree, raw), "extra_forbidden")
    assert problem.key == "no"


def test_body_line_is_recorded(site_tree):
    root = site_tree()
    (root / "policies" / "p-x.md").write_text(GOOD, encoding="utf-8")
    result = load_content(root, today=TODAY)
    assert result.documents["p-x"].body_line == 9
    assert result.index.items["p-x"].body == "正文\n"
