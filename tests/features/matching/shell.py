"""The 政策匹配 page and its files written into a folder, for a browser, without the site builder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown

from generator.content.index import ContentIndex
from generator.features.matching.pages import match_files, match_page

# The Markdown extensions mkdocs.yml enables that matter for raw HTML.
EXTENSIONS = ["attr_list", "md_in_html", "tables"]


def render_content(index: ContentIndex, today: dt.date) -> str:
    return markdown.markdown(match_page(index, today).content, extensions=EXTENSIONS)


def write_match_site(index: ContentIndex, today: dt.date, root: Path) -> Path:
    """match/index.html in a bare HTML shell, plus the rules JSON, script and style; returns root."""
    page = match_page(index, today)
    html = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{page.title}</title></head><body><main><h1>{page.title}</h1>"
        f"{render_content(index, today)}</main></body></html>"
    )
    (root / "match").mkdir(parents=True, exist_ok=True)
    (root / "match" / "index.html").write_text(html, encoding="utf-8")
    (root / "funds").mkdir(exist_ok=True)
    (root / "funds" / "index.html").write_text("<!doctype html><title>资金项目</title>", "utf-8")
    for output in match_files(index, today):
        target = root / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.data)
    return root
