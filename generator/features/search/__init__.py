"""Site search: the search block of each item page, doc-number and name normalization, the /search/ page.

Pagefind itself (the index run, the stream, the bundle's canonical form) is the MkDocs
adapter's: `generator/adapters/mkdocs/`.
"""

from generator.features.search.docnumber import DocNumber, parse_doc_number, plain_text
from generator.features.search.markup import search_block, search_fields
from generator.features.search.page import search_files, search_page

__all__ = [
    "DocNumber",
    "parse_doc_number",
    "plain_text",
    "search_block",
    "search_fields",
    "search_files",
    "search_page",
]
