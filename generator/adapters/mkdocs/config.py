"""Options of the `qinqing` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class QinqingConfig(base.Config):
    """`enabled`: switch the plugin off; `content_dir`: relative to mkdocs.yml; `today`:
    the day statuses are computed for (YYYY-MM-DD; else env QINQING_TODAY, else today);
    `search`: build the Pagefind index (off: quicker previews, the search page says the
    index is missing)."""

    enabled = c.Type(bool, default=True)
    content_dir = c.Type(str, default="content")
    today = c.Optional(c.Type(str))
    search = c.Type(bool, default=True)
