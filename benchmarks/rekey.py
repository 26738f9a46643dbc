"""Rekey figures: re-sealing N petitions' contact data with a new key (SQLite by default, or
PostgreSQL with --database-url), per batch size, with the time of the verify census after.

    .venv/bin/python benchmarks/rekey.py [--count 10000] [--database-url postgresql://…]

The petitions go in through the service under the old key (one transaction each, as the
handler stores them); then the ring is rotated and `rekey` runs. Each batch size starts
from the old key again (the database is re-sealed back under it first, not timed).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.support import SECRET, bench_desk  # noqa: E402
from generator.petitions.keys import Keyring  # noqa: E402
from generator.petitions.keyuse import key_use  # noqa: E402
from generator.petitions.rekey import rekey, tables_of  # noqa: E402

NEW_SECRET = b"benchmark-new-secret-key-0123456789abcdef-012345"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qinqing-bench-rekey-") as work:
        desk, store, clean = bench_desk(Path(work), args.database_url)
        scheme = (args.database_url or "sqlite:").split(":")[0]
        started = time.perf_counter()
        for n in range(args.count):
            desk.submit({**clean, "subject": f"基准 {n}"}, None, None)
        print(f"{args.count} petitions stored in {time.perf_counter() - started:.1f} s ({scheme})")
        old, rotated = Keyring(SECRET, [NEW_SECRET]), Keyring(NEW_SECRET, [SECRET])
        for size in (100, 500, 2000):
            rekey(store, old, batch_size=2000)  # back under the old key (not timed)
            started = time.perf_counter()
            done = rekey(store, rotated, batch_size=size)
            took = time.perf_counter() - started
            print(
                f"rekey batch {size:>4}: {done.resealed.total()} values in {took:.2f} s "
                f"({done.resealed.total() / took:,.0f}/s, {done.batches} batches)"
            )
        tables = tables_of(store)
        started = time.perf_counter()
        with store.tx() as conn:
            use = key_use(lambda sql: store.query(conn, sql), tables, rotated)
        print(f"census: {time.perf_counter() - started:.2f} s; " + " | ".join(use.lines()))
        store.close()


if __name__ == "__main__":
    main()
