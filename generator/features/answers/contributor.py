"""What 答复选登 adds to the site: the published answers' list and item pages, and nothing more."""

from __future__ import annotations

from generator.compile.contributor import Contributor, NavEntry
from generator.features.answers.pages import LIST_SRC, TITLE, answer_pages

CONTRIBUTOR = Contributor(
    name="answers",
    pages=lambda ctx: answer_pages(ctx.index),
    nav=(NavEntry(TITLE, LIST_SRC, card=(TITLE, "看看其他企业反映的问题是怎样答复的")),),
)
