"""The consultations feature as one Contributor: its item sections and its script, and nothing more."""

from __future__ import annotations

from generator.compile.contributor import Contributor
from generator.features.consultations.section import count_script, item_section

CONTRIBUTOR = Contributor(
    name="consultations",
    files=lambda ctx: count_script(),
    item_section=item_section,
)
