"""Load a content folder into a ContentIndex, collecting every problem on the way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.cache.memo import held_value
from generator.content.answers import ANSWERS_FILE, load_answers
from generator.content.checks import check_dates_for_day, check_petition_departments, check_site
from generator.content.history import GitHistory, read_git_history
from generator.content.index import COLLECTION_ORDER, ContentIndex, Item, RecipientRow
from generator.content.partial import empty_view, partial_view
from generator.content.site_codes import site_codes
from generator.content.sources import (
    Document,
    list_folder,
    read_csv,
    read_item,
    read_yaml_mapping,
)
from generator.content.validation import problems_from_errors, validate
from generator.content.yamldoc import Pos, Positions
from generator.models.announcements import Announcement, Recipient
from generator.models.fields import ID_RE
from generator.models.items import COLLECTIONS
from generator.models.site import SiteConfig
from generator.parallel import split_map
from generator.problems import Problem, sort_problems

RECIPIENT_COLUMNS = ("name", "credit_code", "amount", "project")
KNOWN_FOLDERS = {*COLLECTION_ORDER, "attachments"}
# The child also pickles what it parsed, and its freshly forked memory is slower to fill:
# at 5,000 items a third for the child is fastest (load 0.74 s at a half, 0.64 s at 0.35).
READ_CHILD_SHARE = 0.35


@dataclass
class LoadResult:
    """What was loaded: `index` holds the items that validated (None without a valid
    site.yaml); `view` every item that has a file, partial where its front matter failed,
    for the checks (None only without a content folder); `documents` the parsed front
    matter of each item of the view that has any."""

    index: ContentIndex | None
    problems: list[Problem] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    view: ContentIndex | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return self.index is not None and not self.errors


def _rel(content_dir: Path, path: Path) -> str:
    """Paths in messages start at the content folder's own name (content/funds/x.md).

    `path` lies below `content_dir` as given (callers turn resolved paths back into that form).
    """
    name = (
        content_dir.name if content_dir.name not in ("", ".", "..") else content_dir.resolve().name
    )
    return (Path(name) / path.relative_to(content_dir)).as_posix()


def load_site(content_dir: Path) -> tuple[SiteConfig | None, list[Problem]]:
    site, complete, _, problems = _read_site(content_dir)
    return (site if complete else None), problems


def _read_site(content_dir: Path) -> tuple[SiteConfig, bool, dict | None, list[Problem]]:
    """(the site or its partial view, whether it validated, its raw mapping, problems)."""
    path = content_dir / "site.yaml"
    rel = _rel(content_dir, path)
    if not path.exists() and not path.is_symlink():
        return empty_view(SiteConfig), False, None, [Problem(rel, 1, 1, "error", "site_missing")]
    doc, problems = read_yaml_mapping(path, rel)
    if doc is None:
        return empty_view(SiteConfig), False, None, problems
    site, more = validate(SiteConfig, doc)
    more += check_petition_departments(doc, site_codes(doc.data))
    if site is None:
        return partial_view(SiteConfig, doc.data).data, False, doc.data, problems + more
    return site, True, doc.data, problems + more


def load_content(
    content_dir: Path, today: dt.date | None = None, with_git: bool = False
) -> LoadResult:
    """Read, validate and cross-check everything under `content_dir`.

    `today` enables the date-dependent checks (guide review age); `with_git` reads the
    history of the files for `updated` dates and revision lists (the build wants it, `check`
    does not).
    """
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        return LoadResult(
            None,
            [
                Problem(
                    str(content_dir),
                    1,
                    1,
                    "error",
                    "content_missing",
                    params={"path": str(content_dir)},
                )
            ],
        )
    site, site_complete, site_data, problems = _read_site(content_dir)
    problems += _unknown_folders(content_dir)
    jobs, found = _item_jobs(content_dir)
    problems += found
    items, complete, documents, found = _load_items(content_dir, jobs)
    problems += found
    git = read_git_history(content_dir, site.zone) if with_git and site_complete else GitHistory()
    answers_rel = _rel(content_dir, content_dir / ANSWERS_FILE)
    answers, found = load_answers(content_dir, answers_rel, site if site_complete else None)
    problems += found
    index = None
    if site_complete:
        index = ContentIndex(
            site=site, content_dir=content_dir, items=complete, git=git, answers=answers
        )
    view = index
    if index is None or len(complete) < len(items):
        view = ContentIndex(site=site, content_dir=content_dir, items=items, git=git)
    problems += check_site(view, documents, site_codes(site_data, site))
    if today is not None:
        problems += check_dates_for_day(view, documents, today)
    return LoadResult(index, sort_problems(problems), documents, view)


def _unknown_folders(content_dir: Path) -> list[Problem]:
    """A warning for each visible folder of `content_dir` that holds no collection."""
    return [
        Problem(
            _rel(content_dir, child),
            1,
            1,
            "warning",
            "unknown_folder",
            params={"name": child.name},
        )
        for child in sorted(content_dir.iterdir())
        if child.is_dir() and child.name not in KNOWN_FOLDERS and not child.name.startswith(".")
    ]


def _item_jobs(content_dir: Path) -> tuple[list[tuple[str, Path, str, str]], list[Problem]]:
    """(collection, path, shown path, path below `content_dir`) of every item file to read."""
    problems: list[Problem] = []
    jobs: list[tuple[str, Path, str, str]] = []
    for collection in COLLECTION_ORDER:
        folder = content_dir / collection
        if not folder.is_dir() and not folder.is_symlink():
            continue
        # list_folder follows no link and refuses what is not a regular file; both relative
        # forms are made by string (pathlib's relative_to per file was a visible share).
        shown = _rel(content_dir, folder)
        names, found = list_folder(folder, shown, content_dir)
        problems += found
        for inner in names:
            rel = f"{shown}/{inner}"
            if not inner.endswith(".md"):
                problems.append(Problem(rel, 1, 1, "warning", "not_markdown"))
                continue
            jobs.append((collection, folder / inner, rel, f"{collection}/{inner}"))
    return jobs, problems


def _load_items(
    content_dir: Path, jobs: list[tuple[str, Path, str, str]]
) -> tuple[dict[str, Item], dict[str, Item], dict[str, Document], list[Problem]]:
    """(every item with a file, the items that validated, their documents, problems)."""
    problems: list[Problem] = []
    items: dict[str, Item] = {}
    complete: dict[str, Item] = {}
    documents: dict[str, Document] = {}
    # Parsing YAML is most of the load: on two cores, a forked child parses the tail and
    # sends back plain documents (cheap to pickle); validation stays here.
    reads = split_map(_read_job, jobs, child_share=READ_CHILD_SHARE)
    for (collection, path, rel, relative), read in zip(jobs, reads, strict=True):
        item, doc, found, valid = _load_item(content_dir, collection, path, rel, relative, read)
        problems += found
        if item is None:
            continue
        if item.id in items:
            other = _rel(content_dir, content_dir / items[item.id].path)
            params = {"id": item.id, "other": other}
            problems.append(Problem(rel, 1, 1, "error", "duplicate_id", params=params))
            continue
        items[item.id] = item
        if valid:
            complete[item.id] = item
        if doc is not None:
            documents[item.id] = doc
    return items, complete, documents, problems


def date_problems(result: LoadResult, today: dt.date) -> list[Problem]:
    """The day-dependent checks, for a caller that learnt the day only after loading."""
    if result.view is None:
        return []
    return check_dates_for_day(result.view, result.documents, today)


def _read_job(job: tuple[str, Path, str, str]) -> tuple[Document | None, list[Problem]]:
    _, path, rel, _ = job
    return read_item(path, rel)


def _load_item(
    content_dir: Path,
    collection: str,
    path: Path,
    rel: str,
    relative: str,
    read: tuple[Document | None, list[Problem]],
) -> tuple[Item | None, Document | None, list[Problem], bool]:
    """Validate one read item (`read` is `read_item`'s answer for `path`, `relative` its
    path below `content_dir`): (the item, its document, problems, whether it validated).

    An item whose front matter failed comes back as a partial view (what validated of it;
    nothing when its YAML did not parse), so the site-wide checks still see it and what it
    names, and references to it are not reported as dangling.
    """
    item_id = path.stem
    model_class = COLLECTIONS[collection]
    if not ID_RE.match(item_id):
        problems = [Problem(rel, 1, 1, "error", "bad_id", params={"id": item_id})]
        doc, found = read
        if doc is not None and not doc.failed:
            found = found + validate(model_class, doc)[1]
        return None, None, problems + found, False  # nothing can refer to it
    doc, problems = read
    if doc is None or doc.failed:
        body = doc.body if doc is not None else ""
        item = Item(item_id, collection, empty_view(model_class), body, relative)
        return item, None, problems, False
    model, found = _validated(model_class, doc)
    problems = problems + found
    data = model
    if data is None:
        view = partial_view(model_class, doc.data)
        data, doc.view_entries = view.data, view.kept
    recipients: tuple[Recipient, ...] = ()
    rows: tuple[RecipientRow, ...] = ()
    if isinstance(data, Announcement):
        recipients, rows, found = _recipients(content_dir, data, doc)
        problems += found
    item = Item(item_id, collection, data, doc.body, relative, recipients, rows)
    return item, doc, problems, model is not None


def _validated(model_class: type, doc: Document) -> tuple[Any, list[Problem]]:
    """`validate(model_class, doc)`; in `mkdocs serve`, kept for the same parsed document
    (the build cache's in-memory entry, unchanged while its file is) from one rebuild to
    the next (`memo.held_value`: the entry holds `doc`, so no other object has its id)."""
    kept, result = held_value(
        "validated", (model_class, id(doc)), lambda: (doc, validate(model_class, doc))
    )
    return result if kept is doc else validate(model_class, doc)


def _recipients(
    content_dir: Path, notice: Announcement, doc: Document
) -> tuple[tuple[Recipient, ...], tuple[RecipientRow, ...], list[Problem]]:
    """The recipients of a notice, and where each stands when they come from a CSV file."""
    if not isinstance(notice.recipients, str):
        return tuple(notice.recipients), (), []
    from generator.content.checks import formula_cells, resolve_content_path

    target, problem = resolve_content_path(content_dir, notice.recipients, doc, ("recipients",))
    if target is None:
        return (), (), [problem] if problem else []
    # `target` is resolved (absolute); content_dir may be relative (`--content content`).
    csv_rel = _rel(content_dir, content_dir / target.relative_to(content_dir.resolve()))
    rows, problems = read_csv(target, csv_rel, RECIPIENT_COLUMNS)
    problems += formula_cells(rows, csv_rel)
    recipients, places = [], []
    for row in rows:
        values = {k: v for k, v in row.values.items() if v != "" or k != "project"}
        try:
            recipients.append(Recipient.model_validate(values))
        except ValidationError as exc:
            cells = {(name,): Pos(row.line, column) for name, column in row.columns.items()}
            positions = Positions(values={(): Pos(row.line, 1), **cells})
            problems += problems_from_errors(
                exc.errors(include_url=False), Document(csv_rel, values, positions)
            )
            continue
        columns = row.columns
        places.append(RecipientRow(csv_rel, row.line, columns["credit_code"], columns["amount"]))
    return tuple(recipients), tuple(places), problems
