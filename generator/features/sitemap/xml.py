"""`sitemap.xml` (each URL dated by its content's last change) and `robots.txt`, and nothing more."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from generator import urls
from generator.features.sitemap.urls import page_path, public_pages
from generator.models.site import SiteConfig
from generator.output import OutputFile, Page

SITEMAP_PATH = "sitemap.xml"
ROBOTS_PATH = "robots.txt"


def sitemap_xml(site: SiteConfig, pages: list[Page], days: dict[str, dt.date]) -> OutputFile:
    """One `<url>` per page; `<lastmod>` only where the content says when it changed, so a
    rebuild does not tell search engines that every page is new."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for page in public_pages(pages):
        lines.append(f"<url><loc>{escape(urls.absolute(site, page_path(page.src_uri)))}</loc>")
        day = days.get(page.src_uri)
        if day is not None:
            lines.append(f"<lastmod>{day.isoformat()}</lastmod>")
        lines.append("</url>")
    lines.append("</urlset>")
    return OutputFile(SITEMAP_PATH, ("\n".join(lines) + "\n").encode(), "application/xml")


def robots_txt(site: SiteConfig) -> OutputFile:
    """Everything may be crawled except the petition handler's API; the sitemap is named."""
    endpoint = site.petitions.endpoint
    lines = ["User-agent: *"]
    if endpoint.startswith("/"):
        lines.append(f"Disallow: {endpoint.rstrip('/')}/")
    lines.append(f"Sitemap: {urls.absolute(site, SITEMAP_PATH)}")
    return OutputFile(ROBOTS_PATH, ("\n".join(lines) + "\n").encode(), "text/plain")
