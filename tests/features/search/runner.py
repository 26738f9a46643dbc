"""Runs queries through the site's real search page in Chromium; shared by tests and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml
from playwright.sync_api import Page

QUERIES = Path(__file__).with_name("queries.yaml")
TOP = 3


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text("utf-8"))


def item_key(url: str) -> str:
    """`/policies/abc/` (absolute or not) -> `policies/abc`."""
    return urlsplit(url).path.strip("/")


def wait_for_results(page: Page, query: str) -> list[str]:
    """After the search page ran `query`: the result items, best first, as collection/id."""
    page.wait_for_function(
        """(q) => { const r = document.querySelector('[data-qq-search]');
                   return r && r.dataset.searched === q && r.getAttribute('aria-busy') === 'false'; }""",
        arg=query,
    )
    hrefs = page.eval_on_selector_all(".qq-result__title a", "links => links.map(a => a.href)")
    return [item_key(h) for h in hrefs]


def search_via_url(page: Page, base_url: str, query: str, **filters: str) -> list[str]:
    """Open /search/?q=... (what the header form submits) and return the results."""
    params = "&".join(f"{k}={quote(v)}" for k, v in {"q": query, **filters}.items())
    page.goto(f"{base_url}search/?{params}")
    return wait_for_results(page, query)


def search_by_typing(page: Page, base_url: str, query: str, start: str = "") -> list[str]:
    """Type into the header search box of the page at `start` and submit, like a visitor."""
    page.goto(base_url + start)
    box = page.locator("#qq-header-q")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url("**/search/**")
    return wait_for_results(page, query)


@dataclass
class Outcome:
    """One query's results against its expectations.

    `expect`: any of these among the first 3 results. `all_of`: every one of these among the
    results shown (the first page), e.g. every announcement that lists an enterprise.
    `ahead`: these first, before any other result (an enterprise's name: the announcements
    listing it above pages that merely hold one word of it).
    """

    query: str
    expect: list[str]
    got: list[str] = field(default_factory=list)
    all_of: list[str] = field(default_factory=list)
    ahead: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, case: dict, got: list[str]) -> Outcome:
        return cls(
            case["query"],
            case.get("expect", []),
            got,
            case.get("all_of", []),
            case.get("ahead", []),
        )

    @property
    def missing(self) -> list[str]:
        """Items of `all_of` and `ahead` not among the results."""
        return [key for key in [*self.all_of, *self.ahead] if key not in self.got]

    @property
    def overtaken(self) -> list[str]:
        """Results ranked above an item of `ahead` that are not in it."""
        if not self.ahead or self.missing:
            return []
        last = max(self.got.index(key) for key in self.ahead)
        return [key for key in self.got[:last] if key not in self.ahead]

    @property
    def hit(self) -> bool:
        top = self.got[:TOP]
        found = not self.expect or any(key in self.expect for key in top)
        return found and not self.missing and not self.overtaken

    @property
    def precision(self) -> float:
        """Share of the first 3 results that are expected answers."""
        top = self.got[:TOP]
        wanted = set(self.expect) | set(self.all_of)
        return sum(key in wanted for key in top) / len(top) if top else 0.0


class ByteCounter:
    """Sums the bodies of every response a page receives (first-query download size)."""

    def __init__(self, page: Page) -> None:
        self.total = 0
        self.by_url: dict[str, int] = {}
        page.on("response", self._add)

    def _add(self, response) -> None:
        try:
            size = len(response.body())
        except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
            return
        self.total += size
        self.by_url[response.url] = size
