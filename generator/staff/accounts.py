"""A staff account as stored and the rules its fields follow (login name, roles), and nothing more."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HANDLER, SUPERVISOR, DISCIPLINE, ADMIN = "handler", "supervisor", "discipline", "admin"
ROLES = (HANDLER, SUPERVISOR, DISCIPLINE, ADMIN)
ROLE_LABELS = {HANDLER: "承办人", SUPERVISOR: "督办人", DISCIPLINE: "纪检", ADMIN: "管理员"}
# These roles reach every department or every account: a password alone is never enough.
SECOND_FACTOR_ROLES = frozenset({SUPERVISOR, ADMIN})
# Who may change a petition (accept, reply, close, hide, extend) from the CLI or the workbench.
ACTING_ROLES = frozenset({HANDLER, SUPERVISOR})
LOGIN_RE = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")


class AccountError(ValueError):
    """A field of an account that cannot be stored (Chinese message for the admin)."""


@dataclass
class Account:
    """One member of staff; the password hash and second-factor secret never leave the store."""

    login: str
    display_name: str
    email: str = ""
    phone: str = ""
    roles: frozenset[str] = frozenset()
    departments: frozenset[str] = frozenset()
    disabled: bool = False
    password_hash: str = field(default="", repr=False)
    totp_secret: str | None = field(default=None, repr=False)  # sealed; see StaffStore
    totp_required: bool = True
    totp_last_step: int = 0
    recovery_codes: tuple[str, ...] = field(default=(), repr=False)  # keyed hashes
    failures: int = 0
    locked_until: float | None = None
    created_at: str = ""

    @property
    def enrolled(self) -> bool:
        return self.totp_secret is not None

    @property
    def needs_second_factor(self) -> bool:
        return self.totp_required or bool(self.roles & SECOND_FACTOR_ROLES)

    def locked(self, now: float) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def has_any(self, roles: frozenset[str] | set[str]) -> bool:
        return bool(self.roles & roles)

    @property
    def role_names(self) -> str:
        return "、".join(ROLE_LABELS[r] for r in ROLES if r in self.roles) or "（无角色）"


def check_login(login: str) -> str:
    """A login name: 2–32 characters, lower-case letters, digits, '.', '_' or '-', a letter first."""
    if not LOGIN_RE.match(login):
        raise AccountError(
            f"登录名“{login}”无效：应为 2–32 个小写字母、数字、点、下划线或连字符，以字母开头"
        )
    return login


def check_roles(roles: set[str] | frozenset[str] | list[str]) -> frozenset[str]:
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise AccountError(f"未知角色：{'、'.join(unknown)}（可选：{'、'.join(ROLES)}）")
    return frozenset(roles)


def check_departments(departments: set[str] | list[str], known: set[str]) -> frozenset[str]:
    unknown = sorted(set(departments) - known)
    if unknown:
        raise AccountError(
            f"site.yaml 中没有部门代码：{'、'.join(unknown)}（已有：{'、'.join(sorted(known)) or '无'}）"
        )
    return frozenset(departments)
