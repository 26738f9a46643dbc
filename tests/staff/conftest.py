"""Fixtures for the staff identity tests: the handler's site, database (SQLite and
PostgreSQL), store and clock, and a StaffStore over them."""

from __future__ import annotations

import pytest

from generator.petitions.keys import Keyring
from generator.staff.store import StaffStore
from tests.petitions import conftest as petition_fixtures

site_path = petition_fixtures.site_path
site = petition_fixtures.site
clock = petition_fixtures.clock
database_url = petition_fixtures.database_url
store = petition_fixtures.store


@pytest.fixture
def staff(store) -> StaffStore:
    return StaffStore(store, Keyring(petition_fixtures.SECRET))
