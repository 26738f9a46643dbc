"""The sitemap index `sitemap.xml`, the sitemap files it names (each URL dated by its
content's last change) and `robots.txt`, and nothing more."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from generator import urls
from generator.features.sitemap.urls import page_path, public_pages
from generator.models.site import SiteConfig
from generator.output import OutputFile, Page

SITEMAP_PATH = "sitemap.xml"  # the sitemap index, which robots.txt names
SITEMAPS_DIR = "sitemaps/"
ROBOTS_PATH = "robots.txt"
XML_TYPE = "application/xml"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
# The protocol's limits for one sitemap file (sitemaps.org): URLs, and bytes uncompressed.
URL_LIMIT = 50_000
BYTE_LIMIT = 50 * 1024 * 1024

_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}">\n'
_TAIL = "</urlset>\n"
_FRAME = len(_HEAD) + len(_TAIL)


def _entry(site: SiteConfig, page: Page, day: dt.date | None) -> str:
    loc = f"<url><loc>{escape(urls.absolute(site, page_path(page.src_uri)))}</loc>"
    return loc + (f"\n<lastmod>{day.isoformat()}</lastmod>" if day else "") + "\n</url>\n"


def sitemap_part_path(number: int) -> str:
    return f"{SITEMAPS_DIR}sitemap-{number}.xml"


def sitemap_files(
    site: SiteConfig,
    pages: list[Page],
    days: dict[str, dt.date],
    *,
    url_limit: int = URL_LIMIT,
    byte_limit: int = BYTE_LIMIT,
) -> list[OutputFile]:
    """The index, then the sitemap files: every page once, in site path order, at most
    `url_limit` URLs and `byte_limit` bytes a file. `<lastmod>` only where the content says
    when it changed, so a rebuild does not tell search engines that every page is new; a
    file's own is the newest of its URLs'."""
    parts: list[list[tuple[str, dt.date | None]]] = []  # (entry, its lastmod) of each file
    size = 0
    for page in public_pages(pages):
        day = days.get(page.src_uri)
        entry = _entry(site, page, day)
        length = len(entry.encode())
        if not parts or len(parts[-1]) >= url_limit or size + length > byte_limit - _FRAME:
            parts.append([])
            size = 0
        parts[-1].append((entry, day))
        size += length
    files, dated = [], []
    for number, part in enumerate(parts, start=1):
        text = _HEAD + "".join(entry for entry, _day in part) + _TAIL
        files.append(OutputFile(sitemap_part_path(number), text.encode(), XML_TYPE))
        dated.append((sitemap_part_path(number), max((d for _e, d in part if d), default=None)))
    return [_index(site, dated), *files]


def _index(site: SiteConfig, parts: list[tuple[str, dt.date | None]]) -> OutputFile:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{NAMESPACE}">']
    for path, newest in parts:
        lines.append(f"<sitemap><loc>{escape(urls.absolute(site, path))}</loc>")
        if newest is not None:
            lines.append(f"<lastmod>{newest.isoformat()}</lastmod>")
        lines.append("</sitemap>")
    lines.append("</sitemapindex>")
    return OutputFile(SITEMAP_PATH, ("\n".join(lines) + "\n").encode(), XML_TYPE)


def robots_txt(site: SiteConfig) -> OutputFile:
    """Everything may be crawled except the petition handler's API; the sitemap index is named."""
    endpoint = site.petitions.endpoint
    lines = ["User-agent: *"]
    if endpoint.startswith("/"):
        lines.append(f"Disallow: {endpoint.rstrip('/')}/")
    lines.append(f"Sitemap: {urls.absolute(site, SITEMAP_PATH)}")
    return OutputFile(ROBOTS_PATH, ("\n".join(lines) + "\n").encode(), "text/plain")
