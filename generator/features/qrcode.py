"""The 在手机上查看 QR code closing every item page (its absolute URL, drawn by segno), and nothing more.

Inline SVG: no extra file per item, nothing for the browser to fetch, and the same bytes on
every build of the same content (segno's output depends only on the text). Shown on wide
screens and in print; on a phone, where the reader already is, it is hidden (site.css).
"""

from __future__ import annotations

import datetime as dt

import segno
from markupsafe import Markup

from generator import urls
from generator.cache.memo import remembered
from generator.compile.contributor import Contributor
from generator.content.index import ContentIndex, Item

QR_MASK = 3


@remembered("qr")  # segno's mask search: 9 ms of CPU a code, most of an item page's compile
def qr_svg(text: str, label: str) -> Markup:
    """An inline `<svg role="img">` QR code of `text`, named `label` for screen readers."""
    # One fixed mask: choosing the best of eight (segno scores each in pure Python) took 5 ms
    # of an item page's build; scanners read every mask. 3 is segno's most frequent choice
    # for the site's item URLs.
    code = segno.make(text, error="m", micro=False, mask=QR_MASK)
    # segno escapes the title it writes into the SVG.
    svg = Markup(code.svg_inline(scale=3, border=2, svgclass="qq-qr__code", title=label))
    return svg.replace("<svg ", Markup('<svg role="img" aria-label="{}" ').format(label), 1)


def qr_block(index: ContentIndex, item: Item, today: dt.date) -> Markup:
    """The figure: the code and the address it holds, left out of the search index."""
    url = urls.item_url(index.site, item)
    return Markup(
        '<figure class="qq-qr" data-pagefind-ignore="all">{}'
        '<figcaption>在手机上查看：用手机扫描二维码打开本页<br><span class="qq-qr__url">{}</span>'
        "</figcaption></figure>"
    ).format(qr_svg(url, "本页网址的二维码"), url)


CONTRIBUTOR = Contributor(name="qrcode", item_block=qr_block)
