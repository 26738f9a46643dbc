"""The values MkDocs' theme is handed from the content, escaped once (the theme environment
does not autoescape): page meta, head links, table-of-contents tokens and the footer's
context, and nothing more."""

from __future__ import annotations

from functools import lru_cache

import markupsafe

from generator.content.index import ContentIndex
from generator.markup.editor import Heading
from generator.models.identity import ICP_LOOKUP, Identity

ESCAPED_META = ("title", "description")


def escape(value: str) -> str:
    return str(markupsafe.escape(value))


@lru_cache(maxsize=1024)
def escaped_link(link: tuple[str, ...]) -> tuple[str, ...]:
    """A head link escaped once, shared by every page showing it (most show the same few;
    escaped per page they were some 2 KB a page until the page is written)."""
    return tuple(map(escape, link))


def toc_tokens(headings: tuple[Heading, ...]) -> list[dict]:
    """Headings in page order -> MkDocs' nested toc tokens (names are HTML: escaped)."""
    roots: list[dict] = []
    stack: list[dict] = []
    for heading in headings:
        token = {
            "level": heading.level,
            "id": heading.id,
            "name": escape(heading.title),
            "children": [],
        }
        while stack and stack[-1]["level"] >= heading.level:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return roots


def footer_context(index: ContentIndex) -> dict:
    """`extra.qinqing`: the departments, the supervision contact, the 网站标识, the version."""
    site = index.site
    supervision = site.supervision.model_dump(exclude_none=True) if site.supervision else {}
    return {
        "departments": [
            {k: escape(v) for k, v in d.model_dump(exclude_none=True).items()}
            for d in site.departments.values()
        ],
        "supervision": {k: escape(v) for k, v in supervision.items()},
        "identity": _identity_context(site.identity),
        "version": index.git.head[:7] if index.git.head else None,
    }


def _identity_context(identity: Identity | None) -> dict:
    """The footer's 网站标识, escaped, with the lookup links of the registrations."""
    if identity is None:
        return {}
    values = identity.model_dump(exclude_none=True)
    links = {"police_url": identity.police_url, "conac_url": identity.conac_url}
    values.update({k: v for k, v in links.items() if v})
    if identity.icp:
        values["icp_url"] = ICP_LOOKUP
    return {k: escape(v) for k, v in values.items()}
