"""Material's page-frame markup that our frame does not use, taken out of each page, and nothing more.

Material's base.html writes a drawer and a search toggle (checkboxes carrying `autocomplete`,
which HTML does not allow there) and the drawer's overlay label on every page, outside any
block a theme override can replace. `main.html` replaces the drawer, the search and the
scripts that would use them, so the three elements only cost validity.
"""

from __future__ import annotations

# Hack: exact strings of Material 9.x's base.html. Should Material change them, nothing is
# removed and the HTML-validity test (tests/adapters/mkdocs/test_validity.py) says so.
UNUSED = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
    '<label class="md-overlay" for="__drawer"></label>',
)


def without_unused_frame(page_html: str) -> str:
    """The page without Material's drawer and search toggles."""
    for markup in UNUSED:
        page_html = page_html.replace(markup, "", 1)
    return page_html
