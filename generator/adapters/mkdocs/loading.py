"""The checked content and the day the plugin builds from when `qinqing build` hands it
neither (`mkdocs build`, `mkdocs serve`), and nothing more."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.content.index import ContentIndex


def configured_day(value: object) -> dt.date | None:
    """The plugin's `today` option as a date (None when not set)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PluginError(f"today 的日期格式应为 YYYY-MM-DD，实际为 {value!r}") from None


def checked_content(
    content_dir: Path, today: dt.date | None, *, previewing: bool, log
) -> ContentIndex:
    """`content_dir` read and checked as `qinqing check` does, stopping on the same errors
    (placeholders are warnings in a preview); the other problems are logged."""
    from generator.content.check import check_content
    from generator.content.placeholders import allow_placeholders
    from generator.problems import format_problems

    result = check_content(content_dir, today, with_git=True)
    if previewing:
        result.problems = allow_placeholders(result.problems)
    if result.errors or result.index is None:
        raise PluginError(
            "内容检查未通过，无法构建：\n" + format_problems(result.errors, "text", "zh")
        )
    for problem in result.problems:
        log.info("%s", problem.message("zh"))
    return result.index
