"""What `mkdocs serve` does differently from a build of the published site: no search index
(a rebuild after an edit takes seconds, not the index's tens), said on the search page, and
nothing more."""

from __future__ import annotations

from generator.features.search.page import SEARCH_SRC

__all__ = ["SEARCH_NOTICE", "SEARCH_SRC", "with_preview_notice"]

SEARCH_NOTICE = (
    '<div class="admonition warning qq-preview-notice" role="status">'
    "<p>预览模式：搜索索引未更新，构建正式站点后可用。</p></div>"
)


def with_preview_notice(src_uri: str, html: str) -> str:
    """The page's HTML, with the notice on top when it is the search page."""
    return SEARCH_NOTICE + html if src_uri == SEARCH_SRC else html
