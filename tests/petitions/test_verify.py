"""`verify` on a live database, a copy and a backup: it passes sound ones and names the page
or the petition that is wrong in damaged ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from generator.petitions.keys import Keyring
from tests.petitions.conftest import SECRET
from tests.petitions.safekeeping import OTHER_SECRET, closed_copy, fill, qinqing, sqlite_url


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "var" / "petitions.db")


def test_a_sound_database_and_its_backup_pass(site_path, database_url, desk, tmp_path):
    fill(desk, 4)
    live = qinqing(site_path, database_url, "verify")
    assert live.exit_code == 0, live.output
    assert "未发现问题（诉求 4 件，事件 10 条）" in live.output
    dest = tmp_path / "b.tar"
    assert qinqing(site_path, database_url, "backup", str(dest)).exit_code == 0
    backup = qinqing(site_path, database_url, "verify", str(dest))
    assert backup.exit_code == 0 and "未发现问题" in backup.output


def test_a_corrupted_page_is_named_with_its_table(site_path, database_url, desk, store, tmp_path):
    fill(desk, 3)
    copy = closed_copy(store, database_url, tmp_path / "copy.db")
    conn = sqlite3.connect(copy)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events'").fetchone()[0]
    conn.close()
    with copy.open("r+b") as raw:  # the cell pointers after the events page's 8-byte header
        raw.seek((root - 1) * page_size + 8)
        raw.write(b"\xff" * 64)
    found = qinqing(site_path, database_url, "verify", str(copy))
    assert found.exit_code == 1
    assert f"第 {root} 页（events）" in found.output and "发现" in found.output


def test_tampered_events_and_contact_name_their_petition(
    site_path, database_url, desk, store, tmp_path
):
    broken, first, gap, sealed, sound = fill(desk, 5)  # with 1, 2, 3, 4 and 1 events
    copy = closed_copy(store, database_url, tmp_path / "copy.db")
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE events SET seq = 7 WHERE receipt = ? AND seq = 2", (gap,))
        conn.execute("UPDATE events SET data = '{broken' WHERE receipt = ? AND seq = 1", (broken,))
        conn.execute("UPDATE events SET kind = 'closed' WHERE receipt = ? AND seq = 1", (first,))
        conn.execute("UPDATE petitions SET contact = 'v1:AAAA' WHERE receipt = ?", (sealed,))
    found = qinqing(site_path, database_url, "verify", str(copy))
    assert found.exit_code == 1
    lines = found.output.splitlines()
    said = {receipt: [line for line in lines if line.startswith(receipt)] for receipt in (gap, broken, first, sealed, sound)}  # fmt: skip
    assert "事件序号不连续：序号为 1, 3, 7，应为 1 至 3" in said[gap][0]
    assert "第 1 条事件无法读取" in said[broken][0]
    assert "第 1 条事件为“closed”，应为“received”" in said[first][0]
    assert "联系人信息无法用当前密钥" in said[sealed][0]
    assert said[sound] == []
    assert "发现 4 处问题" in found.output


def test_a_fold_that_fails_is_reported(site_path, database_url, desk, store, tmp_path):
    receipt = fill(desk, 2)[1]  # received, accepted
    copy = closed_copy(store, database_url, tmp_path / "copy.db")
    with sqlite3.connect(copy) as conn:  # `days` must be a number for the fold
        conn.execute(
            """UPDATE events SET kind = 'extended', data = '{"days": "many"}'
            WHERE receipt = ? AND seq = 2""",
            (receipt,),
        )
    found = qinqing(site_path, database_url, "verify", str(copy))
    assert found.exit_code == 1
    assert f"{receipt}：事件无法合成状态：ValueError" in found.output


def test_another_key_is_named_not_mistaken_for_damage(site_path, database_url, desk, tmp_path):
    fill(desk, 3)
    live = qinqing(site_path, database_url, "verify", secret=OTHER_SECRET)
    assert live.exit_code == 1
    assert f"全部 3 件诉求的联系人信息都无法用当前密钥（指纹 {Keyring(OTHER_SECRET).fingerprint}）" in live.output  # fmt: skip
    dest = tmp_path / "b.tar"
    assert qinqing(site_path, database_url, "backup", str(dest)).exit_code == 0
    backup = qinqing(site_path, database_url, "verify", str(dest), secret=OTHER_SECRET)
    assert backup.exit_code == 1
    assert f"备份使用指纹为 {Keyring(SECRET).fingerprint} 的密钥" in backup.output


def test_a_file_that_is_not_a_backup_gets_a_message(site_path, database_url, desk, tmp_path):
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"\x00\x01 not a tar at all" * 40)
    answer = qinqing(site_path, database_url, "verify", str(junk))
    assert answer.exit_code == 1 and "不是 qinqing 的备份文件" in answer.output
    missing = qinqing(site_path, database_url, "verify", str(tmp_path / "none.tar"))
    assert missing.exit_code == 2 and "不存在" in missing.output


def test_a_folder_given_as_the_backup_is_refused_in_chinese(
    site_path, database_url, desk, tmp_path
):
    for command in ("verify", "restore"):
        answer = qinqing(site_path, database_url, command, str(tmp_path))
        assert answer.exit_code == 2, answer.output
        assert f"{tmp_path} 是目录：请给出备份文件" in answer.output
        assert "Errno" not in answer.output
