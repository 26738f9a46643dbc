"""The 搜索 page (/search/) and the script and style it needs, and nothing more.

The page is a form that GETs `?q=` (the header box on every page submits here), filter
selects whose options come from the content, and an empty result list the script fills.
Without JavaScript the page says so and links to the list pages.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from generator.compile.render import environment
from generator.content.index import COLLECTION_ORDER, ContentIndex
from generator.content.status import STATUSES, WITHDRAWN
from generator.features.search.markup import collection_label, issuer_name
from generator.features.search.names import AFFIXES
from generator.features.search.shards import shard_list
from generator.output import OutputFile, Page
from generator.urls import SEARCH_PATH, collection_path, relative_from

SEARCH_SRC = "search.md"
ASSETS_DIR = "assets/qinqing/"
SCRIPT_PATH = ASSETS_DIR + "search.js"
STYLE_PATH = ASSETS_DIR + "search.css"
TEMPLATES = Path(__file__).parent / "templates"

# Messages the script shows; kept here so all page text is in one place.
MESSAGES = {
    "prompt": "请输入关键词，例如：专精特新、两化融合、文号（晋政规〔2025〕5号）或企业名称。",
    "empty": "没有找到相关内容。请换个关键词，或减少筛选条件。",
    "count": "找到 {n} 条结果。",
    "count-recent": "在最近发布的 {m} 条内容中找到 {n} 条结果；“显示更多结果”会继续搜索更早的内容。",
    "unavailable": "搜索索引未能加载，暂时无法搜索。请稍后再试，或直接浏览下方栏目。",
}


def script_data(items: int) -> dict[str, str]:
    """JSON the script needs from Python: name affixes (names.py), status labels and tones,
    and the index shards for `items` items (shards.py), newest first."""
    statuses = {
        collection: {s.code: [s.label, s.tone] for s in group}
        for collection, group in STATUSES.items()
        if group
    }
    return {
        "affixes": json.dumps(AFFIXES, ensure_ascii=False),
        "statuses": json.dumps(statuses, ensure_ascii=False, sort_keys=True),
        "shards": json.dumps(shard_list(items)),
    }


def _filter_values(index: ContentIndex) -> list[tuple[str, str, list[str]]]:
    """The values each filter can take, in reading order (what markup.search_fields emits)."""
    items = list(index.items.values())
    collections = [c for c in COLLECTION_ORDER if index.collection(c)]
    statuses: list[str] = []
    for collection in collections:
        statuses += [s.label for s in STATUSES.get(collection, ()) if s.label not in statuses]
    statuses.append(WITHDRAWN.label)
    departments = [d.name for d in index.site.departments.values()]
    issuers = sorted({issuer_name(index, item) for item in items} - set(departments))
    years = sorted({str(item.published.year) for item in items}, reverse=True)
    return [
        ("collection", "栏目", [collection_label(c) for c in collections]),
        ("department", "发文机关", [*departments, *issuers]),
        ("year", "年份", years),
        ("status", "状态", statuses),
    ]


def search_page_html(index: ContentIndex) -> str:
    html = (
        environment(TEMPLATES)
        .get_template("page.html.j2")
        .render(
            data={**MESSAGES, **script_data(len(index.items))},
            filters=_filter_values(index),
            lists=[
                (relative_from(SEARCH_PATH, collection_path(c)), collection_label(c))
                for c in COLLECTION_ORDER
            ],
            script=relative_from(SEARCH_PATH, SCRIPT_PATH),
            style=relative_from(SEARCH_PATH, STYLE_PATH),
        )
    )
    # Not squeezed (render_html): the blank line ends the HTML block before the script.
    return html + "\n"


def search_page(index: ContentIndex) -> Page:
    """The search results page, src `search.md`, served at `/search/`."""
    return Page(
        src_uri=SEARCH_SRC,
        title="搜索",
        content=search_page_html(index),
        meta={
            "title": "搜索",
            "hide": ["toc"],
            "description": "搜索本站的政策文件、资金项目、办事指南和结果公示。",
        },
        in_nav=False,
    )


def search_files() -> list[OutputFile]:
    """search.js and search.css, written into the site under assets/qinqing/."""
    assets = resources.files("generator.features.search") / "assets"
    return [
        OutputFile(SCRIPT_PATH, (assets / "search.js").read_bytes(), "text/javascript"),
        OutputFile(STYLE_PATH, (assets / "search.css").read_bytes(), "text/css"),
    ]
