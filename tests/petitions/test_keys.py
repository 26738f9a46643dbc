"""The keyring: sealing names the key, old tokens and hashes keep working after a rotation."""

from __future__ import annotations

import pytest
from cryptography.exceptions import InvalidTag

from generator.petitions.keys import Key, Keyring, UnknownKey
from tests.petitions.safekeeping import legacy_seal

OLD = b"old-secret-key-0123456789abcdef-0123456789"
NEW = b"new-secret-key-0123456789abcdef-0123456789"
THIRD = b"third-secret-key-0123456789abcdef-012345678"


def test_seal_names_the_current_key_and_opens_after_rotation():
    before = Keyring(OLD)
    token = before.seal({"phone": "13905951234"}, "R1")
    assert token.startswith(f"v2:{before.fingerprint}:")
    rotated = Keyring(NEW, [OLD])
    assert rotated.open(token, "R1") == {"phone": "13905951234"}
    assert rotated.opened_with(token, "R1")[1] == before.fingerprint
    assert rotated.seal({"a": 1}, "R1").startswith(f"v2:{Keyring(NEW).fingerprint}:")
    assert not rotated.is_current(token) and rotated.is_current(rotated.seal({}, "R1"))


def test_legacy_v1_tokens_open_with_whichever_key_made_them():
    token = legacy_seal(OLD, {"email": "lin@example.com"}, "R2")
    assert Keyring(OLD).open(token, "R2") == {"email": "lin@example.com"}
    rotated = Keyring(NEW, [THIRD, OLD])
    assert rotated.opened_with(token, "R2") == ({"email": "lin@example.com"}, Key(OLD).fingerprint)
    assert rotated.sealed_with(token) is None
    with pytest.raises(InvalidTag):
        Keyring(NEW, [THIRD]).open(token, "R2")
    with pytest.raises(InvalidTag):
        rotated.open(token, "another receipt")


def test_a_token_of_a_key_not_in_the_ring_names_its_fingerprint():
    token = Keyring(OLD).seal({"x": 1}, "R3")
    with pytest.raises(UnknownKey) as missing:
        Keyring(NEW).open(token, "R3")
    assert missing.value.fingerprint == Keyring(OLD).fingerprint
    assert Keyring(OLD).fingerprint in str(missing.value)


def test_matches_accepts_a_hash_of_any_key_and_a_tagged_one_only_from_its_key():
    legacy = Keyring(OLD).digest("code", "R1:ABCD2345")
    tagged = Keyring(OLD).tagged_digest("code", "R1:ABCD2345")
    rotated = Keyring(NEW, [OLD])
    assert rotated.matches("code", "R1:ABCD2345", legacy)
    assert rotated.matches("code", "R1:ABCD2345", tagged)
    assert not rotated.matches("code", "R1:WRONG234", tagged)
    assert not Keyring(NEW).matches("code", "R1:ABCD2345", legacy)
    assert not Keyring(NEW).matches("code", "R1:ABCD2345", tagged)
    forged = f"{Keyring(NEW).fingerprint}:{legacy}"  # the right digest under the wrong key's name
    assert not rotated.matches("code", "R1:ABCD2345", forged)
    assert rotated.hashed_with(tagged) == Keyring(OLD).fingerprint
    assert rotated.hashed_with(legacy) is None


def test_digests_lists_every_key_current_first_and_digest_is_unchanged():
    rotated = Keyring(NEW, [OLD])
    assert rotated.digests("idempotency", "k") == [
        Keyring(NEW).digest("idempotency", "k"),
        Keyring(OLD).digest("idempotency", "k"),
    ]
    assert rotated.digest("client", "1.2.3.4") == Keyring(NEW).digest("client", "1.2.3.4")
    assert rotated.fingerprints == (Keyring(NEW).fingerprint, Keyring(OLD).fingerprint)
    assert rotated.retired_fingerprints == (Keyring(OLD).fingerprint,)
