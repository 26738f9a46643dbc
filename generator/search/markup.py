"""The `data-pagefind-*` markup an item page carries for search, and nothing more.

`search_block(index, item, today)` returns one HTML fragment to place INSIDE the item
page's `data-pagefind-body` element (the article). It holds:

- result metadata (type, status, tone, date, department, doc number) and the filters
  (collection, department, year, status) and the date sort, all as inline values on empty
  elements, so none of them adds words to the index;
- a visually hidden but indexed block with the doc number in canonical forms plus its exact
  key (docnumber.py) and the title without punctuation, so 晋政规[2025]5号 and 亲清 match.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from generator.index import ContentIndex, Item
from generator.messages import COLLECTION_NAMES
from generator.models.items import Policy
from generator.search.docnumber import parse_doc_number, plain_text
from generator.status import WITHDRAWN, Status

# Doc numbers are what a user typing one wants first. The title is already in the page's h1
# (Pagefind weights h1 at 7); repeating it without punctuation at a high weight lifts items
# whose title holds all the query words over long pages that merely mention them often.
DOC_NUMBER_WEIGHT = "5"
TITLE_WEIGHT = "3"


def collection_label(collection: str) -> str:
    return COLLECTION_NAMES[collection][0]


def shown_status(index: ContentIndex, item: Item, today: dt.date) -> Status | None:
    return WITHDRAWN if item.withdrawn else index.status(item, today)


def search_fields(index: ContentIndex, item: Item, today: dt.date) -> dict[str, dict[str, str]]:
    """The values search shows (meta), narrows by (filter) and sorts by (sort) for an item."""
    status = shown_status(index, item, today)
    department = index.site.departments[item.department].name
    date = item.published.isoformat()
    meta = {
        "title": item.title,
        "type": collection_label(item.collection),
        "date": date,
        "department": department,
    }
    filters = {
        "collection": collection_label(item.collection),
        "department": department,
        "year": str(item.published.year),
    }
    if status is not None:
        meta["status"] = status.label
        meta["tone"] = status.tone
        filters["status"] = status.label
    doc_number = getattr(item.data, "doc_number", None)
    if isinstance(item.data, Policy) and doc_number:
        meta["doc_number"] = doc_number
    return {"meta": meta, "filter": filters, "sort": {"date": date}}


def search_terms(item: Item) -> list[str]:
    """Extra indexed text: doc number forms (when it parses) and the punctuation-free title."""
    terms: list[str] = []
    doc_number = getattr(item.data, "doc_number", None)
    parsed = parse_doc_number(doc_number) if doc_number else None
    if parsed is not None and parsed.number is not None:
        terms.extend(parsed.forms())
    elif doc_number:
        terms.append(plain_text(doc_number))
    terms.append(plain_text(item.title))
    return terms


def _inline(kind: str, key: str, value: str) -> str:
    # Inline syntax `key:value` takes the rest of the attribute verbatim, commas included.
    return f'<span data-pagefind-{kind}="{escape(key)}:{escape(value)}"></span>'


def search_block(index: ContentIndex, item: Item, today: dt.date) -> str:
    """HTML for inside the item's `data-pagefind-body` element (see the module docstring)."""
    fields = search_fields(index, item, today)
    inline = "".join(
        _inline(kind, key, value)
        for kind, values in fields.items()
        for key, value in values.items()
    )
    terms = search_terms(item)
    doc_forms = " ".join(escape(t) for t in terms[:-1])
    title = escape(terms[-1])
    parts = ['<div class="qq-search-data" hidden>', inline]
    if doc_forms:
        parts.append(f'<p data-pagefind-weight="{DOC_NUMBER_WEIGHT}">{doc_forms}</p>')
    parts.append(f'<p data-pagefind-weight="{TITLE_WEIGHT}">{title}</p></div>')
    return "".join(parts)
