"""The home page's blocks stay bounded and link the full lists (synthetic content, no MkDocs)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from lxml import html

from generator.compile.home import BLOCK_SIZE, home_page
from generator.compile.lists import list_pages
from generator.content.loader import load_content
from tests.support.content_fixture import write_content

DAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    content = write_content(tmp_path_factory.mktemp("home"))
    source = (content / "funds" / "fund-open.md").read_text(encoding="utf-8")
    front, body = source.split("---\n")[1:3]
    fields = yaml.safe_load(front)
    for n in range(BLOCK_SIZE + 2):  # more open funds than a block shows
        fields["title"] = f"第{n}个正在申报的资金项目"
        text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
        (content / "funds" / f"fund-open-{n}.md").write_text(f"---\n{text}---\n{body}", "utf-8")
    with (content / "site.yaml").open("a", encoding="utf-8") as site_yaml:
        site_yaml.write("list_page_size: 2\n")
    result = load_content(content, DAY)
    assert result.ok, result.errors
    return result.index


def test_each_block_shows_at_most_block_size_and_links_the_list_of_the_rest(index):
    page = home_page(index, DAY)
    doc = html.fromstring(f"<div>{page.full_content()}</div>")
    open_funds = [
        f
        for f in index.collection("funds")
        if not f.withdrawn and index.status(f, DAY).code == "open"
    ]
    assert len(open_funds) > BLOCK_SIZE  # else this content does not test the bound
    for section, collection, status, count in (
        ("qq-open", "funds", "open", len(open_funds)),
        ("qq-publicity", "announcements", "publicity", None),
    ):
        block = doc.cssselect(f"section[aria-labelledby={section}]")[0]
        assert len(block.cssselect("li")) <= BLOCK_SIZE
        more = block.cssselect("p.qq-more-link a")
        if count is None and not more:
            continue
        href = more[0].get("href")
        assert href == f"{collection}/by/status/{status}/"
        listed = {p.src_uri for p in list_pages(index, collection, DAY)}
        assert f"{href}index.md" in listed
        if count is not None:
            assert str(count) in more[0].text_content()


def test_list_pages_hold_at_most_the_page_size(index):
    size = index.site.list_page_size
    pages = list_pages(index, "policies", DAY)
    rows = [p.full_content().count("<tr data-") for p in pages]
    assert max(rows) == size and len(index.collection("policies")) > size
    main = [p for p in pages if p.src_uri.startswith("policies/page/")]
    assert sum(p.full_content().count("<tr data-") for p in main) + size == len(
        index.collection("policies")
    )
