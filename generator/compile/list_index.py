"""The list index: each collection's rows and filter values as small JSON files, and nothing more.

A list page holds one page of rows; with JavaScript, site.js filters and sorts the whole
collection from this index and shows the matches a page at a time ("显示更多"). Under
`lists/<collection>/`:

- `index.json`: `{"total": n, "fields": [[name, multiple, [code, …]], …], "sorts": [key, …],
  "entries": size, "rows": size}`; the entries and rows files hold `size` items each.
- `entries-<k>.json`: items k·size … in the collection's first order, each
  `[value, …, clock, rank, …]`: per field an index into its codes (-1: none; a list of
  indexes where `multiple`), then the status clock, then the item's place in each further
  order. The clock is the status code where it no longer changes (`withdrawn`, `results`;
  `""` for a guide), else `[opens, closes, then]` in Unix seconds (0: none; `then` is a
  policy's repeal or a consultation's feedback), so the browser recomputes the status.
- `rows-<k>.json`: the rows' HTML after the link's way back to the site root (the script
  puts `<tr><td data-label="标题"><a href="` and the root before each).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from generator.cache.memo import remembered_stream
from generator.cache.store import digest
from generator.compile.clock import status_attributes
from generator.compile.contributor import Context, Contributor
from generator.compile.list_rows import Row, filter_fields, list_rows
from generator.compile.lists import LIST_INDEX_DIR
from generator.compile.shape import shape_key
from generator.content.index import COLLECTION_ORDER, ContentIndex
from generator.content.status import STATUSES
from generator.output import OutputFile

# Items per file: entries are about 40 bytes, rows about 700 (a policy's).
ENTRIES_PER_FILE = 2000
ROWS_PER_FILE = 200
MULTIPLE = ("industry", "topic")


def _seconds(value: str | None) -> int:
    return int(dt.datetime.fromisoformat(value).timestamp()) if value else 0


def _clock(index: ContentIndex, row: Row, today: dt.date) -> str | list[int]:
    if not STATUSES[row.item.collection]:
        return ""
    found = status_attributes(index, row.item, today)
    if "data-qq-fixed" in found:
        return found["data-qq-fixed"]
    then = found.get("data-qq-repealed") or found.get("data-qq-answered")
    return [_seconds(found.get(f"data-qq-{k}")) for k in ("opens", "closes")] + [_seconds(then)]


def _json(path: str, value) -> OutputFile:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return OutputFile(path, text.encode("utf-8"), "application/json")


def collection_index(index: ContentIndex, collection: str, today: dt.date) -> list[OutputFile]:
    """The index files of one collection."""
    ordered = list_rows(index, collection, today)
    first, *others = ordered
    rows = ordered[first]
    fields = [f for f in filter_fields(index, collection, index.collection(collection))]
    fields = [f for f in fields if f["name"] != "status"]
    codes = {f["name"]: {code: n for n, (code, _) in enumerate(f["options"])} for f in fields}
    ranks = {key: {row.item.id: n for n, row in enumerate(ordered[key])} for key in others}
    entries = []
    for row in rows:
        entry: list = []
        for field in fields:
            known = codes[field["name"]]
            values = [known[v] for v in row.values.get(field["name"], ()) if v in known]
            entry.append(values if field["name"] in MULTIPLE else (values[0] if values else -1))
        entry.append(_clock(index, row, today))
        entry += [ranks[key][row.item.id] for key in others]
        entries.append(entry)
    base = f"{LIST_INDEX_DIR}/{collection}/"
    head = {
        "total": len(rows),
        "fields": [
            [f["name"], f["name"] in MULTIPLE, [code for code, _ in f["options"]]] for f in fields
        ],
        "sorts": list(ordered),
        "entries": ENTRIES_PER_FILE,
        "rows": ROWS_PER_FILE,
    }
    files = [_json(f"{base}index.json", head)]
    for k, start in enumerate(range(0, len(entries), ENTRIES_PER_FILE)):
        files.append(_json(f"{base}entries-{k}.json", entries[start : start + ENTRIES_PER_FILE]))
    for k, start in enumerate(range(0, len(rows), ROWS_PER_FILE)):
        tails = [row.tail for row in rows[start : start + ROWS_PER_FILE]]
        files.append(_json(f"{base}rows-{k}.json", tails))
    return files


def _files(ctx: Context) -> Iterator[OutputFile]:
    # List rows show no body: with a build cache, kept while the site's shape is unchanged.
    return remembered_stream(
        "files",
        digest(shape_key(ctx.index, ctx.today), "list-index"),
        lambda: (f for c in COLLECTION_ORDER for f in collection_index(ctx.index, c, ctx.today)),
    )


CONTRIBUTOR = Contributor(name="list-index", deferred_files=_files)
