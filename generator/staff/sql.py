"""Run one `?`-placeholder statement on a connection of either backend, and nothing more.

Staff code is given a connection from `Store.tx()` (often by a listener or by a caller that
writes a petition's events in the same transaction) and not always the store itself.
"""

from __future__ import annotations

import sqlite3
from typing import Any


def run(conn: Any, sql: str, params: tuple = ()) -> list[tuple]:
    if not isinstance(conn, sqlite3.Connection):  # psycopg: %s placeholders
        sql = sql.replace("?", "%s")
    cur = conn.execute(sql, params)
    return cur.fetchall() if cur.description else []
