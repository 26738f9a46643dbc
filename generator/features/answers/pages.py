"""The 答复选登 pages: the list (all, by category, by department) and one page per answer, and nothing more.

Every value comes from content/answers.json (the reviewed public wording; codes turned into
the names of site.yaml) and is escaped by the templates. Filtering is by static pages, so it
works with JavaScript off; each list is paginated, `list_page_size` (site.yaml) answers a
page, newest first, so every answer is reachable by links.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from generator import urls
from generator.compile.pager import Pager, chunks, page_path, pager_html
from generator.compile.render import assemble, render_html
from generator.content.index import ContentIndex
from generator.models.answers import PublishedAnswer
from generator.output import Page

TITLE = "答复选登"
LIST_SRC = f"{urls.ANSWERS_PATH}index.md"
TEMPLATES = Path(__file__).parent / "templates"


def answer_path(answer: PublishedAnswer) -> str:
    return f"{urls.ANSWERS_PATH}{answer.id}/"


def filter_path(kind: str, code: str) -> str:
    """The list of one category (`kind` category) or department (`kind` department)."""
    return f"{urls.ANSWERS_PATH}{kind}/{code}/"


def _src(path: str) -> str:
    return path.rstrip("/") + ".md" if path != urls.ANSWERS_PATH else LIST_SRC


def _names(index: ContentIndex) -> tuple[dict[str, str], dict[str, str]]:
    site = index.site
    categories = {code: c.name for code, c in site.petitions.categories.items()}
    departments = {code: d.name for code, d in site.departments.items()}
    return categories, departments


def _page(
    src_uri: str, title: str, html: str, description: str, *, item: bool, pager: Pager | None = None
) -> Page:
    content, fragments = assemble([("html", html)])
    meta = {"title": title, "description": description, "page_kind": "item" if item else "list"}
    if pager is not None:
        meta["pager"] = {"prev": pager.prev, "next": pager.next}
    return Page(
        src_uri=src_uri,
        title=title,
        content=content,
        meta=meta,
        fragments=fragments,
        in_nav=src_uri == LIST_SRC,
    )


def _list_pages(
    index: ContentIndex,
    base: str,
    answers: list[PublishedAnswer],
    current: tuple[str, str] | None,
    counts: dict[str, Counter[str]],
) -> list[Page]:
    """Every page of one list (`base`: its first page's path)."""
    size = index.site.list_page_size
    parts = chunks(answers, size)
    return [
        _list_page(index, Pager(base, n, len(parts)), part, len(answers), current, counts)
        for n, part in enumerate(parts, start=1)
    ]


def _list_page(
    index: ContentIndex,
    pager: Pager,
    answers: list[PublishedAnswer],
    total: int,
    current: tuple[str, str] | None,
    counts: dict[str, Counter[str]],
) -> Page:
    """`answers`: this page's; `counts`: kind (category, department) -> code -> answers of the site."""
    categories, departments = _names(index)
    path = page_path(pager.base, pager.number)
    root = urls.relative_from(path, "")

    def chips(kind: str, names: dict[str, str]) -> list[dict]:
        return [
            {
                "name": name,
                "count": counts[kind][code],
                "href": urls.relative_from(path, filter_path(kind, code)),
                "current": current == (kind, code),
            }
            for code, name in names.items()
            if counts[kind][code]
        ]

    rows = [
        {
            "href": urls.relative_from(path, answer_path(a)),
            "subject": a.subject,
            "category": categories.get(a.category, a.category),
            "department": departments.get(a.department, a.department),
            "replied": a.replied.isoformat(),
            "workdays": a.workdays,
        }
        for a in answers
    ]
    label = None
    if current is not None:
        kind, code = current
        label = (categories if kind == "category" else departments).get(code, code)
    heading = f"{TITLE}：{label}" if label else TITLE
    title = heading if pager.number == 1 else f"{heading}（第{pager.number}页）"
    first = (pager.number - 1) * index.site.list_page_size + 1
    html = render_html(
        "list.html.j2",
        templates=TEMPLATES,
        title=heading,
        filter_label=label,
        root=root,
        list_href=urls.relative_from(path, urls.ANSWERS_PATH),
        search_href=urls.relative_from(path, urls.SEARCH_PATH),
        categories=chips("category", categories),
        departments=chips("department", departments),
        rows=rows,
        total=total,
        shown=(first, first + len(rows) - 1),
        pager=pager,
        pager_html=pager_html(pager, root),
    )
    description = "经企业同意选登的诉求答复（已去除可识别信息）"
    return _page(_src(path), title, html, description, item=False, pager=pager)


def _item_page(index: ContentIndex, answer: PublishedAnswer) -> Page:
    categories, departments = _names(index)
    path = answer_path(answer)
    category = categories.get(answer.category, answer.category)
    department = departments.get(answer.department, answer.department)
    replied = answer.replied.isoformat()
    search = [
        ("meta", "type", TITLE),
        ("meta", "date", replied),
        ("meta", "department", department),
        ("meta", "summary", " ".join(answer.answer.split())[:120]),
        ("filter", "collection", TITLE),
        ("filter", "department", department),
        ("filter", "year", str(answer.replied.year)),
        ("sort", "date", replied),
    ]
    html = render_html(
        "item.html.j2",
        templates=TEMPLATES,
        a=answer,
        category=category,
        department=department,
        root=urls.relative_from(path, ""),
        list_href=urls.relative_from(path, urls.ANSWERS_PATH),
        category_href=urls.relative_from(path, filter_path("category", answer.category)),
        department_href=urls.relative_from(path, filter_path("department", answer.department)),
        petitions_href=urls.relative_from(path, urls.PETITIONS_PATH),
        search=search,
    )
    return _page(_src(path), answer.subject, html, f"{category}：{answer.subject}", item=True)


def answer_pages(index: ContentIndex) -> list[Page]:
    """The list page, one list per category and department that has answers, and the answers."""
    answers = sorted(index.answers, key=lambda a: (a.replied, a.received, a.id), reverse=True)
    kinds = ("category", "department")
    # The filter chips of every list page count the same answers: count them once.
    counts = {kind: Counter(getattr(a, kind) for a in answers) for kind in kinds}
    pages = _list_pages(index, urls.ANSWERS_PATH, answers, None, counts)
    for kind in kinds:
        for code in sorted(counts[kind]):
            chosen = [a for a in answers if getattr(a, kind) == code]
            pages += _list_pages(index, filter_path(kind, code), chosen, (kind, code), counts)
    pages += [_item_page(index, a) for a in answers]
    return pages
