"""Argon2id hashes with the stated parameters; a hash made with others is renewed at sign-in."""

from __future__ import annotations

from argon2 import PasswordHasher

from generator.staff import passwords
from generator.staff.accounts import Account
from generator.staff.signin import SignIn


def test_hash_states_its_parameters_and_checks():
    stored = passwords.hash_password("correct horse battery staple")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert passwords.verify_password(stored, "correct horse battery staple")
    assert not passwords.verify_password(stored, "correct horse battery stapl")
    assert not passwords.verify_password("not a hash", "x")  # a mismatch, not an exception
    assert not passwords.verify_password(stored, "x" * 10_000)
    assert not passwords.needs_rehash(stored) and passwords.needs_rehash("not a hash")


def test_password_rules():
    assert "至少 12 个字符" in passwords.password_problem("short")
    assert "过于简单" in passwords.password_problem("aaaaaaaaaaaaaaa")
    assert passwords.password_problem("correct horse battery staple") is None


def test_an_old_hash_is_renewed_at_the_next_good_sign_in(staff, clock):
    account = Account("lin", "林", roles=frozenset({"handler"}), totp_required=False)
    staff.add(account, "correct horse battery staple", "test", clock())
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    with staff.store.tx() as conn:
        account.password_hash = weak.hash("correct horse battery staple")
        staff.write(conn, account)
    attempt = SignIn(staff).password("lin", "correct horse battery staple", "client", clock())
    assert attempt.account is not None
    renewed = staff.get("lin").password_hash
    assert renewed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert passwords.verify_password(renewed, "correct horse battery staple")
