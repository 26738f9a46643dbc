"""compile_with: validated content, a day and the contributors in; every page and file out.

The core makes the home page, one list page per collection and one page per item; each
contributor adds its own pages and files through the hooks of `Contributor`. The home page
and the navigation are made last, so they link only to pages that exist in this build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from generator.compile.contributor import Context, Contributor, HeadLink, NavEntry
from generator.compile.home import home_page
from generator.compile.items import item_copies, item_page
from generator.compile.lists import list_pages
from generator.compile.page_memo import PageMemo
from generator.content.index import COLLECTION_ORDER, ContentIndex, Item
from generator.models.collection_labels import COLLECTION_LABELS
from generator.output import OutputFile, Page, SiteBuild
from generator.parallel import split_map

# The child's tail (items, then the four list pages) is a little heavier per job than the
# head; the head also starts with the feature pages and files.
CHILD_SHARE = 0.5


def core_nav() -> list[NavEntry]:
    """The header entries of the core's own pages: the home page, then the collections."""
    return [
        NavEntry("首页", "index.md"),
        *(NavEntry(COLLECTION_LABELS[c], f"{c}/index.md") for c in COLLECTION_ORDER),
    ]


def _run(job: Callable[[], Any]) -> Any:
    return job()


def _run_kept(keep: Callable[[Page], Any], job: Callable[[], Any]) -> Any:
    """The job's result with each page it made passed through `keep` (where it is made:
    in the child too, so the pages cross between processes in the form kept)."""
    made = job()  # an item or list job with a PageMemo gives its pages kept already
    if isinstance(made, Page):
        return keep(made)
    if isinstance(made, list):
        return [keep(page) if isinstance(page, Page) else page for page in made]
    return made


def _head_links(
    contributors: Sequence[Contributor], index: ContentIndex, page_kind: str, target: Any = None
) -> list[HeadLink]:
    return [
        link
        for contributor in contributors
        if contributor.head_links is not None
        for link in contributor.head_links(index, page_kind, target)
    ]


def _item_page(
    contributors: Sequence[Contributor], index: ContentIndex, item: Item, today: dt.date
) -> Page:
    blocks = [c.item_block(index, item, today) for c in contributors if c.item_block is not None]
    links = [
        link
        for contributor in contributors
        if contributor.item_links is not None
        for link in contributor.item_links(index, item)
    ]
    sections = [
        c.item_section(index, item, today) for c in contributors if c.item_section is not None
    ]
    return item_page(
        index,
        item,
        today,
        _head_links(contributors, index, "item", item),
        blocks=blocks,
        links=links,
        sections=sections,
    )


def _list_pages(
    contributors: Sequence[Contributor], index: ContentIndex, collection: str, today: dt.date
) -> list[Page]:
    links = _head_links(contributors, index, "list", collection)
    return list_pages(index, collection, today, links)


def deferred_jobs(
    ctx: Context, contributors: Sequence[Contributor]
) -> list[Callable[[], Iterable[OutputFile]]]:
    """The contributors' deferred files, as functions of `ctx` only, in contributor order
    (an adapter may start them before the pages are compiled)."""
    return [partial(c.deferred_files, ctx) for c in contributors if c.deferred_files is not None]


def _features(
    ctx: Context,
    contributors: Sequence[Contributor],
    items: list[Item],
    defer_files: bool,
    memo: PageMemo,
) -> SiteBuild:
    """Feature pages and files, and the files copied for items: all but the item and list pages."""
    if not defer_files:
        return _feature_outputs(ctx, contributors, items, with_deferred=True)
    # Without the deferred files, what features make shows no item's body (page_memo.py).
    made = memo.features(partial(_feature_outputs, ctx, contributors, items, with_deferred=False))
    build = SiteBuild(pages=list(made.pages), files=list(made.files), copies=list(made.copies))
    build.deferred = deferred_jobs(ctx, contributors)
    return build


def _feature_outputs(
    ctx: Context, contributors: Sequence[Contributor], items: list[Item], *, with_deferred: bool
) -> SiteBuild:
    build = SiteBuild()
    for item in items:
        build.copies += item_copies(ctx.index, item)
    for contributor in contributors:
        build.pages += contributor.pages(ctx)
        build.files += contributor.files(ctx)
        if contributor.deferred_files is not None and with_deferred:
            build.files += contributor.deferred_files(ctx)
    return build


def compile_with(
    index: ContentIndex,
    today: dt.date,
    contributors: Sequence[Contributor],
    *,
    nav: Sequence[NavEntry],
    defer_files: bool = False,
    keep: Callable[[Page], Any] | None = None,
) -> SiteBuild:
    """Every page and file for `today`; pure apart from reading attachment sizes.

    `nav` lists the header entries in order (those whose page is missing are left out); the
    home page shows a card for each entry that has one. With `defer_files`, contributors'
    deferred files are left as functions in `SiteBuild.deferred`. `keep` turns each item
    and list page into the form the builder holds it in until it reads it (e.g.
    `compile.packed.pack`) as soon as it is made; the other pages stay `Page`s.
    """
    ctx = Context(index, today)
    items = index.all_items()
    # Item and list pages take most of the compile time. On two cores a forked child makes
    # the tail while this process makes the head, which begins with the feature pages: the
    # head's results never cross between processes, so deferred functions are fine there.
    # With a build cache, item and list pages whose inputs did not change are read back.
    memo = PageMemo(index, today, keep)
    jobs = [
        partial(_features, ctx, contributors, items, defer_files, memo),
        *(memo.item(item, partial(_item_page, contributors, index, item, today)) for item in items),
        *(
            memo.collection(c, partial(_list_pages, contributors, index, c, today))
            for c in COLLECTION_ORDER
        ),
    ]
    run = _run if keep is None else partial(_run_kept, keep)
    build, *made = split_map(run, jobs, child_share=CHILD_SHARE)
    build.pages[:0] = [page for one in made for page in (one if isinstance(one, list) else [one])]
    present = {p.src_uri for p in build.pages} | {"index.md"}
    shown = [entry for entry in nav if entry.src_uri in present]
    cards = [(*e.card, e.src_uri[: -len("index.md")]) for e in shown if e.card is not None]
    links = _head_links(contributors, index, "home")
    build.pages.insert(0, home_page(index, today, cards, links))
    build.nav = [(entry.title, entry.src_uri) for entry in shown]
    build.copies = sorted(set(build.copies), key=lambda c: c.path)
    return build
