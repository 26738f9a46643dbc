"""What a page would run if a browser loaded it: event-handler attributes and URLs with a refused scheme.

Written independently of generator/markup/sanitize.py (the thing under test): lxml parses
the HTML as a browser would (entities decoded), every attribute is looked at.
"""

from __future__ import annotations

import re

import lxml.html

# webcal: the subscribe page's own calendar links (never from editor content: the
# sanitizer does not allow it, and test_sanitize.py checks editor HTML without it).
ALLOWED_SCHEMES = ("http", "https", "mailto", "tel", "webcal")
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "srcset"}
)
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_DROPPED_BY_BROWSERS = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def url_scheme(url: str) -> str | None:
    plain = _DROPPED_BY_BROWSERS.sub("", url).strip(_C0_AND_SPACE)
    match = _SCHEME.match(plain.lower())
    return match.group(1) if match else None


def findings(html: str) -> list[str]:
    """One line per event handler, `<script>` with inline code, or URL with a refused scheme."""
    if not html.strip():
        return []
    found = []
    whole_page = html.lstrip()[:9].lower() in ("<!doctype", "<html>") or "<html" in html[:200]
    root = lxml.html.fromstring(html if whole_page else f"<div>{html}</div>")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            lowered = name.lower()
            if lowered.startswith("on"):
                found.append(f"<{element.tag} {name}={value!r}>")
            if lowered in URL_ATTRIBUTES or lowered.endswith(":href"):
                scheme = url_scheme(value)
                if scheme is not None and scheme not in ALLOWED_SCHEMES:
                    found.append(f"<{element.tag} {name}={value!r}>")
    return found
