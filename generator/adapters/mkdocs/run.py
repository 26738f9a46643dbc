"""One MkDocs build of checked content for a given day (what `qinqing build` runs), and nothing more."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from generator.adapters.mkdocs.handover import Handover
from generator.cache import CacheStore
from generator.content.index import ContentIndex


class MkDocsRunError(Exception):
    """MkDocs refused the configuration or aborted the build (its message, one line)."""


def run_mkdocs(
    config_file: Path,
    site_dir: Path | None,
    index: ContentIndex | Handover[ContentIndex],
    today: dt.date,
    cache: CacheStore | None = None,
) -> Path:
    """Build the site of `config_file` from `index` for `today`, with the build cache
    `cache` (None: none); the site directory written.

    The qinqing plugin gets the content, the day and the cache as arguments
    (`QinqingPlugin.preload`, `use_cache`), so it neither reads the content a second time
    nor works out the day itself. Given a `Handover`, the plugin lets go of the content
    once the pages are compiled (handover.py).
    """
    overrides = {"site_dir": str(site_dir)} if site_dir is not None else {}
    try:
        config = load_config(config_file=str(config_file), **overrides)
        plugin = config.plugins.get("qinqing")
        if plugin is not None:
            plugin.preload(index, today)
            plugin.use_cache(cache)
        del index  # the plugin's now (a Handover: only the plugin may hold the content)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as exc:
        raise MkDocsRunError(str(exc)) from None
    return Path(config.site_dir)
