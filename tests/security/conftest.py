"""Fixtures of the server-side security tests (named `server_…` so they stay apart from others').

They reuse the petition tests' helpers: a site.yaml in tmp_path, a real SQLite file or a
PostgreSQL schema of its own, the handler, its desk and a real waitress in a thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.petitions.app import create_app
from generator.petitions.backends import open_store
from generator.petitions.config import load_site
from generator.petitions.service import Petitions
from tests.petitions.conftest import Client, make_settings, serve_with_waitress

# The petition tests' fixtures under names of their own: the site.yaml in tmp_path, a fresh
# database (a SQLite file or a PostgreSQL schema of its own) and the settable clock.
from tests.petitions.conftest import clock as server_clock  # noqa: F401
from tests.petitions.conftest import database_url as server_database_url  # noqa: F401
from tests.petitions.conftest import site_path as server_site_path  # noqa: F401


@pytest.fixture
def server_site(server_site_path: Path):  # noqa: F811
    return load_site(server_site_path)


@pytest.fixture
def server_sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'var' / 'petitions.db'}"


@pytest.fixture
def server_desk(server_site, server_database_url, server_clock) -> Iterator[Petitions]:  # noqa: F811
    """The petition desk on a real store, per-client limits off (the receipt lock stays)."""
    store = open_store(server_database_url)
    yield Petitions(make_settings(server_site, server_database_url, "off"), store, server_clock)
    store.close()


@pytest.fixture
def server_api(server_site, server_sqlite_url, server_clock) -> Iterator[Client]:  # noqa: F811
    """The handler on SQLite behind a real waitress on loopback; `.app` is the WSGI app."""
    app = create_app(make_settings(server_site, server_sqlite_url, "off"), clock=server_clock)
    with serve_with_waitress(app) as base:
        client = Client(base)
        client.app = app
        yield client
    app.store.close()


# The content-side tests' fixtures: a hostile content tree, and that tree built.
from tests.security.hostile import hostile_build, hostile_site  # noqa: E402, F401
