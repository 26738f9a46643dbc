"""The public addresses notifications point to: the subscription endpoints on the handler."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from generator.petitions.html import api_base

if TYPE_CHECKING:
    from generator.models.site import SiteConfig

SUBSCRIPTIONS = "/subscriptions"


def api_url(site: SiteConfig, path: str, **query: str) -> str:
    """An absolute URL of the API (same origin as the site unless the endpoint names another)."""
    base = api_base(site)
    if not base.startswith(("http://", "https://")):
        base = site.origin + base
    return base + path + (f"?{urlencode(query)}" if query else "")


def subscriber_links(site: SiteConfig, subscriber_id: str, token: str) -> dict[str, str]:
    """The confirm, manage and unsubscribe links of one subscriber."""
    return {
        name: api_url(site, f"{SUBSCRIPTIONS}/{name}", s=subscriber_id, t=token)
        for name in ("confirm", "manage", "unsubscribe")
    }
