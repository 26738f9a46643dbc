"""What the desk's workbench tests share: a site with three departments and the 投诉举报
category routed to one, a petition service over the test store, and staff of each role."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from generator.petitions.config import load_site
from generator.petitions.service import Petitions
from tests.petitions.conftest import SITE_YAML, make_settings

SITE = SITE_YAML.replace(
    "departments:\n  gxj:\n    name: 晋江市工业和信息化局\n",
    "departments:\n  gxj:\n    name: 晋江市工业和信息化局\n    short_name: 工信局\n"
    "  kjj:\n    name: 晋江市科学技术局\n    short_name: 科技局\n"
    "  swj:\n    name: 晋江市商务局\n",
).replace(
    "petitions:\n",
    "petitions:\n  categories:\n    consult: {name: 政策咨询, department: gxj, limits: {local: 2}}\n"
    "    request: {name: 困难诉求, department: kjj}\n"
    "    suggestion: {name: 意见建议}\n"
    "    report: {name: 投诉举报, department: gxj, anonymous: true, limits: {local: 15}}\n",
)


@dataclass(frozen=True)
class Person:
    """A staff member as access sees one (login, roles, departments)."""

    login: str
    roles: frozenset[str] = field(default_factory=frozenset)
    departments: frozenset[str] = field(default_factory=frozenset)


def person(login: str, *roles: str, departments: tuple[str, ...] = ()) -> Person:
    return Person(login, frozenset(roles), frozenset(departments))


@pytest.fixture
def site(tmp_path):
    path = tmp_path / "site.yaml"
    path.write_text(SITE, encoding="utf-8")
    return load_site(path)


@pytest.fixture
def office(site, store, database_url, clock) -> Petitions:
    return Petitions(make_settings(site, database_url, "off"), store, clock)
