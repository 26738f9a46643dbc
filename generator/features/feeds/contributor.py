"""What the feeds add to the site: the 订阅 page, feeds, calendars and open data, and nothing more."""

from __future__ import annotations

from generator import urls
from generator.compile.contributor import Contributor, NavEntry
from generator.content.index import ContentIndex, Item
from generator.features.feeds import build_subscription_files, feed_links_for_page, subscribe_page
from generator.features.feeds.calendar import calendar_links
from generator.features.feeds.recipient_lists import list_links


def item_links(index: ContentIndex, item: Item) -> list[tuple[str, str, str]]:
    """A fund's own calendar, an announcement's list downloads."""
    return [*calendar_links(index, item), *list_links(item)]


CONTRIBUTOR = Contributor(
    name="feeds",
    pages=lambda ctx: [subscribe_page(ctx.index, ctx.today)],
    deferred_files=lambda ctx: build_subscription_files(ctx.index, ctx.today),
    nav=(
        NavEntry(
            "订阅",
            f"{urls.SUBSCRIBE_PATH}index.md",
            card=("订阅更新", "通过 RSS 或日历接收新政策和申报截止提醒"),
        ),
    ),
    head_links=feed_links_for_page,
    item_links=item_links,
)
