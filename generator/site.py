"""compile_site: validated content and a day in, every page and file of the site out.

Feature packages (feeds, petitions, matching) plug in through CONTRIBUTORS below: one
line each. A contributor returns pages and files; the home page and the navigation are made
last, so they link only to pages that exist in this build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from generator import urls
from generator.compile.home import home_page
from generator.compile.items import item_copies, item_page
from generator.compile.lists import list_page
from generator.content.index import COLLECTION_ORDER, ContentIndex, Item
from generator.models.items import COLLECTION_LABELS
from generator.output import OutputFile, Page, SiteBuild
from generator.parallel import split_map


@dataclass(frozen=True)
class CompileOptions:
    """What a build may vary beyond content and day."""

    petition_stats: Any = None  # snapshot for the petitions statistics page, if any
    extra: dict[str, Any] = field(default_factory=dict)
    # Leave files that no page depends on (feeds, calendars, open data) to SiteBuild.deferred,
    # so an adapter can make them while the builder renders pages.
    defer_files: bool = False


@dataclass(frozen=True)
class Context:
    index: ContentIndex
    today: dt.date
    options: CompileOptions


Contribution = tuple[list[Page], list[OutputFile] | Callable[[], list[OutputFile]]]


# --- contributors ----------------------------------------------------------------------------
# Each takes the Context and returns (pages, files); files may be a function that makes them,
# for files no page needs (see CompileOptions.defer_files). Import inside the function; an
# ImportError means the feature's package is not written yet and the build goes on without it.


def _feeds(ctx: Context) -> Contribution:
    from generator.features.feeds import build_subscription_files, subscribe_page

    return [subscribe_page(ctx.index, ctx.today)], partial(
        build_subscription_files, ctx.index, ctx.today
    )


def _petitions(ctx: Context) -> Contribution:
    from generator.features.petitions import petition_assets, petition_pages

    return petition_pages(ctx.index.site, ctx.options.petition_stats), list(petition_assets())


def _matching(ctx: Context) -> Contribution:
    from generator.features.matching.pages import match_files, match_page

    return [match_page(ctx.index, ctx.today)], match_files(ctx.index, ctx.today)


def _search(ctx: Context) -> Contribution:
    from generator.features.search import search_files, search_page

    return [search_page(ctx.index)], search_files()


CONTRIBUTORS: tuple[Callable[[Context], Contribution], ...] = (
    _feeds,
    _petitions,
    _matching,
    _search,
)
# ----------------------------------------------------------------------------------------------

# The header navigation, in this order, for those pages present in the build.
NAV: tuple[tuple[str, str], ...] = (
    ("首页", "index.md"),
    *((COLLECTION_LABELS[c], f"{c}/index.md") for c in COLLECTION_ORDER),
    ("政策匹配", f"{urls.MATCH_PATH}index.md"),
    ("企业诉求", f"{urls.PETITIONS_PATH}index.md"),
    ("订阅", f"{urls.SUBSCRIBE_PATH}index.md"),
)
# Home page cards for feature pages: (src_uri, title, text).
FEATURE_CARDS = (
    (f"{urls.MATCH_PATH}index.md", "政策匹配", "填写企业情况，看看可以申报哪些资金项目"),
    (f"{urls.PETITIONS_PATH}index.md", "企业诉求", "咨询政策、反映困难、提出建议或投诉举报"),
    (f"{urls.SUBSCRIBE_PATH}index.md", "订阅更新", "通过 RSS 或日历接收新政策和申报截止提醒"),
)


def _not_written_yet(exc: ImportError) -> bool:
    """A feature module (or a name in it) that does not exist yet, not a broken dependency."""
    return (exc.name or "").startswith("generator.")


def feed_links(
    index: ContentIndex, page_kind: str, target: Any = None
) -> list[tuple[str, str, str]]:
    """`<link rel="alternate">` entries for a page, from the feeds package when present."""
    try:
        from generator.features.feeds import feed_links_for_page
    except ImportError as exc:
        if not _not_written_yet(exc):
            raise
        return []
    return list(feed_links_for_page(index, page_kind, target))


# The child's tail (items, then the four list pages) is a little heavier per job than the
# head; the head also starts with the feature pages and files.
CHILD_SHARE = 0.5


def _run(job: Callable[[], Any]) -> Any:
    return job()


def _item_page(index: ContentIndex, item: Item, today: dt.date) -> Page:
    return item_page(index, item, today, feed_links(index, "item", item))


def _list_page(index: ContentIndex, collection: str, today: dt.date) -> Page:
    return list_page(index, collection, today, feed_links(index, "list", collection))


def _features(ctx: Context, items: list[Item]) -> SiteBuild:
    """Feature pages and files, and the files copied for items: all but the item and list pages."""
    build = SiteBuild()
    for item in items:
        build.copies += item_copies(ctx.index, item)
    for contribute in CONTRIBUTORS:
        try:
            pages, files = contribute(ctx)
        except ImportError as exc:
            if not _not_written_yet(exc):
                raise
            build.missing.append(exc.name)
            continue
        build.pages += pages
        if not callable(files):
            build.files += files
        elif ctx.options.defer_files:
            build.deferred.append(files)
        else:
            build.files += files()
    return build


def compile_site(
    index: ContentIndex, today: dt.date, options: CompileOptions | None = None
) -> SiteBuild:
    """Every page and file for `today`; pure apart from reading attachment sizes.

    With `options.defer_files`, some files are left as functions in `SiteBuild.deferred`.
    """
    options = options or CompileOptions()
    ctx = Context(index, today, options)
    items = index.all_items()
    # Item and list pages take most of the compile time. On two cores a forked child makes
    # the tail while this process makes the head, which begins with the feature pages: the
    # head's results never cross between processes, so deferred functions are fine there.
    jobs = [
        partial(_features, ctx, items),
        *(partial(_item_page, index, item, today) for item in items),
        *(partial(_list_page, index, collection, today) for collection in COLLECTION_ORDER),
    ]
    build, *pages = split_map(_run, jobs, child_share=CHILD_SHARE)
    build.pages[:0] = pages
    present = {p.src_uri for p in build.pages} | {"index.md"}
    cards = [
        (title, text, uri[: -len("index.md")])
        for uri, title, text in FEATURE_CARDS
        if uri in present
    ]
    build.pages.insert(0, home_page(index, today, cards, feed_links(index, "home")))
    build.nav = [(title, uri) for title, uri in NAV if uri in present]
    build.copies = sorted(set(build.copies), key=lambda c: c.path)
    return build
