"""The site's composition: which features contribute, in which order, and the header navigation.

Adding a feature is one line in CONTRIBUTORS (and one in NAV if it has a header entry);
the compile core (`generator/compile/`) knows none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from generator.compile.contributor import Context, Contributor, NavEntry
from generator.compile.core import compile_with, core_nav, deferred_jobs
from generator.compile.list_index import CONTRIBUTOR as LIST_INDEX
from generator.content.index import ContentIndex
from generator.features import petitions, qrcode
from generator.features.answers.contributor import CONTRIBUTOR as ANSWERS
from generator.features.consultations.contributor import CONTRIBUTOR as CONSULTATIONS
from generator.features.feeds.contributor import CONTRIBUTOR as FEEDS
from generator.features.matching.contributor import CONTRIBUTOR as MATCHING
from generator.features.search.contributor import CONTRIBUTOR as SEARCH
from generator.features.sitemap.build import with_sitemap
from generator.output import OutputFile, Page, SiteBuild

PETITIONS = petitions.CONTRIBUTOR

# The order their pages and files are made in (and so the order of the built site's files).
CONTRIBUTORS: tuple[Contributor, ...] = (
    FEEDS,
    LIST_INDEX,  # deferred files only, like the feeds: both first, so deferring keeps the order
    PETITIONS,
    ANSWERS,
    CONSULTATIONS,
    MATCHING,
    SEARCH,
    qrcode.CONTRIBUTOR,
)
# The header navigation (and the home page's cards) after the home page and the collections.
NAV_FEATURES: tuple[Contributor, ...] = (MATCHING, PETITIONS, ANSWERS, FEEDS)


def site_nav() -> list[NavEntry]:
    """Every header entry, in order: the core's pages, then the features'."""
    return [*core_nav(), *(entry for feature in NAV_FEATURES for entry in feature.nav)]


def compile_site(
    index: ContentIndex,
    today: dt.date,
    *,
    defer_files: bool = False,
    keep: Callable[[Page], Any] | None = None,
) -> SiteBuild:
    """Every page and file of the site for `today` (see `compile_with`), and the sitemap of them."""
    build = compile_with(
        index, today, CONTRIBUTORS, nav=site_nav(), defer_files=defer_files, keep=keep
    )
    return with_sitemap(build, index)


def site_deferred_files(
    index: ContentIndex, today: dt.date
) -> list[Callable[[], Iterable[OutputFile]]]:
    """The deferred files `compile_site(..., defer_files=True)` leaves, made from the content
    alone (an adapter may start them before compiling)."""
    return deferred_jobs(Context(index, today), CONTRIBUTORS)
