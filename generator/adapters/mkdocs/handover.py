"""Passes the loaded content to the plugin so that, once compiled, nothing keeps it, and nothing more.

`qinqing build` loads and checks the content, then runs MkDocs with it. If the command, the
runner and the plugin each kept a reference, the content (about 16 KB an item: 800 MB at
50,000 items) would stay in the build process while MkDocs renders, where the rendered
pages could have reused its memory (issue 19). A `Handover` is taken once: the giver holds
only the emptied box.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class Handover(Generic[T]):
    """`take()` the value once; the box keeps no reference to it afterwards."""

    def __init__(self, value: T) -> None:
        self._value: T | None = value

    def take(self) -> T:
        value, self._value = self._value, None
        if value is None:
            raise RuntimeError("the content was handed over already")
        return value
