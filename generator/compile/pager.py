"""Pagination of a list: which rows are on page n, its path, and the pager (its links, its HTML)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from generator.compile.render import render_html

T = TypeVar("T")

# Page numbers shown either side of the current one; the first and last are always shown.
AROUND = 2


def chunks(rows: list[T], size: int) -> list[list[T]]:
    """`rows` in pages of `size`; an empty list is still one (empty) page."""
    return [rows[start : start + size] for start in range(0, len(rows), size)] or [[]]


def page_path(base: str, number: int) -> str:
    """Page 1 is the list's own path (`policies/`); page n is `policies/page/n/`."""
    return base if number == 1 else f"{base}page/{number}/"


@dataclass(frozen=True)
class PagerLink:
    """One entry of the pager: a page number (or a gap, `number` 0) and its path."""

    number: int
    path: str
    current: bool = False


@dataclass(frozen=True)
class Pager:
    """The pager of page `number` of `count` pages under `base`."""

    base: str
    number: int
    count: int

    @property
    def prev(self) -> str | None:
        return page_path(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return page_path(self.base, self.number + 1) if self.number < self.count else None

    def links(self) -> list[PagerLink]:
        """The first, the last and the pages near the current one, with gaps (number 0)."""
        shown = {1, self.count} | set(range(self.number - AROUND, self.number + AROUND + 1))
        links: list[PagerLink] = []
        for n in sorted(n for n in shown if 1 <= n <= self.count):
            if links and n > links[-1].number + 1:
                links.append(PagerLink(0, ""))
            links.append(PagerLink(n, page_path(self.base, n), n == self.number))
        return links


def pager_html(pager: Pager, root: str) -> Markup:
    """The pager as HTML (templates/_pager.html.j2), for a feature's own list pages; "" for one
    page. Markup, so a feature's template shows it as it is."""
    return Markup(render_html("_pager.html.j2", pager=pager, root=root))
