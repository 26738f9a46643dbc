"""Site search: Pagefind over the built site, doc-number normalization, the /search/ page."""

from generator.adapters.mkdocs.indexer import IndexReport, SearchIndexError, build_search_index
from generator.features.search.docnumber import DocNumber, parse_doc_number, plain_text
from generator.features.search.markup import search_block, search_fields
from generator.features.search.page import search_files, search_page

__all__ = [
    "DocNumber",
    "IndexReport",
    "SearchIndexError",
    "build_search_index",
    "parse_doc_number",
    "plain_text",
    "search_block",
    "search_fields",
    "search_files",
    "search_page",
]
