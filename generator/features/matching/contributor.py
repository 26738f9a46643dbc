"""What 政策匹配 adds to the site: the /match/ page, its rules data and script, and nothing more."""

from __future__ import annotations

from generator import urls
from generator.compile.contributor import Contributor, NavEntry
from generator.features.matching.pages import match_files, match_page

CONTRIBUTOR = Contributor(
    name="matching",
    pages=lambda ctx: [match_page(ctx.index, ctx.today)],
    files=lambda ctx: match_files(ctx.index, ctx.today),
    nav=(
        NavEntry(
            "政策匹配",
            f"{urls.MATCH_PATH}index.md",
            card=("政策匹配", "填写企业情况，看看可以申报哪些资金项目"),
        ),
    ),
)
