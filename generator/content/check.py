"""The whole content check that `check`, `build` and the MkDocs plugin run alike, and nothing more.

Loading validates every file (loader.py); on top of that come the body checks (links and
anchors, unsafe link schemes, attribute lists, in bodies and in `interpretation`) and, when
no day was given, the day-dependent checks for today. `build` stops on exactly the errors
`check` reports, with the same messages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from generator.content.attribute_lists import check_attribute_lists
from generator.content.links import check_links
from generator.content.loader import LoadResult, date_problems, load_content
from generator.content.sources import Document
from generator.content.yamldoc import Positions
from generator.models.instants import local_today
from generator.problems import sort_problems


def check_content(
    content_dir: Path,
    today: dt.date | None = None,
    *,
    with_git: bool = False,
    external_links: bool = False,
) -> LoadResult:
    """Every problem of the content in `content_dir`, sorted by file and line."""
    result = load_content(content_dir, today, with_git=with_git)
    view = result.view  # every item with a file, partial where it failed: all get checked
    if view is None:
        return result
    problems = [*result.problems]
    problems += check_links(view, result.documents, external=external_links)
    interpretations = _interpretations(result)
    problems += check_links(view, interpretations)
    for doc in [*result.documents.values(), *interpretations.values()]:
        problems += check_attribute_lists(doc)
    if today is None:
        problems += date_problems(result, local_today(view.site.zone))
    return replace(result, problems=sort_problems(problems))


def _interpretations(result: LoadResult) -> dict[str, Document]:
    """Each item's `interpretation` (editor Markdown in the front matter) as a body of its own,
    its lines counted from where the text starts in the file."""
    found = {}
    for item_id, doc in result.documents.items():
        text = doc.data.get("interpretation")
        if not isinstance(text, str) or not text.strip():
            continue
        key = doc.positions.key(("interpretation",))
        value = doc.positions.locate(("interpretation",))
        # A block scalar (`interpretation: |`) starts on the line after its key.
        block = "\n" in text.strip() and key is not None and key.line == value.line
        first = value.line + 1 if block else value.line
        found[item_id] = replace(doc, body=text, body_line=first, positions=Positions())
    return found
