"""Control and bidi characters in text: find them or escape them for a terminal, and nothing more."""

from __future__ import annotations

import re

# C1 controls (U+009B is a terminal's CSI, like ESC [) and the bidi embeddings, overrides
# and isolates that reorder what a reader sees (U+202A–U+202E, U+2066–U+2069).
_C1_AND_BIDI = "\x7f-\x9f\u202a-\u202e\u2066-\u2069"
# One line: every C0 control. Multi-line text keeps line feed and tab, never a lone CR
# (it sends a terminal back to the start of the line, over what was shown).
_UNSAFE_LINE = re.compile(f"[\x00-\x1f{_C1_AND_BIDI}]")
_UNSAFE_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f{_C1_AND_BIDI}]")


def has_unsafe_characters(text: str, multiline: bool = False) -> bool:
    """Whether `text` holds a control or bidi character (line feed and tab allowed when multi-line)."""
    return (_UNSAFE_TEXT if multiline else _UNSAFE_LINE).search(text) is not None


def escape_unsafe(text: str, multiline: bool = False) -> str:
    """`text` with each control or bidi character shown as its escape (`\\x9b`, `\\u202e`)."""
    pattern = _UNSAFE_TEXT if multiline else _UNSAFE_LINE
    return pattern.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
