"""A site built from hostile content (check bypassed): no page or staged page carries a handler or a refused scheme."""

from __future__ import annotations

import csv
import io

import lxml.html

from generator.csvsafe import FORMULA_STARTS
from tests.security.hostile import FORMULA_NAMES, HostileBuild
from tests.security.html_audit import findings

POLICY_PAGE = "policies/hostile-policy/index.html"


def test_no_built_page_has_a_handler_or_a_refused_scheme(hostile_build: HostileBuild):
    pages = sorted(hostile_build.site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        assert findings(page.read_text(encoding="utf-8")) == [], page


def test_the_hostile_page_keeps_its_text_and_safe_structure(hostile_build: HostileBuild):
    tree = lxml.html.fromstring((hostile_build.site / POLICY_PAGE).read_bytes())
    article = tree.cssselect("article")[0]
    headings = {h.get("id"): h.text_content().strip() for h in article.cssselect("h2[id]")}
    assert headings["标题"] == "标题"
    assert headings["interpretation"] == "政策解读"
    # The links lost their href, not their text; safe links stay.
    texts = [a.text_content() for a in article.cssselect("a") if a.get("href") is None]
    assert texts.count("点这里") == 6
    assert article.cssselect('a[href="https://example.gov.cn/"]')
    assert not article.cssselect("[data-toc-label], [style], [autofocus], [tabindex]")
    # Raw HTML shows as text.
    assert '<img src="missing.png" onerror=' in article.text_content()


def test_no_staged_page_has_a_handler_or_a_refused_scheme(hostile_build: HostileBuild):
    staged = sorted(hostile_build.stage.rglob("*.md"))
    assert any(p.name == "hostile-policy.md" for p in staged)
    for page in staged:
        body = page.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert findings(body) == [], page


# CommonMark's HTML blocks (spec 4.6): type 1 (pre, script, style, textarea) and type 6
# (block-level tags) run to a blank line or their end tag; anything else is Markdown again.
COMMONMARK_BLOCK_TAGS = frozenset(
    [
        "pre",
        "script",
        "style",
        "textarea",
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dialog",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)


def test_a_staged_page_is_raw_html_blocks_only(hostile_build: HostileBuild):
    # A CommonMark builder reads the staged page: each blank-line-separated chunk must open
    # with a block-level tag, or its text (editor code included, where `[x](javascript:…)`
    # is shown as text) would be Markdown again and become a live link.
    import re

    body = (hostile_build.stage / "policies/hostile-policy.md").read_text(encoding="utf-8")
    chunks = [c for c in body.split("\n---\n", 1)[1].split("\n\n") if c.strip()]
    assert len(chunks) >= 3
    for chunk in chunks:
        tag = re.match(r"\s*</?([a-zA-Z][a-zA-Z0-9]*)", chunk)
        assert tag and tag.group(1).lower() in COMMONMARK_BLOCK_TAGS, chunk[:80]


def test_no_csv_cell_is_a_formula(hostile_build: HostileBuild):
    files = sorted(hostile_build.site.rglob("*.csv")) + sorted(hostile_build.stage.rglob("*.csv"))
    assert files
    cells = []
    for path in files:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        cells += [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    # The names arrived, with the leading quote that makes them text.
    names = []
    for published in sorted((hostile_build.site / "data" / "recipients").glob("*.csv")):
        text = published.read_text("utf-8-sig")
        names += [row["name"] for row in csv.DictReader(io.StringIO(text))]
    assert sorted(names) == sorted("'" + name for name in FORMULA_NAMES)
