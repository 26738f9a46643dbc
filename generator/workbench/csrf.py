"""CSRF tokens: the session's token on every signed-in form, and a keyed double-submit
token on the sign-in form (which has no session yet), and nothing more."""

from __future__ import annotations

import hmac
import secrets

from generator.petitions.keys import Keyring

FIELD = "csrf_token"


def new_signin_nonce() -> str:
    return secrets.token_urlsafe(24)


def signin_token(keys: Keyring, nonce: str) -> str:
    """The hidden field's value for a sign-in form whose cookie holds `nonce`."""
    return keys.digest("staff-signin-csrf", nonce)


def signin_token_ok(keys: Keyring, nonce: str | None, submitted: str | None) -> bool:
    if not nonce or not submitted or len(nonce) > 100:
        return False
    expected = keys.digest("staff-signin-csrf", nonce)
    return hmac.compare_digest(expected.encode(), submitted.encode())  # bytes: any text compares


def session_token_ok(expected: str, submitted: str | None) -> bool:
    return bool(submitted) and hmac.compare_digest(expected.encode(), str(submitted).encode())
