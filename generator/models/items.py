"""The five collections by folder name: their front matter models and labels, and nothing more."""

from __future__ import annotations

from generator.models.announcements import Announcement
from generator.models.consultations import Consultation
from generator.models.front_matter import ItemBase
from generator.models.funds import Fund
from generator.models.guides import Guide
from generator.models.policies import Policy

COLLECTIONS: dict[str, type[ItemBase]] = {
    "policies": Policy,
    "funds": Fund,
    "guides": Guide,
    "announcements": Announcement,
    "consultations": Consultation,
}
