"""docs/opendata.md stays in step with what the code writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.features.feeds import build_data_files, feed_specs
from generator.features.feeds.opendata import RECIPIENT_COLUMNS
from tests.features.feeds.conftest import TODAY, by_name, load

DOC = (Path(__file__).resolve().parents[3] / "docs" / "opendata.md").read_text(encoding="utf-8")
DOCUMENTED = set(re.findall(r"`([^`]+)`", DOC))


def _documented(key: str) -> bool:
    return key in DOCUMENTED or any(key in part.split(", ") for part in DOCUMENTED)


def test_every_feed_name_is_documented(tree):
    for spec in feed_specs(load(tree), TODAY):
        pattern = re.sub(r"^(dept|industry|topic)-.*$", r"\1-{code}", spec.name)
        assert pattern in DOC, spec.name


def test_every_json_key_and_csv_column_is_documented(tree):
    files = by_name(build_data_files(load(tree), TODAY))
    index = json.loads(files["data/index.json"])
    keys = set(index)
    for entry in index["files"]:
        keys |= set(entry)
        if entry["format"] == "json":
            payload = json.loads(files[entry["path"]])
            keys |= set(payload)
            for record in payload["items"]:
                keys |= set(record)
    undocumented = sorted(k for k in keys | set(RECIPIENT_COLUMNS) if not _documented(k))
    assert not undocumented
    assert re.search(r"`schema_version` \| `1`", DOC)
