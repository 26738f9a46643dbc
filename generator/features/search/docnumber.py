"""Doc numbers (文号) and titles in the forms search indexes them, and nothing more.

People type a doc number loosely: 晋政规〔2025〕5号, 晋政规[2025]5号, 晋政规【2025】5号,
晋政规(2025)5号, 晋政规2025 5号, 晋政规2025年5号. Both sides are normalized to the same
parts (issuer, year, number). The page carries readable canonical forms and one exact key
token; the browser (assets/search.js, `parseDocNumber`/`docKey`) computes the same key from
the query. Keep the two implementations in step: tests/features/search/doc_numbers.yaml is the table
both are tested against.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# After NFKC, full-width ［］（） and digits are ASCII; 〔〕 and 【】 are not folded.
_OPEN = "〔[【(〈<{"
_CLOSE = "〕]】)〉>}"
_DOC_NUMBER = re.compile(
    rf"""^\s*
    (?P<issuer>[^\d\s{re.escape(_OPEN + _CLOSE)}]+?)
    \s*[{re.escape(_OPEN)}]?\s*
    (?P<year>(?:19|20)\d{{2}})
    \s*年?\s*[{re.escape(_CLOSE)}]?\s*
    (?:(?:第\s*)?(?P<number>\d{{1,6}})\s*号?)?
    \s*$""",
    re.VERBOSE,
)
# Every whitespace run becomes one space first: the pattern's neighbouring `\s*` could
# otherwise split a long run in polynomially many ways (晋政规2025 + 600 spaces + x took
# minutes). With runs of one, each attempt is bounded, so matching is linear.
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class DocNumber:
    """A doc number's parts; `number` is None when only issuer and year were typed."""

    issuer: str
    year: str
    number: str | None

    @property
    def canonical(self) -> str:
        """The official spelling, e.g. 晋政规〔2025〕5号."""
        return f"{self.issuer}〔{self.year}〕{self.number or ''}" + ("号" if self.number else "")

    @property
    def key(self) -> str:
        """One ASCII word no segmenter splits: issuer code points, year, number.

        `wh` + 5 hex digits per issuer character + `y2025` + `n5z`. The trailing `z` keeps
        n5 from being a prefix of n50 (Pagefind matches query words as prefixes), while a
        query with issuer and year only (no `n...z`) finds that issuer's whole year.
        """
        code = "".join(f"{ord(c):05x}" for c in self.issuer)
        tail = f"n{self.number}z" if self.number else ""
        return f"wh{code}y{self.year}{tail}"

    def forms(self) -> list[str]:
        """Readable forms put in the page's indexed (visually hidden) search text."""
        if self.number is None:
            return [self.canonical, self.key]
        return [
            self.canonical,
            f"{self.issuer}[{self.year}]{self.number}号",
            f"{self.issuer}{self.year} {self.number}",
            f"{self.issuer} {self.year} {self.number}号",
            self.key,
        ]


def parse_doc_number(text: str) -> DocNumber | None:
    """The parts of a loosely typed doc number, or None when the text is not one."""
    folded = _SPACES.sub(" ", unicodedata.normalize("NFKC", text))
    match = _DOC_NUMBER.match(folded)
    if match is None:
        return None
    number = match["number"]
    return DocNumber(
        issuer=match["issuer"],
        year=match["year"],
        number=str(int(number)) if number is not None else None,
    )


def plain_text(text: str) -> str:
    """Text with punctuation and symbols removed (“亲”“清” -> 亲清), spaces collapsed.

    Removed, not replaced by a space: in Chinese the characters either side belong together.
    """
    folded = unicodedata.normalize("NFKC", text)
    kept = "".join(c for c in folded if unicodedata.category(c)[0] not in "PS")
    return " ".join(kept.split())
