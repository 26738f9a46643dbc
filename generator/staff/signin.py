"""Signing in, independent of HTTP: throttle, check the password and the second factor, lock
after repeated failures, audit each step, and nothing more.

Every refusal reads the same whether the account exists, is disabled, is locked or the
password is wrong, and a missing account costs one Argon2 check like a real one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.petitions.config import RateLimit
from generator.staff import audit
from generator.staff.accounts import Account
from generator.staff.passwords import dummy_hash, hash_password, needs_rehash, verify_password
from generator.staff.store import LOCK_AFTER_FAILURES, LOCK_SECONDS, StaffStore
from generator.staff.totp import matching_step

# Per login name (existing or not) and per client; a locked account also waits LOCK_SECONDS.
ACCOUNT_LIMITS = (RateLimit(5, 60), RateLimit(30, 3600))
CLIENT_LIMITS = (RateLimit(20, 600), RateLimit(200, 86400))
REFUSED = (
    "登录名或密码不正确，或账号已停用、已锁定。连续输错 10 次将锁定 60 分钟；如需帮助请联系管理员。"
)
CODE_REFUSED = "验证码不正确或已使用过，请等手机上出现新的验证码后再试，或使用一个恢复码。"


@dataclass(frozen=True)
class Attempt:
    """What one step of signing in came to: the account when it passed, else a wait or nothing."""

    account: Account | None = None
    retry_after: int | None = None


class SignIn:
    """The sign-in rules over a StaffStore."""

    def __init__(self, staff: StaffStore, throttle: bool = True) -> None:
        self.staff = staff
        self.store = staff.store
        self.throttle = throttle

    def _limited(self, login: str, client: str, now: float) -> int | None:
        if not self.throttle:
            return None
        subject = self.staff.keys.digest("staff-login", login)[:32]
        wait = self.store.hit("staff-signin-client", client, CLIENT_LIMITS, now)
        if wait is not None:
            return wait
        return self.store.hit("staff-signin-account", subject, ACCOUNT_LIMITS, now)

    def password(self, login: str, password: str, client: str, at: dt.datetime) -> Attempt:
        """The first step: the account when the password is right and it may sign in."""
        login = login.strip().lower()[:64]
        now = at.timestamp()
        wait = self._limited(login, client, now)
        if wait is not None:
            self._audit(login, "sign-in-throttled", {"client": client}, at)
            return Attempt(retry_after=wait)
        account = self.staff.get(login)
        if account is None:
            verify_password(dummy_hash(), password)
            self._audit(login, "sign-in-failed", {"reason": "unknown", "client": client}, at)
            return Attempt()
        if account.disabled or account.locked(now):
            verify_password(dummy_hash(), password)
            reason = "disabled" if account.disabled else "locked"
            self._audit(login, "sign-in-failed", {"reason": reason, "client": client}, at)
            return Attempt()
        if not verify_password(account.password_hash, password):
            self.fail(account, "password", client, at)
            return Attempt()
        changes: dict = {}
        if not account.needs_second_factor:  # else the count runs on until the code is right
            changes = {"failures": 0, "locked_until": None}
        if needs_rehash(account.password_hash):
            changes["password_hash"] = hash_password(password)
        self._save(account, **changes)
        return Attempt(account=account)

    def second_factor(self, login: str, code: str, client: str, at: dt.datetime) -> Attempt:
        """The second step: a current TOTP code (each step once) or an unused recovery code."""
        now = at.timestamp()
        wait = self._limited(login, client, now)
        if wait is not None:
            self._audit(login, "sign-in-throttled", {"client": client}, at)
            return Attempt(retry_after=wait)
        with self.store.tx() as conn:
            account = self.staff.get(login, conn)
            if account is None or account.disabled or account.locked(now):
                return Attempt()
            secret = self.staff.totp_secret(account)
            step = matching_step(secret, code, now, account.totp_last_step) if secret else None
            candidates = self.staff.recovery_hashes(code)
            recovery = next((c for c in account.recovery_codes if c in candidates), None)
            if step is not None:
                account.totp_last_step = step
            elif recovery is not None:
                account.recovery_codes = tuple(c for c in account.recovery_codes if c != recovery)
                left = len(account.recovery_codes)
                audit.append(conn, login, "recovery-code-used", None, {"left": left}, at)
            else:
                account = None
            if account is not None:
                account.failures, account.locked_until = 0, None
                self.staff.write(conn, account)
                audit.append(conn, login, "signed-in", None, {"client": client}, at)
                return Attempt(account=account)
        account = self.staff.get(login)
        if account is not None:
            self.fail(account, "code", client, at)
        return Attempt()

    def signed_in(self, account: Account, client: str, at: dt.datetime) -> None:
        """Record a sign-in that needed no second factor (an exempt handler)."""
        self._audit(account.login, "signed-in", {"client": client, "second_factor": False}, at)

    def fail(self, account: Account, step: str, client: str, at: dt.datetime) -> None:
        """Count one failure, audit it, and lock the account at the tenth in a row."""
        with self.store.tx() as conn:
            fresh = self.staff.get(account.login, conn) or account
            fresh.failures += 1
            audit.append(
                conn, fresh.login, "sign-in-failed",
                None, {"reason": step, "client": client, "failures": fresh.failures}, at,
            )  # fmt: skip
            if fresh.failures >= LOCK_AFTER_FAILURES:
                fresh.locked_until = at.timestamp() + LOCK_SECONDS
                fresh.failures = 0
                audit.append(
                    conn, fresh.login, "account-locked", None,
                    {"until": dt.datetime.fromtimestamp(fresh.locked_until, dt.UTC).isoformat()},
                    at,
                )  # fmt: skip
            self.staff.write(conn, fresh)

    def _save(self, account: Account, **changes) -> None:
        with self.store.tx() as conn:
            for name, value in changes.items():
                setattr(account, name, value)
            self.staff.write(conn, account)

    def _audit(self, login: str, action: str, detail: dict, at: dt.datetime) -> None:
        with self.store.tx() as conn:
            audit.append(conn, login, action, None, detail, at)
