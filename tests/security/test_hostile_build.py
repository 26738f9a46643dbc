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


def test_a_staged_page_keeps_editor_html_one_block(hostile_build: HostileBuild):
    # A CommonMark builder ends a raw HTML block at a blank line and reads the rest as
    # Markdown: the editor's HTML must have none, or `[x](javascript:...)` shown as code
    # text would become a live link again.
    import markdown

    body = (hostile_build.stage / "policies/hostile-policy.md").read_text(encoding="utf-8")
    html = markdown.markdown(body.split("\n---\n", 1)[1])
    assert findings(html) == []


def test_no_csv_cell_is_a_formula(hostile_build: HostileBuild):
    files = sorted(hostile_build.site.rglob("*.csv")) + sorted(hostile_build.stage.rglob("*.csv"))
    assert files
    cells = []
    for path in files:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        cells += [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    # The names arrived, with the leading quote that makes them text.
    published = hostile_build.site / "data" / "recipients.csv"
    names = [row["name"] for row in csv.DictReader(io.StringIO(published.read_text("utf-8-sig")))]
    assert sorted(names) == sorted("'" + name for name in FORMULA_NAMES)
