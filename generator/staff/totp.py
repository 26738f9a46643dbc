"""The second factor: RFC 6238 codes (30 s, 6 digits, ±1 step, each step used once) and
single-use recovery codes, and nothing more."""

from __future__ import annotations

import secrets
import unicodedata

import pyotp

STEP_SECONDS = 30
DIGITS = 6
RECOVERY_COUNT = 10
_RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/1/i/l/o


def new_secret() -> str:
    return pyotp.random_base32(32)  # 160 bits, as RFC 4226 recommends


def provisioning_uri(secret: str, login: str, issuer: str) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
        name=login, issuer_name=issuer
    )


def matching_step(secret: str, code: str, now: float, last_step: int) -> int | None:
    """The time step `code` belongs to (now ±1 step) when that step is later than `last_step`.

    Returning the step lets the caller store it, so the same code (or an older one) is
    refused next time: a code seen over a shoulder or replayed from a log cannot be reused.
    """
    # NFKC: full-width digits from a Chinese input method count as the digits they show.
    code = "".join(unicodedata.normalize("NFKC", code).split())
    if len(code) != DIGITS or not (code.isascii() and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    current = int(now // STEP_SECONDS)
    for step in (current - 1, current, current + 1):
        if step > last_step and secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_recovery_codes() -> list[str]:
    """Ten codes of 10 characters (about 50 bits each), shown as xxxxx-xxxxx."""
    codes = []
    for _ in range(RECOVERY_COUNT):
        word = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{word[:5]}-{word[5:]}")
    return codes


def normalize_recovery(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()
