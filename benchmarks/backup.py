"""Backup figures for a SQLite petition database: time and size of `backup` (plain and
gzipped), `verify` of the backup and `restore`, for N petitions.

    .venv/bin/python benchmarks/backup.py [--count 10000]

The petitions go in through the service (validation, sealing, one transaction each, as the
handler stores them); half are accepted, a quarter replied, so events are about 1.8 per
petition. Everything lives in a temporary directory removed afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.support import SECRET, bench_desk, timed  # noqa: E402
from generator.petitions.backup import take_backup  # noqa: E402
from generator.petitions.keys import Keyring  # noqa: E402
from generator.petitions.restore import restore_backup  # noqa: E402
from generator.petitions.verify import verify_backup  # noqa: E402


def fill(work: Path, count: int) -> Path:
    desk, store, clean = bench_desk(work)
    for n in range(count):
        receipt = desk.submit({**clean, "subject": f"基准 {n}"}, None, None).receipt
        if n % 2 == 0:
            desk.act(receipt, "accept", "staff", route="local")
        if n % 4 == 0:
            desk.act(receipt, "reply", "staff", text="已协调解决。" * 10)
    store.close()
    return work / "petitions.db"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    keys = Keyring(SECRET)
    with tempfile.TemporaryDirectory(prefix="qinqing-bench-backup-") as tmp:
        work = Path(tmp)
        seconds, database = timed(lambda: fill(work, args.count))
        print(
            f"petitions: {args.count} stored in {seconds:.1f} s; database {database.stat().st_size / 1e6:.1f} MB"
        )
        for compress in (False, True):
            runs = []
            for attempt in range(2):
                dest = work / f"b{attempt}{'.tar.gz' if compress else '.tar'}"
                now = dt.datetime.now(dt.UTC)
                seconds, (written, manifest) = timed(
                    lambda dest=dest, now=now, gz=compress: take_backup(
                        database, dest, keys, gz, now
                    )
                )
                runs.append(seconds)
            kind = "gzip" if compress else "plain"
            print(
                f"backup ({kind}): {statistics.median(runs):.2f} s (runs {', '.join(f'{r:.2f}' for r in runs)}); "
                f"file {written.stat().st_size / 1e6:.2f} MB; events {manifest.tables['events']}"
            )
        seconds, (_manifest, report) = timed(lambda: verify_backup(written, keys))
        print(f"verify (gzip backup): {seconds:.2f} s; findings {len(report.findings)}")
        target = work / "restored" / "petitions.db"
        now = dt.datetime.now(dt.UTC)
        seconds, _done = timed(lambda: restore_backup(written, target, keys, False, now))
        print(f"restore (gzip backup): {seconds:.2f} s")


if __name__ == "__main__":
    main()
