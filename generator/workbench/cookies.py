"""The staff session cookie: read it from a request, write and clear it, and nothing more."""

from __future__ import annotations

import re

SESSION_COOKIE = "qinqing_staff"
SIGNIN_COOKIE = "qinqing_staff_signin"  # the sign-in form's CSRF nonce, before any session
_PAIR = re.compile(r"\s*([^=;\s]+)\s*=\s*([^;]*)")


def read_cookies(header: str) -> dict[str, str]:
    """Name -> value of a Cookie header; the first of a repeated name wins, as browsers send
    the most specific path first."""
    found: dict[str, str] = {}
    for match in _PAIR.finditer(header or ""):
        found.setdefault(match.group(1), match.group(2).strip().strip('"'))
    return found


def set_cookie(name: str, value: str, path: str, max_age: int | None = None) -> tuple[str, str]:
    """HttpOnly, Secure and SameSite=Strict, limited to the workbench's path.

    Secure holds on http://127.0.0.1 and http://localhost too: browsers treat loopback as a
    secure context and keep such cookies (tests/workbench/test_browser.py signs in there).
    """
    parts = [f"{name}={value}", f"Path={path}", "HttpOnly", "Secure", "SameSite=Strict"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    return ("Set-Cookie", "; ".join(parts))


def clear_cookie(name: str, path: str) -> tuple[str, str]:
    return set_cookie(name, "", path, max_age=0)
