"""The 办理手册 (docs/staff.md) names every queue and every action the workbench offers."""

from __future__ import annotations

from pathlib import Path

from generator.workbench.petition_page import ACTION_NAMES
from generator.workbench.queues import QUEUES

MANUAL = (Path(__file__).resolve().parents[2] / "docs" / "staff.md").read_text(encoding="utf-8")


def test_every_queue_and_action_is_in_the_manual():
    missing = [name for name in [*QUEUES.values(), *ACTION_NAMES.values()] if name not in MANUAL]
    assert not missing, f"docs/staff.md does not mention {missing}"
