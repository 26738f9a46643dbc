"""ReadyPage: a placeholder-only page converted without Python-Markdown, the same as MkDocs converts it."""

from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from generator.adapters.mkdocs.ready import ReadyPage, only_placeholders
from generator.compile.render import assemble
from generator.output import Page
from tests.support.builds import REPO


def _page(parts: list[tuple[str, str]]) -> Page:
    content, fragments = assemble(parts)
    return Page(src_uri="policies/x.md", title="x", content=content, fragments=fragments)


def _rendered(page_class, page: Page, *args) -> MkDocsPage:
    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    config.plugins._current_plugin = None  # what MkDocs sets while a plugin's event runs
    file = File.generated(
        config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV
    )
    mkdocs_page = page_class(None, file, config, *args)
    mkdocs_page.read_source(config)
    mkdocs_page.render(config, Files([file]))
    return mkdocs_page


def test_only_placeholders():
    assert only_placeholders(_page([("html", "<p>a</p>"), ("html", "<div>b</div>")]))
    assert not only_placeholders(_page([("html", "<p>a</p>"), ("md", "## 标题")]))
    assert not only_placeholders(_page([]))


def test_ready_renders_what_mkdocs_renders():
    page = _page([("html", f"<p>{n}</p>") for n in range(12)])
    own = _rendered(MkDocsPage, page)
    ready = _rendered(ReadyPage, page, list(page.fragments))
    assert ready.content == own.content
    assert page.converted(ready.content) == page.converted(own.content)
    assert list(ready.toc) == list(own.toc) == []
    assert ready.present_anchor_ids == own.present_anchor_ids == set()
