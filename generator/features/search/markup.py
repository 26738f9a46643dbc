"""The `data-pagefind-*` markup an item page carries for search, and nothing more.

`search_block(index, item, today)` returns one HTML fragment to place INSIDE the item
page's `data-pagefind-body` element (the article). It holds:

- result metadata (type, status, tone, date, department, doc number, summary, and the
  instants the status changes at, as item pages embed them for site.js) and the filters
  (collection, department, year, status, and `changes`: the first day on or after the
  build day the status may change) and the date sort, all as inline values on empty
  elements, so none of them adds words to the index;
- a visually hidden but indexed block with the doc number in canonical forms plus its exact
  key (docnumber.py), the title without punctuation, so 晋政规[2025]5号 and 亲清 match, and
  for announcements the exact name key of every recipient (names.py).
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from generator.compile.clock import shown_status, status_attributes
from generator.content.index import ContentIndex, Item
from generator.features.search.docnumber import parse_doc_number, plain_text
from generator.features.search.names import name_key
from generator.markup.scan import NextFinder
from generator.messages import COLLECTION_NAMES
from generator.models.policies import Policy

# Doc numbers are what a user typing one wants first. The title is already in the page's h1
# (Pagefind weights h1 at 7); repeating it without punctuation at a high weight lifts items
# whose title holds all the query words over long pages that merely mention them often.
DOC_NUMBER_WEIGHT = "5"
TITLE_WEIGHT = "3"
SUMMARY_MAX = 120
_SENTENCE_END = re.compile(r"[。！？]")


def collection_label(collection: str) -> str:
    return COLLECTION_NAMES[collection][0]


_NOISE_CHARS = frozenset("*_`~")


def without_markdown_noise(text: str) -> str:
    """`text` with links and images reduced to their text, and tags, emphasis marks and
    `{...}` attribute lists dropped, in one linear pass.

    Same result as substituting `!?\\[([^\\]]*)\\]\\([^)]*\\)|<[^>]+>|[*_`~]|\\{[^}]*\\}` with
    the link text, which is quadratic on a run of `[`, `<` or `{` without its closer.
    """
    closers = {char: NextFinder(text, char) for char in "])>}"}
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        bracket = i + 1 if char == "!" and text.startswith("[", i + 1) else i
        if text[bracket] == "[":
            close = closers["]"].find(bracket + 1)
            if close >= 0 and text.startswith("(", close + 1):
                end = closers[")"].find(close + 2)
                if end >= 0:
                    out.append(text[bracket + 1 : close])
                    i = end + 1
                    continue
        elif char == "<" and i + 1 < n and text[i + 1] != ">":
            close = closers[">"].find(i + 1)
            if close >= 0:
                i = close + 1
                continue
        elif char == "{":
            close = closers["}"].find(i + 1)
            if close >= 0:
                i = close + 1
                continue
        elif char in _NOISE_CHARS:
            i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def first_sentence(markdown: str) -> str:
    """The body's first sentence as plain text (headings, tables and lists skipped)."""
    for line in markdown.splitlines():
        text = line.strip()
        if not text or text[0] in "#|>-*+`<" or text[0].isdigit() and ". " in text[:5]:
            continue
        text = without_markdown_noise(text).strip()
        end = _SENTENCE_END.search(text)
        text = text[: end.end()] if end else text
        return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1] + "…"
    return ""


def next_change(index: ContentIndex, item: Item, today: dt.date) -> str | None:
    """The first day, on or after `today`, the item's status may change (ISO), if any.

    The browser counts an item whose day has come as "changed since the build" and
    recomputes its status before the 状态 filter keeps or drops it (search.js).
    """
    zone = index.site.zone
    attrs = status_attributes(index, item, today)
    days = []
    for name in ("data-qq-opens", "data-qq-repealed", "data-qq-answered"):
        if name in attrs:
            days.append(dt.datetime.fromisoformat(attrs[name]).astimezone(zone).date())
    if "data-qq-closes" in attrs:
        after = dt.datetime.fromisoformat(attrs["data-qq-closes"]) + dt.timedelta(seconds=1)
        days.append(after.astimezone(zone).date())
    later = [day for day in days if day >= today]
    return min(later).isoformat() if later else None


def issuer_name(index: ContentIndex, item: Item) -> str:
    """Who issued the item: a policy's 发文机关 where set (中共中央 国务院 for 中发〔2017〕25号,
    not the department that republished it), else the publishing department's name."""
    if isinstance(item.data, Policy) and item.data.issuer:
        return item.data.issuer
    return index.site.departments[item.department].name


def search_fields(index: ContentIndex, item: Item, today: dt.date) -> dict[str, dict[str, str]]:
    """The values search shows (meta), narrows by (filter) and sorts by (sort) for an item."""
    status = shown_status(index, item, today)
    department = issuer_name(index, item)
    date = item.published.isoformat()
    meta = {
        "title": item.title,
        "type": collection_label(item.collection),
        "date": date,
        "department": department,
        "summary": item.data.summary or first_sentence(item.body),
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
        # What site.js reads from an item page's badge (data-qq-opens -> opens, ...).
        meta.update(
            (name.removeprefix("data-qq-"), value)
            for name, value in status_attributes(index, item, today).items()
        )
        change = next_change(index, item, today)
        if change is not None:
            filters["changes"] = change
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


def recipient_keys(item: Item) -> list[str]:
    """The exact name key of each recipient, once each, in table order.

    Credit codes need none: the recipients table in the page holds each as one word.
    """
    keys = (name_key(r.name) for r in item.recipients)
    return list(dict.fromkeys(key for key in keys if key))


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
    parts = ['<div class="qq-search-data" id="qq-search-data" hidden>', inline]
    if doc_forms:
        parts.append(f'<p data-pagefind-weight="{DOC_NUMBER_WEIGHT}">{doc_forms}</p>')
    parts.append(f'<p data-pagefind-weight="{TITLE_WEIGHT}">{title}</p>')
    keys = recipient_keys(item)
    if keys:
        parts.append(f"<p>{' '.join(keys)}</p>")
    parts.append("</div>")
    return "".join(parts)
