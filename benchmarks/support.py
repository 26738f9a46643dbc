"""What several benchmark scripts share: a free port, percentiles, timing, and a petition
service on a throwaway site — and nothing more."""

from __future__ import annotations

import datetime as dt
import socket
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SITE_YAML = "title: 基准测试\nbase_url: https://bench.example.gov.cn/\ndepartments:\n  gxj:\n    name: 晋江市工业和信息化局\n"
SECRET = b"benchmark-secret-key-0123456789abcdef-0123456789"
PETITION = {
    "category": "request",
    "subject": "厂房租金补贴申报进度",
    "content": "我司于十月提交了申报材料，至今未收到审核结果，请帮助了解进度。" * 4,
    "enterprise": "晋江市某某鞋业有限公司",
    "contact_name": "林小姐",
    "phone": "13905951234",
    "email": "lin@example.com",
    "consent": True,
}


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary_ms(samples: list[float]) -> str:
    """'median X ms, p95 Y ms' of samples in seconds."""
    return (
        f"median {1000 * statistics.median(samples):.1f} ms, "
        f"p95 {1000 * percentile(samples, 0.95):.1f} ms"
    )


def timed(job: Callable[[], Any]) -> tuple[float, Any]:
    """(wall-clock seconds, result) of one call."""
    start = time.perf_counter()
    result = job()
    return time.perf_counter() - start, result


def median_ms(action: Callable[[], Any], runs: int = 5) -> float:
    return statistics.median(1000 * timed(action)[0] for _ in range(runs))


def bench_desk(work: Path, url: str | None = None):
    """(service, store, validated PETITION) on a one-department site written into `work`;
    SQLite in `work` unless `url` names another database."""
    from generator.petitions.backends import open_store
    from generator.petitions.config import Settings, load_site
    from generator.petitions.service import Petitions
    from generator.petitions.validation import validate

    site_path = work / "site.yaml"
    site_path.write_text(SITE_YAML, encoding="utf-8")
    site = load_site(site_path)
    url = url or f"sqlite:///{work / 'petitions.db'}"
    store = open_store(url)
    settings = Settings(site=site, database_url=url, secret=SECRET, rate_limits=None)
    desk = Petitions(settings, store, lambda: dt.datetime(2026, 11, 26, 2, tzinfo=dt.UTC))
    clean, errors = validate(PETITION, site.petitions, from_form=False)
    assert not errors, errors
    return desk, store, clean
