"""Keeps each page's HTML compressed from MkDocs reading the page to MkDocs writing it, and nothing more.

MkDocs reads (converts) every page before it writes any, so every page's HTML is in memory
at once: about 14 KB of Python string per item page, 700 MB at 50,000 items. Held as
zlib-compressed UTF-8 in between (level 1: about a fifth of the size, some 0.1 ms a page
both ways), only the page being written is ever a string.
"""

from __future__ import annotations

import zlib

LEVEL = 1  # the fastest: the HTML is held for minutes at most


class HeldHtml:
    """`put` a page's HTML when it is read, `take` it back (once) when it is written."""

    def __init__(self) -> None:
        self._held: dict[str, bytes] = {}

    def put(self, key: str, html: str) -> None:
        self._held[key] = zlib.compress(html.encode("utf-8"), LEVEL)

    def take(self, key: str) -> str | None:
        """The HTML put under `key`, or None if nothing is held for it."""
        held = self._held.pop(key, None)
        return None if held is None else zlib.decompress(held).decode("utf-8")

    def __len__(self) -> int:
        return len(self._held)
