"""Keyed hashes and authenticated encryption under a ring of one current and some retired keys.

Sealing and hashing always use the current key. A sealed token names its key
(`v2:<fingerprint>:<base64>`), so opening picks the key by its fingerprint; tokens from
before rotation existed (`v1:<base64>`) are tried with each key. `matches` accepts a hash
made by any key of the ring, so query codes keep working after a rotation; `tagged_digest`
prefixes the key's fingerprint so `hashed_with` can tell later which key a stored hash needs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from functools import cached_property

_TAG = "v2:"
_LEGACY = "v1:"


class UnknownKey(Exception):
    """A token sealed with a key the ring does not hold; the message names its fingerprint."""

    def __init__(self, fingerprint: str) -> None:
        super().__init__(f"密文使用指纹为 {fingerprint} 的密钥，配置的密钥中没有它")
        self.fingerprint = fingerprint


class Key:
    """One secret and the subkeys derived from it, one per purpose, so no key serves two jobs."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _subkey(self, label: str) -> bytes:
        return hmac.new(self._secret, label.encode(), hashlib.sha256).digest()

    @cached_property
    def hash_key(self) -> bytes:
        return self._subkey("qinqing/hash/v1")

    @cached_property
    def aead(self):  # noqa: ANN201 - cryptography is imported only when first needed
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        return AESGCM(self._subkey("qinqing/aes-gcm/v1"))

    @cached_property
    def fingerprint(self) -> str:
        """16 hex digits naming this key (the key cannot be recovered from it)."""
        return hashlib.sha256(self._subkey("qinqing/fingerprint/v1")).hexdigest()[:16]

    def digest(self, purpose: str, value: str) -> str:
        return hmac.new(self.hash_key, f"{purpose}\0{value}".encode(), hashlib.sha256).hexdigest()

    def open(self, raw: bytes, context: str) -> dict:
        return json.loads(self.aead.decrypt(raw[:12], raw[12:], context.encode()))


class Keyring:
    """The current key (seals and hashes) and the retired ones (still open and match)."""

    def __init__(self, secret: bytes, retired: Iterable[bytes] = ()) -> None:
        self.current = Key(secret)
        self.retired = tuple(Key(old) for old in retired)
        self.keys = (self.current, *self.retired)
        self._by_fingerprint = {key.fingerprint: key for key in reversed(self.keys)}

    @property
    def fingerprint(self) -> str:
        """The current key's fingerprint (a backup records it; the key cannot be recovered from it)."""
        return self.current.fingerprint

    @property
    def fingerprints(self) -> tuple[str, ...]:
        """Every key's fingerprint, the current one first."""
        return tuple(key.fingerprint for key in self.keys)

    @property
    def retired_fingerprints(self) -> tuple[str, ...]:
        return tuple(key.fingerprint for key in self.retired)

    # -- keyed hashes --
    def digest(self, purpose: str, value: str) -> str:
        """A keyed hash (HMAC-SHA256, hex) of `value` under the current key, separated by `purpose`."""
        return self.current.digest(purpose, value)

    def digests(self, purpose: str, value: str) -> list[str]:
        """`value`'s hash under every key, the current one first: candidates for a lookup by hash."""
        return [key.digest(purpose, value) for key in self.keys]

    def tagged_digest(self, purpose: str, value: str) -> str:
        """`<fingerprint>:<digest>` under the current key, for a hash that must say its key."""
        return f"{self.fingerprint}:{self.digest(purpose, value)}"

    def hashed_with(self, stored: str) -> str | None:
        """The fingerprint a tagged hash names; None for an untagged one (any key may have made it)."""
        return stored.rpartition(":")[0] or None

    def matches(self, purpose: str, value: str, expected: str) -> bool:
        """Constant-time check of `value` against a stored hash made by any key of the ring."""
        fingerprint, _sep, digest = expected.rpartition(":")
        candidates = [key for key in self.keys if fingerprint in ("", key.fingerprint)]
        results = [hmac.compare_digest(key.digest(purpose, value), digest) for key in candidates]
        return any(results)

    # -- sealing --
    def seal(self, data: dict, context: str) -> str:
        """Encrypt a JSON-able dict with the current key, bound to `context` (e.g. the receipt)."""
        nonce = os.urandom(12)
        sealed = self.current.aead.encrypt(
            nonce, json.dumps(data, ensure_ascii=False).encode(), context.encode()
        )
        return f"{_TAG}{self.fingerprint}:" + base64.b64encode(nonce + sealed).decode()

    def open(self, token: str, context: str) -> dict:
        """The dict sealed in `token`; raises UnknownKey, or the cipher's error for a bad token."""
        return self.opened_with(token, context)[0]

    def opened_with(self, token: str, context: str) -> tuple[dict, str]:
        """The dict sealed in `token` and the fingerprint of the key that opened it."""
        if token.startswith(_TAG):
            fingerprint, _sep, body = token.removeprefix(_TAG).partition(":")
            key = self._by_fingerprint.get(fingerprint)
            if key is None:
                raise UnknownKey(fingerprint)
            return key.open(base64.b64decode(body), context), fingerprint
        raw = base64.b64decode(token.removeprefix(_LEGACY))
        failure: Exception | None = None
        for key in self.keys:
            try:
                return key.open(raw, context), key.fingerprint
            except Exception as err:  # noqa: BLE001 - the next key may be the one
                failure = err
        raise failure or ValueError("no key")

    def sealed_with(self, token: str) -> str | None:
        """The fingerprint a `v2:` token names (without opening it); None for a `v1:` token."""
        if token.startswith(_TAG):
            return token.removeprefix(_TAG).partition(":")[0]
        return None

    def is_current(self, token: str) -> bool:
        """Whether `token` is sealed with the current key in the current format (rekey skips it)."""
        return token.startswith(f"{_TAG}{self.fingerprint}:")
