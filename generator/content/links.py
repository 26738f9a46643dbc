"""Links in item bodies: find them, resolve them against the site, and report those that lead nowhere.

Internal links (other items, attachments, site pages, `#anchors`) are checked on every run;
external URLs only when asked (`check --links`), as warnings, since the network is not the
editor's fault.
"""

from __future__ import annotations

import posixpath
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from generator.cache.memo import held
from generator.content.index import COLLECTION_ORDER, ContentIndex, Item
from generator.content.sources import Document

# heading_slug: the site's heading-slug function, named here for the link checks' callers.
from generator.markup.editor import heading_slug as heading_slug
from generator.markup.editor import render_editor_markdown
from generator.markup.sanitize import refused_scheme
from generator.markup.scan import (
    autolink_targets,
    blank_code_spans,
    inline_link_targets,
    lines_outside_fences,
)
from generator.problems import Problem
from generator.urls import (
    ATTACHMENTS_PREFIX,
    CALENDAR_DIR,
    DATA_DIR,
    FEEDS_DIR,
    LOOKUP_PATH,
    MATCH_PATH,
    PETITIONS_PATH,
    SEARCH_PATH,
    STATS_PATH,
    SUBSCRIBE_PATH,
    item_path,
)

EXTERNAL_TIMEOUT = 5.0
EXTERNAL_WORKERS = 8
USER_AGENT = "qinqing-linkcheck/1.0 (+https://github.com/)"


@dataclass(frozen=True)
class Link:
    """One link target written in a body, at its 1-based line and column in the file."""

    target: str
    line: int
    column: int


# -- finding links -------------------------------------------------------------------------

_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(?P<target><[^>]*>|\S+)")
_HTML_ATTR = re.compile(r"\b(?:href|src)\s*=\s*([\"'])(?P<target>[^\"']*)\1", re.IGNORECASE)
# What every link form needs somewhere on its line: `[` (inline, image, reference), `<`
# (autolink), `href`/`src` (HTML). A line without any holds no link, so it is not scanned:
# most lines of most bodies (the whole scan was 0.3 ms a body at 5,000 items).
_MAY_LINK = re.compile(r"[\[<]|href|src", re.IGNORECASE)


def _line_targets(line: str) -> list[tuple[int, str]]:
    """(0-based column, target) of every link on a line whose code spans are blanked."""
    found = [(t.start, t.text) for t in inline_link_targets(line) + autolink_targets(line)]
    for pattern in (_REFERENCE, _HTML_ATTR):
        found += [(m.start("target"), m.group("target")) for m in pattern.finditer(line)]
    return found


@held("links")  # `mkdocs serve`: a rebuild scans only the bodies that changed
def extract_links(body: str, first_line: int = 1) -> list[Link]:
    """Every link target in a Markdown body, outside code, with its position in the file."""
    links: list[Link] = []
    if not _MAY_LINK.search(body):
        return links
    for offset, raw in lines_outside_fences(body):
        if not _MAY_LINK.search(raw):
            continue
        found: set[tuple[int, str]] = set()
        for start, target in _line_targets(blank_code_spans(raw)):
            if target.startswith("<") and target.endswith(">"):
                target, start = target[1:-1], start + 1
            if target:
                found.add((start, target))
        for start, target in sorted(found):
            links.append(Link(target, first_line + offset, start + 1))
    return links


@lru_cache(maxsize=4096)
def heading_anchors(body: str) -> frozenset[str]:
    """The `id`s the rendered body has: heading slugs (as the site makes them) and explicit ids."""
    return render_editor_markdown(body).ids


# -- resolving internal links --------------------------------------------------------------

_FIXED_PAGES = {
    "",
    *(f"{c}/" for c in COLLECTION_ORDER),
    PETITIONS_PATH,
    LOOKUP_PATH,
    STATS_PATH,
    SUBSCRIBE_PATH,
    MATCH_PATH,
    SEARCH_PATH,
}


def _feed_names(index: ContentIndex) -> set[str]:
    site = index.site
    return {
        "all",
        "funds-open",
        *COLLECTION_ORDER,
        *(f"dept-{code}" for code in site.departments),
        *(f"industry-{code}" for code in site.industries),
        *(f"topic-{code}" for code in site.topics),
    }


@dataclass(frozen=True)
class _Target:
    """What a link resolved to: an item (whose anchors can be checked) or some other page or file."""

    item: Item | None = None


