"""Adds the 网站地图 page, the sitemap index and files and `robots.txt` to a finished build,
and nothing more.

They list every page of the build, features' included, so they are made after the core and
the contributors (`generator/site.py`), not as a contributor.
"""

from __future__ import annotations

from dataclasses import replace

from generator.content.index import ContentIndex
from generator.features.sitemap.page import sitemap_page
from generator.features.sitemap.urls import last_modified
from generator.features.sitemap.xml import robots_txt, sitemap_files
from generator.output import SiteBuild


def with_sitemap(build: SiteBuild, index: ContentIndex) -> SiteBuild:
    """The build with the sitemap page among its pages and the sitemap files among its files."""
    pages = [*build.pages, sitemap_page(index, build.pages, build.nav)]
    files = [
        *build.files,
        *sitemap_files(index.site, pages, last_modified(index, pages)),
        robots_txt(index.site),
    ]
    return replace(build, pages=pages, files=files)
