"""Fixtures for the workbench tests: the petition fixtures (store on SQLite and PostgreSQL,
clock) and the desk's site and petition service (tests/workbench/desk_support.py)."""

from tests.petitions.conftest import clock, database_url, site_path, store  # noqa: F401
from tests.workbench.desk_support import office, site  # noqa: F401