class _Resolver:
    """Answers "does this site path or content path exist?" for one index."""

    def __init__(self, index: ContentIndex) -> None:
        self.index = index
        self.by_path = {item.path: item for item in index.items.values()}
        self.feeds = _feed_names(index)
        base = urlsplit(str(index.site.base_url)).path
        self.base_path = base if base.endswith("/") else base + "/"

    def site_path(self, path: str) -> _Target | None:
        """A path from the site root, without leading slash (`funds/x/`)."""
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        if path in _FIXED_PAGES or path.startswith("pagefind/"):
            return _Target()
        parts = path.rstrip("/").split("/")
        if len(parts) == 2 and parts[0] in COLLECTION_ORDER:
            item = self.index.items.get(parts[1])
            return _Target(item) if item is not None and item.collection == parts[0] else None
        if path.startswith(ATTACHMENTS_PREFIX):
            return self.content_file(path)
        if path.startswith(FEEDS_DIR):
            name = re.fullmatch(r"feeds/(.+)\.(?:rss|atom)\.xml", path)
            return _Target() if name and name.group(1) in self.feeds else None
        if path.startswith(CALENDAR_DIR):
            name = re.fullmatch(r"calendar/(.+)\.ics", path)
            ok = name and (name.group(1) == "deadlines" or name.group(1) in self.index.items)
            return _Target() if ok else None
        if path.startswith(DATA_DIR):
            return _Target() if self._open_data(path[len(DATA_DIR) :]) else None
        return None

    def _open_data(self, rest: str) -> bool:
        """A file of data/: the index, a collection's (or the recipients') file of a year it
        has items of (`features/feeds/data_parts.py`), a schema, the funds' rules."""
        if rest in {"index.json", "fund-rules.json"}:
            return True
        if re.fullmatch(r"schemas/[a-z-]+\.schema\.json", rest):
            return True
        found = re.fullmatch(r"([a-z]+)/(\d{4})(?:-\d+)?\.(json|csv)", rest)
        if found is None:
            return False
        folder, year, ext = found.groups()
        collection = "announcements" if (folder, ext) == ("recipients", "csv") else folder
        if collection not in COLLECTION_ORDER or (ext == "csv") != (folder == "recipients"):
            return False
        return any(item.published.year == int(year) for item in self.index.collection(collection))

    def content_file(self, rel: str) -> _Target | None:
        """An attachment: published only from under attachments/."""
        if not rel.startswith(ATTACHMENTS_PREFIX):
            return None
        root = self.index.content_dir.resolve()
        candidate = (root / rel).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return _Target()
        return None

    def resolve(self, item: Item, path: str) -> _Target | None:
        if path.startswith("/"):
            path = path[1:]
            base = self.base_path.lstrip("/")
            if base and path.startswith(base):
                path = path[len(base) :]
            return self.site_path(path)
        source_dir = posixpath.dirname(item.path)
        joined = posixpath.normpath(posixpath.join(source_dir, path))
        if joined.startswith("../") or joined == "..":
            return None
        if joined.endswith(".md"):
            other = self.by_path.get(joined)
            return _Target(other) if other is not None else None
        found = self.content_file(joined)
        if found is not None:
            return found
        # Not a source file: MkDocs leaves it alone, so the browser resolves it from the page URL.
        page_dir = item_path(item)
        joined = posixpath.normpath(posixpath.join(page_dir, path))
        if joined.startswith(".."):
            return None
        if joined == ".":
            joined = ""
        elif path.endswith("/") or not posixpath.splitext(joined)[1]:
            joined += "/"
        return self.site_path(joined)


_SKIPPED_SCHEMES = ("mailto:", "tel:", "sms:", "data:", "javascript:", "ftp:")


def is_external(target: str) -> bool:
    return target.lower().startswith(("http://", "https://", "//"))


def _check_item(resolver: _Resolver, item: Item, doc: Document) -> list[Problem]:
    problems = []
    for link in extract_links(doc.body, doc.body_line):
        target = link.target.strip()
        scheme = refused_scheme(target)
        if scheme is not None:
            problems.append(
                Problem(
                    doc.rel,
                    link.line,
                    link.column,
                    "error",
                    "unsafe_link_scheme",
                    "",
                    {"value": target, "scheme": scheme},
                )
            )
            continue
        if is_external(target) or target.lower().startswith(_SKIPPED_SCHEMES):
            continue
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
            continue
        path, _, anchor = target.partition("#")
        path = unquote(path.split("?", 1)[0])
        anchor = unquote(anchor)

        def problem(code: str, _link=link, _target=target, **params) -> Problem:
            return Problem(
                doc.rel, _link.line, _link.column, "error", code, "", {"value": _target, **params}
            )

        if path:
            resolved = resolver.resolve(item, path)
            if resolved is None:
                problems.append(problem("broken_link"))
                continue
            anchored = resolved.item
        else:
            anchored = item
        if anchor and anchored is not None and anchor not in heading_anchors(anchored.body):
            problems.append(problem("broken_anchor", anchor=anchor))
    return problems


