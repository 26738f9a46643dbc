"""The compile core without MkDocs: history notes, staging folder, inert editor Markdown."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from lxml import html

from generator.adapters.staging import STAGE_NAV, write_staging
from generator.compile.text import file_size, yuan
from generator.content.history import GitHistory
from generator.content.loader import load_content
from generator.markup.inert import inert_markdown
from generator.site import compile_site
from tests.support.content_fixture import TODAY, write_content

DAY = dt.date.fromisoformat(TODAY)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    result = load_content(write_content(tmp_path_factory.mktemp("compile")), DAY)
    assert result.ok, result.errors
    return result.index


def _item_html(build, src_uri):
    page = next(p for p in build.pages if p.src_uri == src_uri)
    return html.fromstring(f"<div>{page.full_content()}</div>")


def test_history_lists_changes_never_commit_messages_or_ids(index):
    from generator.content.history import Commit

    commit = Commit("0123456789abcdef", dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC), "Add the fund")
    index.git = GitHistory(
        available=True, head="0123456789abcdef", commits={"funds/fund-open.md": [commit]}
    )
    try:
        build = compile_site(index, DAY)
    finally:
        index.git = GitHistory()
    history = _item_html(build, "funds/fund-open.md").cssselect(".qq-history")[0].text_content()
    assert "Add the fund" not in history and "0123456" not in history
    assert "发布以来暂无修订记录" in history and "2026年11月2日" in history  # updated, from git
    policy = _item_html(build, "policies/policy-current.md").cssselect(".qq-history")[0]
    assert "更正附件" in policy.text_content()
    assert not any("0123456" in p.full_content() for p in build.pages)


def test_items_without_changes_or_git_say_there_is_no_record(index):
    page = _item_html(compile_site(index, DAY), "funds/fund-open.md")
    assert "暂无修订记录" in page.cssselect(".qq-history")[0].text_content()


def _text(tree) -> str:
    return "".join(tree.text_content().split())


def test_the_copy_for_the_search_indexer_is_the_page_less_what_search_ignores(index):
    item_pages = [p for p in compile_site(index, DAY).pages if p.meta.get("page_kind") == "item"]
    assert len(item_pages) > 5
    for page in item_pages:
        # As a builder gives it: every placeholder in a paragraph of its own.
        converted = "".join(f"<p>{line}</p>" for line in page.content.split("\n\n"))
        public = html.fromstring(f"<div>{page.converted(converted)}</div>")
        for_search = html.fromstring(f"<div>{page.converted(converted, for_search=True)}</div>")
        assert "qq:skip" not in page.converted(converted)
        assert public.cssselect(".qq-breadcrumbs, .qq-history")  # the page keeps its furniture
        assert not for_search.xpath("//*[@data-pagefind-ignore]")
        for ignored in public.xpath("//*[@data-pagefind-ignore]"):
            ignored.drop_tree()
        assert _text(for_search) == _text(public)


def test_staging_writes_front_matter_pages_files_and_nav(index, tmp_path):
    build = compile_site(index, DAY)
    count = write_staging(build, tmp_path / "stage")
    stage = tmp_path / "stage"
    text = (stage / "funds" / "fund-open.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["title"] == "2026年数字化改造补助申报" and meta["in_nav"] is False
    assert "申报说明。" in body
    nav = yaml.safe_load((stage / STAGE_NAV).read_text(encoding="utf-8"))
    assert nav[0] == {"首页": "index.md"}
    assert (stage / "attachments" / "policy.pdf").is_file()
    assert count == sum(1 for p in stage.rglob("*") if p.is_file())


NO_TAG = ["段落\n\n```\ncode\n```\n\n    缩进代码\n\n- 列表 & 表格 | a |", "", "`代码` 与 **强调**"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a <script>x</script> b", "a &lt;script>x&lt;/script> b"),
        ("see `<b>` here <i>", "see `<b>` here &lt;i>"),
        ("```\n<div>\n```", "```\n<div>\n```"),
        ("link <https://example.gov.cn/a>", "link <https://example.gov.cn/a>"),
        ("1 < 2", "1 < 2"),
        # Without a tag the text comes back as it is.
        *((text, text) for text in NO_TAG),
    ],
)
def test_inert_markdown_shows_html_as_text(source, expected):
    assert inert_markdown(source) == expected


def test_amounts_and_sizes_read_naturally():
    assert yuan(500000) == "50万元"
    assert yuan(123456) == "123,456元"
    assert file_size(12_288) == "12 KB"
