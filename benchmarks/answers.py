"""答复选登 and 督办统计 at office scale: the snapshot and the figures over 10,000 petitions.

Prints, for a SQLite store seeded with N petitions (a fifth consented and published):
reading every record (`store.all()`, what both pages start from), the snapshot, the figures
of one year and the CSV, each the median of a few runs.

    .venv/bin/python benchmarks/answers.py [--petitions 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.support import median_ms  # noqa: E402
from generator.petitions.answer_snapshot import answers_snapshot  # noqa: E402
from generator.petitions.backends import open_store  # noqa: E402
from generator.petitions.config import load_site  # noqa: E402
from generator.petitions.figures import compute_figures, figures_csv  # noqa: E402
from generator.petitions.service import Petitions  # noqa: E402
from generator.petitions.states import Event  # noqa: E402
from generator.petitions.validation import validate  # noqa: E402
from tests.petitions.conftest import SITE_YAML, Clock, make_settings, valid_petition  # noqa: E402


def _seed(desk: Petitions, clock: Clock, count: int) -> None:
    for n in range(count):
        clock.advance(minutes=50)
        consent = n % 5 == 0
        clean, _ = validate(
            valid_petition(category="consult", publish_consent=consent), desk.site.petitions, False
        )
        receipt = desk.submit(clean, None, None).receipt
        if n % 3:
            desk.act(receipt, "accept", "clerk", route="local")
            desk.act(receipt, "reply", "clerk", text="答复")
            if consent:
                data = {
                    "answer": {
                        "subject": f"问题{n}",
                        "text": "答复",
                        "category": "consult",
                        "department": "gxj",
                    }
                }
                event = Event(desk.now(), "publishable", "clerk", "选登", public=False, data=data)
                desk.store.change(receipt, lambda _r, e=event: [e])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--petitions", type=int, default=10_000)
    count = parser.parse_args().petitions
    with tempfile.TemporaryDirectory() as folder:
        site_path = Path(folder) / "site.yaml"
        site_path.write_text(SITE_YAML, encoding="utf-8")
        site = load_site(site_path)
        url = f"sqlite:///{folder}/bench.db"
        store = open_store(url)
        clock = Clock(dt.datetime(2026, 1, 5, 1, 0, tzinfo=dt.UTC))
        desk = Petitions(make_settings(site, url, "off"), store, clock)
        started = time.perf_counter()
        _seed(desk, clock, count)
        print(f"seeded {count} petitions in {time.perf_counter() - started:.1f} s")
        records = store.all()
        today = clock().date()
        first, last = dt.date(today.year, 1, 1), today
        figures = compute_figures(records, site, first, last, today)
        snapshot = answers_snapshot(records, desk.calendar, site.zone)
        print(
            f"published answers: {len(snapshot['answers'])}; received in the year: {figures.total.received}"
        )
        print(f"store.all():      {median_ms(store.all):8.1f} ms")
        print(
            f"snapshot:         {median_ms(lambda: answers_snapshot(records, desk.calendar, site.zone)):8.1f} ms"
        )
        print(
            f"figures (a year): {median_ms(lambda: compute_figures(records, site, first, last, today)):8.1f} ms"
        )
        print(f"figures CSV:      {median_ms(lambda: figures_csv(figures)):8.1f} ms")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
