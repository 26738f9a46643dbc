"""The 答复选登 pages in a real `mkdocs build` (and the staging folder) of a temp site."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import posixpath
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from generator.cli.main import main
from generator.petitions.answer_snapshot import render_snapshot
from tests.support.builds import run_build
from tests.support.content_fixture import TODAY, write_content, write_mkdocs_config


def answer(n: int, **changes) -> dict:
    value = {
        "id": f"{n:012x}",
        "category": "consult",
        "department": "gxj",
        "received": f"2026-10-{n + 1:02d}",
        "replied": f"2026-10-{n + 3:02d}",
        "workdays": 2,
        "subject": f"技改补助问题{n}",
        "answer": f"第{n}条答复：符合条件。\n<script>alert(1)</script>",
    }
    value.update(changes)
    return value


ANSWERS = [answer(1), answer(2, category="request", department="czj"), answer(3)]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("answers")
    content = write_content(root)
    snapshot = {"version": 1, "answers": ANSWERS}
    (content / "answers.json").write_text(render_snapshot(snapshot), encoding="utf-8")
    config = write_mkdocs_config(root, content)
    site = root / "site"
    run_build(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        TODAY,
    )
    return site


def page(site: Path, path: str) -> html.HtmlElement:
    return html.fromstring((site / path / "index.html").read_bytes())


def test_list_page_newest_first_with_filters_and_nav(built):
    listing = page(built, "answers")
    titles = [a.text_content() for a in listing.cssselect(".qq-answers-table tbody a")]
    assert titles == ["技改补助问题3", "技改补助问题2", "技改补助问题1"]
    chips = [a.text_content() for a in listing.cssselect(".qq-answers__chips a")]
    assert "政策咨询（2）" in chips and "测试市财政局（1）" in chips
    nav = [a.text_content().strip() for a in page(built, "").cssselect("header a, nav a")]
    assert "答复选登" in nav
    assert listing.cssselect("article[data-pagefind-body]") == []  # lists are not indexed


def test_filter_pages_and_item_page(built):
    by_department = page(built, "answers/department/czj")
    assert [a.text_content() for a in by_department.cssselect("tbody a")] == ["技改补助问题2"]
    assert by_department.cssselect("[aria-current=page]")[0].text_content() == "测试市财政局（1）"
    item = page(built, f"answers/{ANSWERS[0]['id']}")
    body = item.cssselect("article[data-pagefind-body]")[0]
    assert body.cssselect("h1")[0].text_content() == "技改补助问题1"
    facts = body.cssselect(".qq-facts")[0].text_content()
    assert "政策咨询" in facts and "2026年10月2日" in facts and "2 个工作日" in facts
    assert body.cssselect(".qq-answer__text p")[1].text_content() == "<script>alert(1)</script>"
    assert not item.xpath("//script[contains(., 'alert(1)')]")
    filters = {s.get("data-pagefind-filter") for s in body.cssselect("[data-pagefind-filter]")}
    assert "collection:答复选登" in filters
    link = item.cssselect(".qq-facts a")[0].get("href")
    assert (built / f"answers/{ANSWERS[0]['id']}" / link / "index.html").resolve().is_file()


def test_search_index_holds_the_answers(built):
    fragments = [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in (built / "pagefind").glob("fragment/*.pf_fragment")
    ]
    indexed = {f["url"]: f for f in fragments if f["url"].startswith("/answers/")}
    assert sorted(indexed) == sorted(f"/answers/{a['id']}/" for a in ANSWERS)
    first = indexed[f"/answers/{ANSWERS[0]['id']}/"]
    assert first["meta"]["type"] == "答复选登" and first["filters"]["collection"] == ["答复选登"]


def test_staging_folder_gets_the_same_pages(tmp_path):
    content = write_content(tmp_path)
    (content / "answers.json").write_text(
        render_snapshot({"version": 1, "answers": ANSWERS}), encoding="utf-8"
    )
    config = write_mkdocs_config(tmp_path, content)
    stage = tmp_path / "stage"
    result = CliRunner().invoke(
        main, ["build", "--config", str(config), "--today", TODAY, "--stage", str(stage)]
    )
    assert result.exit_code == 0, result.output
    staged = (stage / "answers" / f"{ANSWERS[1]['id']}.md").read_text(encoding="utf-8")
    assert "page_kind: item" in staged and "技改补助问题2" in staged
    assert "答复选登: answers/index.md" in (stage / "_nav.yml").read_text(encoding="utf-8")


def test_every_answer_is_reachable_from_its_paginated_lists(tmp_path):
    from generator.content.loader import load_content
    from generator.features.answers.pages import answer_pages

    content = write_content(tmp_path)
    snapshot = {"version": 1, "answers": ANSWERS}
    (content / "answers.json").write_text(render_snapshot(snapshot), encoding="utf-8")
    with (content / "site.yaml").open("a", encoding="utf-8") as site_yaml:
        site_yaml.write("list_page_size: 1\n")
    result = load_content(content, dt.date.fromisoformat(TODAY))
    assert result.ok, result.errors
    pages = {p.src_uri: p for p in answer_pages(result.index)}

    def chain(src: str) -> list[str]:
        subjects = []
        for _ in range(10):  # a deadline: three answers, three pages
            doc = html.fromstring(f"<div>{pages[src].full_content()}</div>")
            subjects += [a.text_content() for a in doc.cssselect(".qq-answers-table tbody a")]
            following = doc.cssselect("nav.qq-pager a[rel=next]")
            if not following:
                return subjects
            base = src.removesuffix("index.md") if src.endswith("index.md") else src[:-3] + "/"
            src = posixpath.normpath(posixpath.join(base, following[0].get("href"))) + ".md"
        raise AssertionError("more pages than answers")

    assert chain("answers/index.md") == ["技改补助问题3", "技改补助问题2", "技改补助问题1"]
    assert chain("answers/category/consult.md") == ["技改补助问题3", "技改补助问题1"]
    second = pages["answers/page/2.md"]
    assert second.meta["pager"] == {"prev": "answers/", "next": "answers/page/3/"}
    assert "（第2页）" in second.title
