"""The 在手机上查看 QR code closing every item page (its absolute URL, encoded by segno), and
nothing more.

Inline SVG: no extra file per item, nothing for the browser to fetch, and the same bytes on
every build of the same content (the code depends only on the text). Shown on wide screens
and in print; on a phone, where the reader already is, it is hidden (site.css).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import segno
from markupsafe import Markup

from generator import urls
from generator.cache.memo import remembered
from generator.compile.contributor import Contributor
from generator.content.index import ContentIndex, Item

QR_MASK = 3
BORDER = 2  # modules of quiet zone around the code
SCALE = 3  # pixels a module
_DARK_RUN = re.compile(rb"\x01+")


@remembered("qr")
def qr_svg(text: str, label: str) -> Markup:
    """An inline `<svg role="img">` QR code of `text`, named `label` for screen readers."""
    # One fixed mask (choosing the best of eight, each scored in pure Python, took 5 ms a
    # code; scanners read every mask) and the error level asked for (looking for a higher
    # one that fits the same version took another 0.5 ms).
    code = segno.make(text, error="m", micro=False, mask=QR_MASK, boost_error=False)
    size = (len(code.matrix) + 2 * BORDER) * SCALE
    return Markup(
        '<svg role="img" aria-label="{label}" width="{size}" height="{size}" class="qq-qr__code">'
        '<title>{label}</title><path transform="scale({scale})" class="qrline" stroke="#000"'
        ' d="{path}"/></svg>'
    ).format(label=label, size=size, scale=SCALE, path=dark_path(code.matrix))


def dark_path(matrix: Sequence[bytes | bytearray]) -> str:
    """The SVG path data that strokes each row's runs of dark modules, as segno's own SVG
    writer draws them (a 1-unit stroke along the middle of the row, relative moves), in a
    quarter of its time: its writer walks the matrix module by module in Python."""
    width = len(matrix[0]) + 1  # a light separator ends each row, so no run spans two
    modules = b"\x00".join(bytes(row) for row in matrix)
    parts: list[str] = []
    last_end, last_row = 0, 0
    for run in _DARK_RUN.finditer(modules):
        row, column = divmod(run.start(), width)
        start, length = BORDER + column, run.end() - run.start()
        if parts:
            parts.append(f"m{start - last_end} {row - last_row}h{length}")
        else:
            parts.append(f"M{start} {BORDER + row}.5h{length}")
        last_end, last_row = start + length, row
    return "".join(parts)


def qr_block(index: ContentIndex, item: Item, today: dt.date) -> Markup:
    """The figure: the code and the address it holds, left out of the search index."""
    url = urls.item_url(index.site, item)
    return Markup(
        '<figure class="qq-qr" data-pagefind-ignore="all">{}'
        '<figcaption>在手机上查看：用手机扫描二维码打开本页<br><span class="qq-qr__url">{}</span>'
        "</figcaption></figure>"
    ).format(qr_svg(url, "本页网址的二维码"), url)


CONTRIBUTOR = Contributor(name="qrcode", item_block=qr_block)
