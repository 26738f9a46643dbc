"""What search adds to the site: the /search/ page, its script, and each item's search block."""

from __future__ import annotations

from generator.compile.contributor import Contributor
from generator.features.search.markup import search_block
from generator.features.search.page import search_files, search_page

# The block (search metadata, filters, normalized doc numbers) closes an item page's content,
# inside its data-pagefind-body article.
CONTRIBUTOR = Contributor(
    name="search",
    pages=lambda ctx: [search_page(ctx.index)],
    files=lambda ctx: search_files(),
    item_block=search_block,
)
