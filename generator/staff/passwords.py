"""Staff passwords: Argon2id hashes with the parameters stated here, checked and renewed, and nothing more.

Parameters (OWASP's Argon2id minimum, 2024): 19 MiB of memory, 2 passes, 1 lane, a 16-byte
salt and a 32-byte hash. One check costs about 30 ms and 19 MiB on this machine (measured
by benchmarks/workbench.py); sixteen sign-ins at once need about 300 MiB, which a small
server has. A hash made with other parameters is replaced at the next good sign-in.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TIME_COST = 2
MEMORY_KIB = 19 * 1024
PARALLELISM = 1
MIN_LENGTH = 12
MAX_LENGTH = 256


@cache
def hasher() -> PasswordHasher:
    return PasswordHasher(
        time_cost=TIME_COST,
        memory_cost=MEMORY_KIB,
        parallelism=PARALLELISM,
        hash_len=32,
        salt_len=16,
    )


def password_problem(password: str) -> str | None:
    """Why a new password is refused (Chinese), or None."""
    if len(password) < MIN_LENGTH:
        return f"密码至少 {MIN_LENGTH} 个字符（可用几个词组成的短句）"
    if len(password) > MAX_LENGTH:
        return f"密码最多 {MAX_LENGTH} 个字符"
    if len(set(password)) < 4:
        return "密码过于简单（重复字符太多）"
    return None


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(stored: str, password: str) -> bool:
    """Whether `password` matches; a malformed stored hash is a mismatch, never an exception."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    try:
        return hasher().check_needs_rehash(stored)
    except InvalidHashError:
        return True


# Checked against when the account does not exist, so a wrong name costs as long as a wrong
# password and the time taken does not tell whether an account exists.
@cache
def dummy_hash() -> str:
    return hash_password("qinqing-no-such-account")
