"""Re-sealing every registered sealed column with the current key, in batches, nothing more.

Each batch is one transaction over at most `batch_size` rows not yet sealed with the
current key, walked in the order of the column's unique key; a value is replaced only if
it is still the one read (a purge in between wins). Stopping between batches loses
nothing: a later run carries on with what is left, and a value already under the current
key is never touched, so running it twice changes nothing the second time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.petitions.keys import Keyring
from generator.petitions.sealed import (
    POSTGRES_TABLES,
    SEALED_COLUMNS,
    SQLITE_TABLES,
    SealedColumn,
    present,
)
from generator.petitions.store import Store

DEFAULT_BATCH = 500


@dataclass
class Rekeyed:
    """What a run did: values re-sealed and values no key opens (their row keys), per column."""

    resealed: Counter[str] = field(default_factory=Counter)
    failed: dict[str, list[str]] = field(default_factory=dict)
    batches: int = 0
    finished: bool = True


def tables_of(store: Store) -> list[str]:
    sql = POSTGRES_TABLES if store.placeholder == "%s" else SQLITE_TABLES
    with store.tx() as conn:
        return [row[0] for row in store.query(conn, sql)]


def rekey(
    store: Store, keys: Keyring, batch_size: int = DEFAULT_BATCH, max_batches: int | None = None
) -> Rekeyed:
    """Re-seal with the current key; stop after `max_batches` (then `finished` is False)."""
    done = Rekeyed()
    for column in present(SEALED_COLUMNS, tables_of(store)):
        after: object = None
        while True:
            if max_batches is not None and done.batches >= max_batches:
                done.finished = False
                return done
            rows = _batch(store, keys, column, after, batch_size, done)
            if not rows:
                break
            done.batches += 1
            after = rows[-1][0]
            if len(rows) < batch_size:
                break
    return done


def _batch(
    store: Store,
    keys: Keyring,
    column: SealedColumn,
    after: object,
    size: int,
    done: Rekeyed,
) -> list[tuple]:
    """One transaction: read up to `size` rows past `after` and re-seal those that open."""
    where = f"{column.column} IS NOT NULL AND {column.column} NOT LIKE ?"
    params: tuple = (f"v2:{keys.fingerprint}:%",)
    if after is not None:
        where += f" AND {column.key} > ?"
        params += (after,)
    select = (
        f"SELECT {column.select()} FROM {column.table} WHERE {where} "
        f"ORDER BY {column.key} LIMIT {int(size)}"
    )
    update = (
        f"UPDATE {column.table} SET {column.column} = ? "
        f"WHERE {column.key} = ? AND {column.column} = ?"
    )
    with store.tx() as conn:
        rows = store.query(conn, select, params)
        for row in rows:
            context = column.context_of(row)
            try:
                data = keys.open(row[1], context)
            except Exception:  # noqa: BLE001 - damaged, or a key the ring lacks: left as it is
                done.failed.setdefault(column.label, []).append(str(row[0]))
                continue
            params = (keys.seal(data, context), row[0], row[1])
            # Both drivers' connections run a statement and tell the rows it changed: zero when
            # the handler changed the value meanwhile (a purge), which is then left as it is.
            changed = conn.execute(update.replace("?", store.placeholder), params).rowcount
            done.resealed[column.label] += changed
    return rows
