"""Options of the `qinqing` plugin in mkdocs.yml."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c

from generator.cache import DEFAULT_CACHE_DIR


class QinqingConfig(base.Config):
    """`enabled`: switch the plugin off; `content_dir`: relative to mkdocs.yml; `today`:
    the day statuses are computed for (YYYY-MM-DD; else today in the site's time zone;
    `qinqing build --today` hands its day to the plugin instead);
    `search`: build the Pagefind index (off: quicker previews, the search page says the
    index is missing); `preview_search`: build it in `mkdocs serve` too (off by default:
    an edit shows in seconds, and the search page says the preview has no index); `serve_api`: a WSGI application (`module:object`) that `mkdocs serve`
    answers the form's API paths with, e.g. `generator.petitions.wsgi:application`."""

    enabled = c.Type(bool, default=True)
    content_dir = c.Type(str, default="content")
    # A string, or the date YAML makes of an unquoted 2026-05-01 (also through !ENV).
    today = c.Optional(c.Type((str, dt.date)))
    search = c.Type(bool, default=True)
    preview_search = c.Type(bool, default=False)
    serve_api = c.Optional(c.Type(str))
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=DEFAULT_CACHE_DIR)
