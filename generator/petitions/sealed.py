"""The registry of columns holding values sealed with the Keyring, nothing more.

`qinqing petitions rekey` re-seals every column listed here, `verify` counts which key
each value needs, and a backup records those keys. A module that stores a value from
`Keyring.seal` adds one `SealedColumn` line to `SEALED_COLUMNS`; a table that does not
exist (its migration not applied) is skipped.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Rows = Callable[[str], Iterable[tuple]]
SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"
POSTGRES_TABLES = (
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
)


@dataclass(frozen=True)
class SealedColumn:
    """`table.column` holds tokens sealed with `context` (a template over the row's columns).

    `key` is a unique column of the table: rekey walks the rows in its order."""

    table: str
    column: str
    key: str
    context: str

    @property
    def label(self) -> str:
        return f"{self.table}.{self.column}"

    @property
    def fields(self) -> list[str]:
        """The columns the context template names (`{receipt}` -> receipt)."""
        names = [name for _text, name, _spec, _conv in string.Formatter().parse(self.context)]
        return [name for name in names if name]

    def select(self) -> str:
        """Columns to read: key, the token, then the context's fields."""
        return ", ".join([self.key, self.column, *self.fields])

    def context_of(self, row: tuple) -> str:
        """The context of a row read with `select()`."""
        return self.context.format(**dict(zip(self.fields, row[2:], strict=True)))


SEALED_COLUMNS: tuple[SealedColumn, ...] = (
    SealedColumn("petitions", "contact", key="receipt", context="{receipt}"),
    SealedColumn("idempotency", "response", key="key_hash", context="idempotency"),
    # Migration 2 (auth): staff TOTP secrets, and the secret of an enrolment in progress.
    SealedColumn("staff_accounts", "totp_secret", key="login", context="staff-totp:{login}"),
    SealedColumn("staff_sessions", "pending", key="token_hash", context="staff-enrol:{token_hash}"),
)


def present(columns: Iterable[SealedColumn], tables: Iterable[str]) -> list[SealedColumn]:
    """The registered columns whose table exists in this database."""
    have = set(tables)
    return [column for column in columns if column.table in have]
