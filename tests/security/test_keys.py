"""Key files and the SQLite database: short or shared key files refused at start, files 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.petitions.backends import open_store
from generator.petitions.config import ConfigError, load_settings

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    """A umask that would leave new files readable by everyone (the usual 022)."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def settings_env(site_path: Path, key_file: Path, tmp_path: Path) -> dict[str, str]:
    return {
        "QINQING_CONFIG": str(site_path),
        "QINQING_DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'petitions.db'}",
        "QINQING_KEY_FILE": str(key_file),
    }


def write_key(path: Path, data: bytes, file_mode: int) -> None:
    path.write_bytes(data)
    path.chmod(file_mode)


@pytest.mark.parametrize("data", [b"", b"\n", b"12345", b"k" * 31 + b"\n"], ids=["empty", "newline", "5-bytes", "31-bytes"])  # fmt: skip
def test_short_key_file_is_refused_naming_the_file_and_how_to_make_one(
    server_site_path, tmp_path, data
):
    key = tmp_path / "petitions.key"
    write_key(key, data, 0o600)
    with pytest.raises(ConfigError) as refused:
        load_settings(settings_env(server_site_path, key, tmp_path))
    message = str(refused.value)
    assert refused.value.setting == "QINQING_KEY_FILE"
    assert str(key) in message and "太短" in message
    assert "openssl rand -hex 32" in message and f"chmod 600 {key}" in message


@pytest.mark.parametrize("file_mode", [0o644, 0o640, 0o604, 0o660, 0o606, 0o700 | 0o004])
def test_key_file_others_may_read_or_write_is_refused(server_site_path, tmp_path, file_mode):
    key = tmp_path / "petitions.key"
    write_key(key, os.urandom(32).hex().encode(), file_mode)
    with pytest.raises(ConfigError) as refused:
        load_settings(settings_env(server_site_path, key, tmp_path))
    message = str(refused.value)
    assert str(key) in message and f"chmod 600 {key}" in message
    assert f"{file_mode:o}" in message


def test_good_key_file_is_accepted(server_site_path, tmp_path):
    key = tmp_path / "petitions.key"
    write_key(key, b"0123456789abcdef" * 4 + b"\n", 0o400)
    assert (
        load_settings(settings_env(server_site_path, key, tmp_path)).secret
        == b"0123456789abcdef" * 4
    )


def test_created_key_file_is_0600_and_64_hex_characters(server_site_path, tmp_path, loose_umask):
    key = tmp_path / "var" / "petitions.key"
    secret = load_settings(settings_env(server_site_path, key, tmp_path)).secret
    assert mode(key) == 0o600
    assert len(secret) == 64 and int(secret, 16) >= 0
    assert load_settings(settings_env(server_site_path, key, tmp_path)).secret == secret


def test_staff_command_refuses_to_start_on_a_shared_key_file(server_site_path, tmp_path):
    key = tmp_path / "petitions.key"
    write_key(key, os.urandom(32).hex().encode(), 0o644)
    env = settings_env(server_site_path, key, tmp_path)
    result = CliRunner().invoke(main, ["petitions", "list"], env={**env, "QINQING_SECRET_KEY": ""})
    assert result.exit_code == 1
    assert str(key) in result.output and "chmod 600" in result.output


def test_sqlite_database_and_its_wal_and_shm_are_0600(tmp_path, loose_umask):
    path = tmp_path / "var" / "petitions.db"
    store = open_store(f"sqlite:///{path}")
    try:
        store.prune(0)  # a write: the -wal and -shm files exist while the connection is open
        files = [path, path.with_name("petitions.db-wal"), path.with_name("petitions.db-shm")]
        assert all(f.exists() for f in files)
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        store.close()


def test_existing_world_readable_database_is_tightened(tmp_path, loose_umask):
    path = tmp_path / "petitions.db"
    open_store(f"sqlite:///{path}").close()
    path.chmod(0o644)
    open_store(f"sqlite:///{path}").close()
    assert mode(path) == 0o600
