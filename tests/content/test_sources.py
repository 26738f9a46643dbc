"""Reading files: every malformed byte stream gives one clear problem at the right line, never a traceback."""

from __future__ import annotations

import os
import signal
import time

import pytest
from conftest import TODAY, item_with

from generator.content.loader import load_content

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


# -- what is not a regular file inside content/ ---------------------------------------------


@pytest.fixture
def deadline():
    """Fails the test (instead of hanging it) if the code under test blocks for 10 s."""

    def expired(signum, frame):
        raise TimeoutError("the check blocked")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, 10)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def codes_at(result, rel):
    return [(p.code, p.severity, p.line, p.column) for p in result.problems if p.path == rel]


def test_fifo_named_md_is_refused_without_opening_it(site_tree, deadline):
    root = site_tree()
    os.mkfifo(root / "policies" / "pipe.md")
    result = load_content(root, today=TODAY)
    assert codes_at(result, "content/policies/pipe.md") == [("not_regular_file", "error", 1, 1)]
    problem = next(p for p in result.problems if p.code == "not_regular_file")
    assert "命名管道" in problem.message()
    assert "base-policy" in result.index.items  # the rest is still checked


def test_fifo_as_site_yaml_and_as_recipients_csv(site_tree, deadline):
    root = site_tree({"site.yaml": None})
    os.mkfifo(root / "site.yaml")
    result = load_content(root, today=TODAY)
    assert codes_at(result, "content/site.yaml") == [("not_regular_file", "error", 1, 1)]
    (root / "attachments").mkdir()
    os.mkfifo(root / "attachments" / "list.csv")
    from generator.content.sources import read_csv

    rows, problems = read_csv(root / "attachments" / "list.csv", "list.csv", ("name",))
    assert rows == [] and [p.code for p in problems] == ["not_regular_file"]


def test_fifo_as_an_attachment_is_refused_at_its_field(site_tree, deadline):
    policy = item_with(
        "policies/base-policy.md", attachments=[{"title": "原文", "file": "attachments/pipe.pdf"}]
    )
    root = site_tree({"policies/base-policy.md": policy})
    (root / "attachments").mkdir()
    os.mkfifo(root / "attachments" / "pipe.pdf")
    result = load_content(root, today=TODAY)
    problems = [p for p in result.problems if p.path == "content/policies/base-policy.md"]
    assert [(p.code, p.key) for p in problems] == [("path_not_file", "attachments[0].file")]


def test_symlink_out_of_content_is_refused_and_not_read(site_tree, tmp_path, deadline):
    root = site_tree()
    secret = tmp_path / "secret.md"
    secret.write_text(GOOD.replace("政策", "机密"), encoding="utf-8")
    (root / "policies" / "leak.md").symlink_to(secret)
    (root / "funds" / "more").symlink_to(tmp_path, target_is_directory=True)
    result = load_content(root, today=TODAY)
    assert codes_at(result, "content/policies/leak.md") == [("symlink_outside", "error", 1, 1)]
    assert codes_at(result, "content/funds/more") == [("symlink_outside", "error", 1, 1)]
    assert "leak" not in result.index.items and "secret" not in result.index.items


def test_symlinked_collection_folder_is_refused(site_tree, tmp_path, deadline):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "p-y.md").write_text(GOOD, encoding="utf-8")
    root = site_tree({"guides/digital-guide.md": None})
    (root / "guides").symlink_to(elsewhere, target_is_directory=True)
    result = load_content(root, today=TODAY)
    assert codes_at(result, "content/guides") == [("symlink_outside", "error", 1, 1)]
    assert "p-y" not in result.index.items


def test_symlink_inside_content_is_refused_with_its_reason(site_tree, deadline):
    root = site_tree()
    (root / "policies" / "alias-policy.md").symlink_to("base-policy.md")
    result = load_content(root, today=TODAY)
    assert codes_at(result, "content/policies/alias-policy.md") == [
        ("symlink_inside", "error", 1, 1)
    ]
    problem = next(p for p in result.problems if p.code == "symlink_inside")
    assert "base-policy.md" in problem.message() and "id" in problem.message()


def test_nul_in_a_body_is_an_error_at_its_column(site_tree):
    raw = GOOD.replace("正文", "正文\x00尾").encode()
    problem = single(problems_of(site_tree, raw), "control_character")
    assert (problem.line, problem.column) == (9, 3)
    assert "U+0000" in problem.message()


def test_nul_in_a_csv_cell_is_an_error_at_its_line(site_tree):
    from tests.support.content import credit_code

    notice = item_with("announcements/digital-results.md", recipients="attachments/list.csv")
    root = site_tree({"announcements/digital-results.md": notice})
    (root / "attachments").mkdir()
    csv_text = (
        f"name,credit_code,amount\n甲公司,{credit_code(1)},100\n乙\x00公司,{credit_code(2)},50\n"
    )
    (root / "attachments" / "list.csv").write_text(csv_text, encoding="utf-8")
    result = load_content(root, today=TODAY)
    assert codes_at(result, "content/attachments/list.csv") == [
        ("control_character", "error", 3, 2)
    ]


def test_a_parse_read_back_from_the_build_cache_equals_a_fresh_one(tmp_path):
    from generator.cache.memo import results_cached
    from generator.cache.store import CacheStore
    from generator.content.sources import parse_item

    broken = "---\ntitle: 政策\nissuer: [未闭合\n---\n正文第一段。\n"
    good = "---\ntitle: 政策\nissuer: gxj\n---\n## 第一条\n\n正文。\n"
    fresh = [parse_item(text, "policies/p.md") for text in (broken, good)]
    store = CacheStore(tmp_path, "v1")
    for _ in range(2):  # made, then read back
        with results_cached(store):
            again = [parse_item(text, "policies/p.md") for text in (broken, good)]
        assert repr(again) == repr(fresh)
    assert store.hits == 2 and fresh[0][1] and not fresh[1][1]
    with results_cached(store):  # the path is part of the key: problems name it
        assert parse_item(broken, "funds/f.md")[1][0].path == "funds/f.md"
