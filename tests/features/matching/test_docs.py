"""docs/matching.md keeps up with the code: fields, operators, verdicts, CLI options, JSON keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import main
from generator.cli.match import match
from generator.features.matching.evaluate import VERDICT_LABELS
from generator.features.matching.profile import Profile
from generator.models.rules import OPERATORS
from tests.features.matching.content import TODAY

DOC = (Path(__file__).resolve().parents[3] / "docs" / "matching.md").read_text(encoding="utf-8")


def table_row(first_cell: str) -> str:
    match_ = re.search(rf"^\| {re.escape(first_cell)} \|.*$", DOC, re.M)
    assert match_, f"no row for {first_cell} in docs/matching.md"
    return match_.group(0)


def test_every_field_is_documented_with_its_operators():
    for field, ops in OPERATORS.items():
        row = table_row(f"`{field}`")
        documented = set(re.findall(r"`(in|not_in|>=|<=|has)`", row))
        assert documented == set(ops), field


def test_every_profile_key_and_verdict_is_documented():
    for key in Profile.model_fields:
        assert f"\n{key}:" in DOC or f"`{key}`" in DOC, key
    for verdict, label in VERDICT_LABELS.items():
        assert f"| `{verdict}` | {label} |" in DOC


def test_every_cli_option_is_documented():
    for param in match.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert f"`{opt}" in DOC, opt


def test_every_json_key_is_documented(tmp_path, content_dir):
    profile = tmp_path / "p.yaml"
    profile.write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "match",
            str(profile),
            "--content",
            str(content_dir),
            "--today",
            TODAY.isoformat(),
            "--format",
            "json",
        ],
    )
    keys = set(json.loads(result.output)[0])
    documented = set(re.findall(r"`(\w+)`", DOC))
    assert keys <= documented, keys - documented
