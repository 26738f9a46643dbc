"""The 在手机上查看 block: the item's absolute URL as an inline, named, unindexed SVG QR code."""

from __future__ import annotations

import re

import pytest
import segno
from lxml import html

from generator.features.qrcode import BORDER, QR_MASK, SCALE, dark_path, qr_block, qr_svg
from tests.features.feeds.conftest import TODAY, load


def modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules segno's path draws (`M x y.5 h n` runs, relative `m` moves)."""
    path = re.search(r' d="([^"]+)"', svg).group(1)
    dark, x, y = set(), 0.0, 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark |= {(int(x) + i, int(y - 0.5)) for i in range(int(float(a)))}
            x += float(a)
    return dark


def test_the_code_holds_the_item_url_and_nothing_else(tree):
    index = load(tree)
    item = index.get("open-fund")
    block = qr_block(index, item, TODAY)
    figure = html.fromstring(block)
    assert figure.get("data-pagefind-ignore") == "all"
    url = "https://feeds.example.gov.cn/funds/open-fund/"
    assert figure.xpath("string(.//span[@class='qq-qr__url'])") == url
    svg = figure.xpath(".//svg")[0]
    assert svg.get("role") == "img" and svg.get("aria-label") == "本页网址的二维码"
    # The drawn modules are exactly those of the URL's code (with its 2-module border).
    expected = segno.make(url, error="m", micro=False, mask=QR_MASK, boost_error=False)
    dark = {
        (x + 2, y + 2)
        for y, row in enumerate(expected.matrix)
        for x, value in enumerate(row)
        if value
    }
    assert modules(html.tostring(svg, encoding="unicode")) == dark


def test_same_text_same_bytes():
    assert qr_svg("https://a.example/x/", "码") == qr_svg("https://a.example/x/", "码")
    assert qr_svg("https://a.example/x/", "码") != qr_svg("https://a.example/y/", "码")


@pytest.mark.parametrize(
    "text",
    [
        "https://feeds.example.gov.cn/funds/open-fund/",
        "https://a.example/x/",
        "https://jjjxj.example.gov.cn/announcements/2026-publicity-%E5%90%8D%E5%8D%95/" * 3,
        "晋江市工业和信息化局",
    ],
)
def test_the_path_is_the_one_segnos_own_writer_draws(text):
    code = segno.make(text, error="m", micro=False, mask=QR_MASK, boost_error=False)
    theirs = code.svg_inline(scale=SCALE, border=BORDER, title="码")
    assert re.search(r' d="([^"]+)"', theirs).group(1) == dark_path(code.matrix)
    assert f'width="{len(code.matrix) * SCALE + 2 * BORDER * SCALE}"' in qr_svg(text, "码")
