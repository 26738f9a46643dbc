"""Retired keys in the settings: read from a list or a file, a bad one refused naming the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.petitions.config import ConfigError, load_settings

CURRENT = "c" * 64
OLD = "a" * 64
OLDER = "b" * 64


def env(site_path: Path, tmp_path: Path, **values: str) -> dict[str, str]:
    return {
        "QINQING_CONFIG": str(site_path),
        "QINQING_DATABASE_URL": f"sqlite:///{tmp_path / 'petitions.db'}",
        "QINQING_SECRET_KEY": CURRENT,
        **values,
    }


def key_file(path: Path, text: str, mode: int = 0o600) -> str:
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return str(path)


def test_retired_keys_from_a_list_or_a_file_make_the_ring(site_path, tmp_path):
    listed = load_settings(env(site_path, tmp_path, QINQING_RETIRED_KEYS=f" {OLD} , {OLDER} "))
    assert listed.retired_secrets == (OLD.encode(), OLDER.encode())
    text = f"# retired 2026-12-01\n{OLD}\n\n{OLDER}\n"
    path = key_file(tmp_path / "retired.keys", text)
    from_file = load_settings(env(site_path, tmp_path, QINQING_RETIRED_KEY_FILE=path))
    assert from_file.retired_secrets == listed.retired_secrets
    ring = from_file.keyring()
    assert ring.fingerprints[1:] == ring.retired_fingerprints and len(ring.fingerprints) == 3
    assert load_settings(env(site_path, tmp_path)).keyring().retired == ()


@pytest.mark.parametrize(
    ("values", "setting", "said"),
    [
        ({"QINQING_RETIRED_KEYS": f"{OLD},"}, "QINQING_RETIRED_KEYS", "第 2 个）为空"),
        ({"QINQING_RETIRED_KEYS": "short"}, "QINQING_RETIRED_KEYS", "太短"),
        ({"QINQING_RETIRED_KEYS": f"{OLD} {OLDER}"}, "QINQING_RETIRED_KEYS", "含有空白"),
        ({"QINQING_RETIRED_KEYS": CURRENT}, "QINQING_RETIRED_KEYS", "与当前密钥相同"),
        ({"QINQING_RETIRED_KEYS": f"{OLD},{OLD}"}, "QINQING_RETIRED_KEYS", "重复"),
        ({"QINQING_SECRET_KEY": f"{CURRENT},{OLD}"}, "QINQING_SECRET_KEY", "只能设置一个密钥"),
        ({"QINQING_RETIRED_KEY_FILE": "/nonexistent/retired.keys"}, "QINQING_RETIRED_KEY_FILE", "不存在"),
    ],
    ids=["empty-item", "short", "two-in-one", "same-as-current", "duplicate", "two-current", "missing-file"],
)  # fmt: skip
def test_a_bad_retired_key_setting_is_refused_naming_it(site_path, tmp_path, values, setting, said):
    with pytest.raises(ConfigError) as refused:
        load_settings(env(site_path, tmp_path, **values))
    assert refused.value.setting == setting
    assert str(refused.value).startswith(f"{setting}: ") and said in str(refused.value)


def test_both_retired_settings_at_once_are_refused(site_path, tmp_path):
    path = key_file(tmp_path / "retired.keys", OLD)
    with pytest.raises(ConfigError, match="只能设置其一"):
        load_settings(env(site_path, tmp_path, QINQING_RETIRED_KEYS=OLDER, QINQING_RETIRED_KEY_FILE=path))  # fmt: skip


def test_a_retired_key_file_others_may_read_or_a_bad_line_is_refused(site_path, tmp_path):
    shared = key_file(tmp_path / "shared.keys", OLD, 0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        load_settings(env(site_path, tmp_path, QINQING_RETIRED_KEY_FILE=shared))
    bad = key_file(tmp_path / "bad.keys", f"{OLD}\n# note\ntoo-short\n")
    with pytest.raises(ConfigError) as refused:
        load_settings(env(site_path, tmp_path, QINQING_RETIRED_KEY_FILE=bad))
    assert f"{bad} 第 3 行" in str(refused.value) and "太短" in str(refused.value)


def test_two_keys_in_the_current_key_file_are_refused_pointing_to_the_retired_file(
    site_path, tmp_path
):
    path = key_file(tmp_path / "petitions.key", f"{CURRENT}\n{OLD}\n")
    values = env(site_path, tmp_path, QINQING_SECRET_KEY="", QINQING_KEY_FILE=path)
    with pytest.raises(ConfigError) as refused:
        load_settings(values)
    assert refused.value.setting == "QINQING_KEY_FILE"
    assert "有 2 行" in str(refused.value) and "QINQING_RETIRED_KEY_FILE" in str(refused.value)
