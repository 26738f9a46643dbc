"""Validate the 18-character 统一社会信用代码 (GB 32100-2015) and compute its check character."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (which must use the code's alphabet)."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """None when `code` is a valid code, else a short reason key: length, charset or check."""
    if len(code) != 18:
        return "length"
    if any(c not in _VALUE for c in code):
        return "charset"
    if check_character(code[:17]) != code[17]:
        return "check"
    return None
