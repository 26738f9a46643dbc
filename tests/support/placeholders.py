"""Fill in the placeholders a site made by `qinqing init` holds, as an editor does first."""

from __future__ import annotations

from pathlib import Path

from generator.content.placeholders import MARK, PLACEHOLDER_URL


def fill_placeholders(site: Path) -> Path:
    """Every placeholder in `site/content/` replaced by real text; returns `site`."""
    for path in (site / "content").rglob("*"):
        if path.suffix in (".md", ".yaml"):
            text = path.read_text(encoding="utf-8")
            text = text.replace(PLACEHOLDER_URL, "https://gxj.jinjiang.gov.cn/")
            path.write_text(text.replace(MARK, ""), encoding="utf-8")
    return site
