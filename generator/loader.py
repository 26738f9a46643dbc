"""Load a content folder into a ContentIndex, collecting every problem on the way."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from generator.checks import check_dates_for_day, check_site
from generator.history import GitHistory, read_git_history
from generator.index import COLLECTION_ORDER, ContentIndex, Item
from generator.models.fields import ID_RE
from generator.models.items import COLLECTIONS, Announcement, Recipient
from generator.models.site import SiteConfig
from generator.parallel import split_map
from generator.problems import Problem, sort_problems
from generator.sources import Document, Pos, Positions, read_csv, read_item, read_yaml_mapping
from generator.validation import problems_from_errors, validate

RECIPIENT_COLUMNS = ("name", "credit_code", "amount", "project")
KNOWN_FOLDERS = {*COLLECTION_ORDER, "attachments"}
# The child also pickles what it parsed, and its freshly forked memory is slower to fill:
# at 5,000 items a third for the child is fastest (load 0.74 s at a half, 0.64 s at 0.35).
READ_CHILD_SHARE = 0.35


@dataclass
class LoadResult:
    index: ContentIndex | None
    problems: list[Problem] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)

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
    path = content_dir / "site.yaml"
    rel = _rel(content_dir, path)
    if not path.is_file():
        return None, [Problem(rel, 1, 1, "error", "site_missing")]
    doc, problems = read_yaml_mapping(path, rel)
    if doc is None:
        return None, problems
    site, more = validate(SiteConfig, doc)
    return site, problems + more


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
    site, problems = load_site(content_dir)
    items: dict[str, Item] = {}
    documents: dict[str, Document] = {}
    for child in sorted(content_dir.iterdir()):
        if child.is_dir() and child.name not in KNOWN_FOLDERS and not child.name.startswith("."):
            problems.append(
                Problem(
                    _rel(content_dir, child),
                    1,
                    1,
                    "warning",
                    "unknown_folder",
                    params={"name": child.name},
                )
            )
    jobs: list[tuple[str, Path, str, str]] = []
    for collection in COLLECTION_ORDER:
        folder = content_dir / collection
        if not folder.is_dir():
            continue
        # Both relative forms by string: pathlib's relative_to for every file was a visible
        # share of the load. rglob's paths all start with the folder's own text.
        cut, shown = len(str(folder)) + 1, _rel(content_dir, folder)
        for path in sorted(folder.rglob("*")):
            if path.is_dir() or path.name.startswith("."):
                continue
            inner = str(path)[cut:].replace(os.sep, "/")
            rel = f"{shown}/{inner}"
            if path.suffix != ".md":
                problems.append(Problem(rel, 1, 1, "warning", "not_markdown"))
                continue
            jobs.append((collection, path, rel, f"{collection}/{inner}"))
    # Parsing YAML is most of the load: on two cores, a forked child parses the tail and
    # sends back plain documents (cheap to pickle); validation stays here.
    reads = split_map(_read_job, jobs, child_share=READ_CHILD_SHARE)
    for (collection, path, rel, relative), read in zip(jobs, reads, strict=True):
        item, doc, found = _load_item(content_dir, collection, path, rel, relative, read)
        problems += found
        if item is None:
            continue
        if item.id in items:
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "error",
                    "duplicate_id",
                    params={
                        "id": item.id,
                        "other": _rel(content_dir, content_dir / items[item.id].path),
                    },
                )
            )
            continue
        items[item.id] = item
        documents[item.id] = doc
    if site is None:
        return LoadResult(None, sort_problems(problems))
    git = read_git_history(content_dir, site.zone) if with_git else GitHistory()
    index = ContentIndex(site=site, content_dir=content_dir, items=items, git=git)
    problems += check_site(index, documents)
    if today is not None:
        problems += check_dates_for_day(index, documents, today)
    return LoadResult(index, sort_problems(problems), documents)


def date_problems(result: LoadResult, today: dt.date) -> list[Problem]:
    """The day-dependent checks, for a caller that learnt the day only after loading."""
    if result.index is None:
        return []
    return check_dates_for_day(result.index, result.documents, today)


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
) -> tuple[Item | None, Document | None, list[Problem]]:
    """Validate one read item (`read` is `read_item`'s answer for `path`, `relative` its
    path below `content_dir`)."""
    item_id = path.stem
    problems: list[Problem] = []
    if not ID_RE.match(item_id):
        problems.append(Problem(rel, 1, 1, "error", "bad_id", params={"id": item_id}))
    doc, found = read
    problems += found
    if doc is None:
        return None, None, problems
    model, found = validate(COLLECTIONS[collection], doc)
    problems += found
    if model is None or any(p.code == "bad_id" for p in problems):
        return None, doc, problems
    recipients: tuple[Recipient, ...] = ()
    if isinstance(model, Announcement):
        recipients, found = _recipients(content_dir, model, doc)
        problems += found
    return Item(item_id, collection, model, doc.body, relative, recipients), doc, problems


def _recipients(
    content_dir: Path, notice: Announcement, doc: Document
) -> tuple[tuple[Recipient, ...], list[Problem]]:
    if not isinstance(notice.recipients, str):
        return tuple(notice.recipients), []
    from generator.checks import formula_cells, resolve_content_path

    target, problem = resolve_content_path(content_dir, notice.recipients, doc, ("recipients",))
    if target is None:
        return (), [problem] if problem else []
    # `target` is resolved (absolute); content_dir may be relative (`--content content`).
    csv_rel = _rel(content_dir, content_dir / target.relative_to(content_dir.resolve()))
    rows, problems = read_csv(target, csv_rel, RECIPIENT_COLUMNS)
    problems += formula_cells(rows, csv_rel)
    recipients = []
    for row in rows:
        values = {k: v for k, v in row.values.items() if v != "" or k != "project"}
        try:
            recipients.append(Recipient.model_validate(values))
        except ValidationError as exc:
            row_doc = Document(csv_rel, values, Positions(values={(): Pos(row.line, 1)}))
            problems += problems_from_errors(exc.errors(include_url=False), row_doc)
    return tuple(recipients), problems
