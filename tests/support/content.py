"""Pieces for writing content files in tests: valid credit codes and Markdown with front matter."""

from __future__ import annotations

import yaml

from generator.credit_code import check_character


def credit_code(seed: int) -> str:
    """A valid unified social credit code, different for each seed."""
    first = f"91350582MA{seed:07d}"[:17]
    return first + check_character(first)


def front_matter(data: dict, body: str = "正文。\n") -> str:
    """A content file: `data` as YAML front matter (keys in the order given), then `body`."""
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body
