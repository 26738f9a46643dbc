"""Placeholders written by `qinqing new` and `init` are errors until replaced, at their line."""

from __future__ import annotations

import pytest
from conftest import TODAY

from generator.cli.init import InitOptions, render_files
from generator.cli.scaffold import render_new_item
from generator.content.loader import load_content
from generator.content.placeholders import (
    CODE,
    MARK,
    PLACEHOLDER_URL,
    allow_placeholders,
    is_placeholder,
    placeholder,
)
from generator.models.items import COLLECTIONS


def placeholder_rows(root) -> list[tuple[str, int, str]]:
    problems = load_content(root, today=TODAY).problems
    return [(p.path, p.line, p.key) for p in problems if p.code == CODE]


@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_a_new_item_is_refused_until_its_placeholders_are_replaced(site_tree, collection):
    text = render_new_item(collection, "fresh-item", TODAY)
    root = site_tree({f"{collection}/fresh-item.md": text})
    rows = placeholder_rows(root)
    assert rows and all(path == f"content/{collection}/fresh-item.md" for path, _, _ in rows)
    lines = text.split("\n")
    for _, line, key in rows:
        assert MARK in lines[line - 1], (line, key)  # the line the error points at holds it
    assert ("title" in {key for _, _, key in rows}) and ("" in {key for _, _, key in rows})
    (root / collection / "fresh-item.md").write_text(text.replace(MARK, ""), encoding="utf-8")
    assert placeholder_rows(root) == []


def test_init_writes_the_same_placeholders_check_looks_for():
    files = render_files(InitOptions(), TODAY)
    site = files["content/site.yaml"].decode("utf-8")
    assert placeholder("咨询电话") in site and PLACEHOLDER_URL in site
    for name, data in files.items():
        if name.startswith("content/") and name.endswith((".md", ".yaml")):
            for line in data.decode("utf-8").split("\n"):
                # No unmarked stand-in such as （请填写…） or 0000-00000000 is left.
                assert "请填写" not in line and "0000-0000" not in line, (name, line)


def test_placeholders_can_be_allowed_as_warnings(site_tree):
    root = site_tree(
        {
            "site.yaml": f"title: {placeholder('站点名称')}\nbase_url: {PLACEHOLDER_URL}\n"
            "departments:\n  jjgxj: 晋江市工业和信息化局\n"
        }
    )
    problems = load_content(root, today=TODAY).problems
    found = [p for p in problems if p.code == CODE]
    assert [(p.line, p.key, p.severity) for p in found] == [
        (1, "title", "error"),
        (2, "base_url", "error"),
    ]
    assert found[0].message() == (
        "占位内容“【待填写】站点名称”还没有改：请改成真实内容后再发布（只想先预览，可加 --allow-placeholders）"
    )
    allowed = [p for p in allow_placeholders(problems) if p.code == CODE]
    assert {p.severity for p in allowed} == {"warning"}


def test_is_placeholder():
    assert is_placeholder(placeholder("电话"))
    assert is_placeholder("https://your-site.invalid/funds/")
    assert not is_placeholder("请填写申报表后提交")  # ordinary text that asks the reader to fill in
