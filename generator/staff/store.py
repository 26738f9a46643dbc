"""Staff accounts in the petition database (migration 2): add, read, change, and nothing more.

The second-factor secret is sealed with the handler's key (as contact details are), bound
to the login name; recovery codes are stored as keyed hashes and struck out when used.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from generator.petitions.keys import Keyring
from generator.petitions.store import Store
from generator.staff import audit
from generator.staff.accounts import Account, AccountError, check_login, check_roles
from generator.staff.passwords import hash_password
from generator.staff.sql import run
from generator.staff.totp import normalize_recovery

COLUMNS = (
    "login", "display_name", "email", "phone", "roles", "departments", "disabled",
    "password_hash", "totp_secret", "totp_required", "totp_last_step", "recovery_codes",
    "failures", "locked_until", "created_at",
)  # fmt: skip
LOCK_AFTER_FAILURES = 10
LOCK_SECONDS = 3600


class StaffStore:
    """Accounts on a petition Store; every change also writes its audit entry."""

    def __init__(self, store: Store, keys: Keyring) -> None:
        self.store = store
        self.keys = keys

    # -- reading --
    def get(self, login: str, conn: Any = None) -> Account | None:
        if conn is None:
            with self.store.tx() as conn:
                return self.get(login, conn)
        rows = run(
            conn, f"SELECT {', '.join(COLUMNS)} FROM staff_accounts WHERE login = ?", (login,)
        )
        return _account(rows[0]) if rows else None

    def all(self) -> list[Account]:
        with self.store.tx() as conn:
            rows = run(conn, f"SELECT {', '.join(COLUMNS)} FROM staff_accounts ORDER BY login")
        return [_account(row) for row in rows]

    def totp_secret(self, account: Account) -> str | None:
        if account.totp_secret is None:
            return None
        return self.keys.open(account.totp_secret, f"staff-totp:{account.login}")["secret"]

    # -- writing --
    def add(self, account: Account, password: str, actor: str, at: dt.datetime) -> Account:
        check_login(account.login)
        check_roles(account.roles)
        account.password_hash = hash_password(password)
        account.created_at = at.astimezone(dt.UTC).isoformat(timespec="seconds")
        with self.store.tx() as conn:
            if self.get(account.login, conn) is not None:
                raise AccountError(f"登录名“{account.login}”已被使用")
            marks = ", ".join("?" for _ in COLUMNS)
            run(
                conn,
                f"INSERT INTO staff_accounts ({', '.join(COLUMNS)}) VALUES ({marks})",
                _row(account),
            )
            audit.append(conn, actor, "account-added", None, _summary(account), at)
        return account

    def update(
        self,
        login: str,
        actor: str,
        action: str,
        at: dt.datetime,
        detail: dict | None = None,
        **changes: Any,
    ) -> Account:
        """Change some fields of one account (KeyError when there is none) and audit it."""
        with self.store.tx() as conn:
            account = self.get(login, conn)
            if account is None:
                raise KeyError(login)
            for name, value in changes.items():
                setattr(account, name, value)
            self.write(conn, account)
            audit.append(conn, actor, action, None, {"account": login, **(detail or {})}, at)
            # New credentials, rights or second factor take effect at the next sign-in.
            if changes.keys() & {"disabled", "password_hash", "roles", "totp_secret"}:
                run(conn, "DELETE FROM staff_sessions WHERE login = ?", (login,))
        return account

    def write(self, conn: Any, account: Account) -> None:
        """Store every field of `account` (inside the caller's transaction)."""
        values = _row(account)
        sets = ", ".join(f"{c} = ?" for c in COLUMNS[1:])
        run(conn, f"UPDATE staff_accounts SET {sets} WHERE login = ?", (*values[1:], values[0]))

    def seal_totp(self, login: str, secret: str) -> str:
        return self.keys.seal({"secret": secret}, f"staff-totp:{login}")

    def recovery_hash(self, code: str) -> str:
        return self.keys.digest("staff-recovery", normalize_recovery(code))

    def recovery_hashes(self, code: str) -> set[str]:
        """The code's hash under every key of the ring: codes issued before a rotation still work."""
        return set(self.keys.digests("staff-recovery", normalize_recovery(code)))


def _row(account: Account) -> tuple:
    return (
        account.login, account.display_name, account.email, account.phone,
        json.dumps(sorted(account.roles)), json.dumps(sorted(account.departments)),
        int(account.disabled), account.password_hash, account.totp_secret,
        int(account.totp_required), account.totp_last_step,
        json.dumps(list(account.recovery_codes)), account.failures, account.locked_until,
        account.created_at,
    )  # fmt: skip


def _account(row: tuple) -> Account:
    values = dict(zip(COLUMNS, row, strict=True))
    values["roles"] = frozenset(json.loads(values["roles"]))
    values["departments"] = frozenset(json.loads(values["departments"]))
    values["disabled"] = bool(values["disabled"])
    values["totp_required"] = bool(values["totp_required"])
    values["recovery_codes"] = tuple(json.loads(values["recovery_codes"]))
    return Account(**values)


def _summary(account: Account) -> dict[str, Any]:
    return {
        "account": account.login,
        "roles": sorted(account.roles),
        "departments": sorted(account.departments),
        "totp_required": account.totp_required,
    }
