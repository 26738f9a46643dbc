"""Helpers for the backup, restore and verify tests: the CLI on a chosen database and key,
a SQLite file with petitions in several states, and a closed copy of it."""

from __future__ import annotations

import base64
import json
import os
import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli.main import main
from generator.petitions.keys import Key, Keyring
from tests.petitions.conftest import SECRET, submit

OTHER_SECRET = b"another-secret-key-0123456789abcdef-0123456789"
NEW_SECRET = b"new-secret-key-0123456789abcdef-0123456789"


def legacy_seal(secret: bytes, data: dict, context: str) -> str:
    """A token as qinqing wrote it before rotation existed: `v1:` and no key named."""
    nonce = os.urandom(12)
    sealed = Key(secret).aead.encrypt(nonce, json.dumps(data).encode(), context.encode())
    return "v1:" + base64.b64encode(nonce + sealed).decode()


def make_legacy(store, receipt: str, secret: bytes = SECRET) -> None:
    """Rewrite one petition as qinqing stored it before rotation: v1 contact, untagged code hash."""
    with store.tx() as conn:
        code_hash, contact = store.query(
            conn, "SELECT code_hash, contact FROM petitions WHERE receipt = ?", (receipt,)
        )[0]
        legacy = legacy_seal(secret, Keyring(secret).open(contact, receipt), receipt)
        store.query(
            conn,
            "UPDATE petitions SET code_hash = ?, contact = ? WHERE receipt = ?",
            (code_hash.rpartition(":")[2], legacy, receipt),
        )


def qinqing(
    site_path: Path,
    database_url: str,
    *args: str,
    secret: bytes = SECRET,
    retired: tuple[bytes, ...] = (),
) -> Result:
    """`qinqing petitions …` in-process with this database, this key and these retired keys."""
    return CliRunner().invoke(
        main,
        ["petitions", "--config", str(site_path), "--database-url", database_url, *args],
        env={
            "QINQING_SECRET_KEY": secret.decode(),
            "QINQING_KEY_FILE": None,
            "QINQING_RETIRED_KEYS": ",".join(key.decode() for key in retired) or None,
            "QINQING_RETIRED_KEY_FILE": None,
        },
        catch_exceptions=False,
    )


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def sqlite_path(database_url: str) -> Path:
    return Path(database_url.removeprefix("sqlite:///"))


def fill(desk, count: int) -> list[str]:
    """`count` petitions: received, accepted, replied and closed in turn; their receipts."""
    receipts = []
    for n in range(count):
        receipt = submit(desk, subject=f"备份测试 {n}", email=f"c{n}@example.com")
        steps = [("accept", {"route": "local"}), ("reply", {"text": "已答复"}), ("close", {})]
        for action, options in steps[: n % 4]:
            desk.act(receipt, action, "staff", **options)
        receipts.append(receipt)
    return receipts


def closed_copy(store, database_url: str, dest: Path) -> Path:
    """A copy of the store's SQLite file once its WAL is folded in (the store is closed)."""
    store.close()
    source = sqlite_path(database_url)
    conn = sqlite3.connect(source)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copyfile(source, dest)
    return dest
