"""Keyed hashes and authenticated encryption for what the store must not hold in clear text."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from functools import cached_property


class Keyring:
    """Derives one subkey per purpose from the site secret, so no key serves two jobs."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _subkey(self, label: str) -> bytes:
        return hmac.new(self._secret, label.encode(), hashlib.sha256).digest()

    @cached_property
    def _hash_key(self) -> bytes:
        return self._subkey("qinqing/hash/v1")

    @cached_property
    def _aead(self):  # noqa: ANN202 - cryptography is imported only when first needed
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        return AESGCM(self._subkey("qinqing/aes-gcm/v1"))

    @cached_property
    def fingerprint(self) -> str:
        """16 hex digits naming this key (a backup records it; the key cannot be recovered from it)."""
        return hashlib.sha256(self._subkey("qinqing/fingerprint/v1")).hexdigest()[:16]

    def digest(self, purpose: str, value: str) -> str:
        """A keyed hash (HMAC-SHA256, hex) of `value`, separated by `purpose`."""
        return hmac.new(self._hash_key, f"{purpose}\0{value}".encode(), hashlib.sha256).hexdigest()

    def matches(self, purpose: str, value: str, expected: str) -> bool:
        """Constant-time comparison of `value`'s keyed hash with a stored one."""
        return hmac.compare_digest(self.digest(purpose, value), expected)

    def seal(self, data: dict, context: str) -> str:
        """Encrypt a JSON-able dict, bound to `context` (e.g. the receipt), as base64 text."""
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(
            nonce, json.dumps(data, ensure_ascii=False).encode(), context.encode()
        )
        return "v1:" + base64.b64encode(nonce + sealed).decode()

    def open(self, token: str, context: str) -> dict:
        raw = base64.b64decode(token.removeprefix("v1:"))
        return json.loads(self._aead.decrypt(raw[:12], raw[12:], context.encode()))
