"""Enterprise names and credit codes as exact search keys, and nothing more.

An enterprise searching for itself types its full name (晋江市鸿峰鞋业有限公司), the
distinctive part (鸿峰鞋业) or its 统一社会信用代码. Word search depends on how Pagefind
segments each name, so every recipient also gets one ASCII key per name and per code:

- name: `qy` + the first 10 hex digits of the FNV-1a 64-bit hash of the name's *core*:
  NFKC, lower case, punctuation and spaces removed, then place prefixes (晋江市, 福建…) and
  company-type or generic tails (有限公司, 科技…) stripped while at least two characters
  remain. Full name and distinctive part have the same core, so either finds every
  announcement listing the enterprise. 40 bits: a collision (two enterprises sharing a
  key, so each also finds the other's announcements) is unlikely below a million names,
  and a short key keeps the index chunk that holds all of them small.
- credit code: needs no key. The code is one ASCII word in the recipients table, which
  Pagefind indexes in lower case; `code_key` is the query folded the same way (18 letters
  and digits), and since every code has 18 characters, prefix matching is exact matching.

The browser (assets/search.js, `nameCore`/`nameKey`/`codeKey`) computes the same from the
query, with the affix lists the search page hands it (`AFFIXES`, one source). Every name key
has one length, so Pagefind's prefix matching of query words is exact matching there too.
"""

from __future__ import annotations

import re
import unicodedata

# Places an enterprise name starts (or, for 安踏（中国）, ends) with; a query may omit them.
PLACES = ("中华人民共和国", "中国", "福建省", "福建", "泉州市", "泉州", "晋江市", "晋江")
# Company types and generic business words after the distinctive part (七匹狼实业股份有限公司).
TAILS = (
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "分公司",
    "总公司",
    "公司",
    "合作社",
    "商行",
    "工厂",
    "厂",
    "科技",
    "实业",
    "发展",
    "集团",
    "股份",
    "控股",
    "投资",
    "工贸",
    "贸易",
)
# A query ending so is a full enterprise name: search its key first (search.js).
FULL_NAME_ENDINGS = ("公司", "合作社", "商行")
AFFIXES = {
    "prefixes": list(PLACES),
    "suffixes": sorted(TAILS + PLACES, key=len, reverse=True),
    "full": list(FULL_NAME_ENDINGS),
}
MIN_CORE = 2
KEY_DIGITS = 10
CREDIT_CODE = re.compile(r"^[0-9a-z]{18}$")

_FNV_OFFSET = 0xCBF29CE484222325
_FNV_PRIME = 0x100000001B3
_MASK = (1 << 64) - 1


def fold(text: str) -> str:
    """NFKC, lower case, without punctuation, symbols and spaces."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in folded if unicodedata.category(c)[0] not in "PSZ" and not c.isspace())


def name_core(name: str) -> str:
    """The distinctive part of an enterprise name (晋江市鸿峰鞋业有限公司 -> 鸿峰鞋业)."""
    core = fold(name)
    changed = True
    while changed:
        changed = False
        for prefix in AFFIXES["prefixes"]:
            if core.startswith(prefix) and len(core) - len(prefix) >= MIN_CORE:
                core, changed = core[len(prefix) :], True
                break
        for suffix in AFFIXES["suffixes"]:
            if core.endswith(suffix) and len(core) - len(suffix) >= MIN_CORE:
                core, changed = core[: -len(suffix)], True
                break
    return core


def fnv1a64(text: str) -> str:
    value = _FNV_OFFSET
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * _FNV_PRIME) & _MASK
    return f"{value:016x}"


def name_key(name: str) -> str | None:
    """`qy` + 10 hex digits; None when the name has fewer than two characters left."""
    core = name_core(name)
    return f"qy{fnv1a64(core)[:KEY_DIGITS]}" if len(core) >= MIN_CORE else None


def code_key(code: str) -> str | None:
    """The code as the index holds it (lower case); None unless 18 letters and digits."""
    folded = fold(code)
    return folded if CREDIT_CODE.match(folded) else None