# -- external links ------------------------------------------------------------------------


@dataclass(frozen=True)
class ExternalResult:
    """The outcome of trying one URL: ok, or a problem code and its parameters."""

    url: str
    code: str | None = None
    params: tuple[tuple[str, str], ...] = ()


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _is_timeout(exc: BaseException) -> bool:
    reason = getattr(exc, "reason", exc)
    return isinstance(exc, TimeoutError | socket.timeout) or isinstance(
        reason, TimeoutError | socket.timeout
    )


def try_url(url: str, timeout: float = EXTERNAL_TIMEOUT) -> ExternalResult:
    """HEAD, then GET when HEAD is refused or fails (some servers answer HEAD wrongly)."""
    if url.startswith("//"):
        url = "https:" + url
    last: ExternalResult = ExternalResult(url)
    for method in ("HEAD", "GET"):
        try:
            status = _request(url, method, timeout)
        except Exception as exc:  # noqa: BLE001 - any network failure is a finding, not a crash
            if _is_timeout(exc):
                return ExternalResult(url, "external_link_timeout", (("seconds", f"{timeout:g}"),))
            reason = getattr(exc, "reason", exc)
            last = ExternalResult(url, "external_link", (("reason", str(reason)),))
            continue
        if status < 400:
            return ExternalResult(url)
        last = ExternalResult(url, "external_link_status", (("status", str(status)),))
    return last


def check_urls(
    urls: Iterable[str], timeout: float = EXTERNAL_TIMEOUT, workers: int = EXTERNAL_WORKERS
) -> dict[str, ExternalResult]:
    """Try each distinct URL once, at most `workers` at a time."""
    unique = sorted(set(urls))
    if not unique:
        return {}
    with ThreadPoolExecutor(max_workers=min(workers, len(unique))) as pool:
        results = pool.map(lambda u: try_url(u, timeout), unique)
        return dict(zip(unique, results, strict=True))


def _external_occurrences(index: ContentIndex, documents: dict[str, Document]):
    """(url, doc, line, column) for body links, attachment URLs and online service addresses."""
    for item_id in sorted(documents, key=lambda i: documents[i].rel):
        item, doc = index.items.get(item_id), documents[item_id]
        if item is None:
            continue
        for link in extract_links(doc.body, doc.body_line):
            if is_external(link.target):
                yield link.target.split("#", 1)[0], doc, link.line, link.column
        for i, attachment in enumerate(item.data.attachments):
            if attachment.url:
                pos = doc.positions.locate(("attachments", i, "url"))
                yield attachment.url, doc, pos.line, pos.column
        where = getattr(item.data, "where", None)
        if where is not None and where.online_url and is_external(where.online_url):
            pos = doc.positions.locate(("where", "online_url"))
            yield where.online_url, doc, pos.line, pos.column


def check_external(
    index: ContentIndex,
    documents: dict[str, Document],
    timeout: float = EXTERNAL_TIMEOUT,
    workers: int = EXTERNAL_WORKERS,
) -> list[Problem]:
    occurrences = list(_external_occurrences(index, documents))
    results = check_urls((o[0] for o in occurrences), timeout, workers)
    problems = []
    for url, doc, line, column in occurrences:
        result = results[url]
        if result.code:
            params = {"value": url, **dict(result.params)}
            problems.append(Problem(doc.rel, line, column, "warning", result.code, "", params))
    return problems


def check_links(
    index: ContentIndex,
    documents: dict[str, Document],
    external: bool = False,
    timeout: float = EXTERNAL_TIMEOUT,
    workers: int = EXTERNAL_WORKERS,
) -> list[Problem]:
    """Broken internal links and anchors in bodies; with `external`, unreachable URLs as warnings."""
    resolver = _Resolver(index)
    problems = []
    for item_id, doc in documents.items():
        item = index.items.get(item_id)
        if item is not None:
            problems += _check_item(resolver, item, doc)
    if external:
        problems += check_external(index, documents, timeout, workers)
    return problems
