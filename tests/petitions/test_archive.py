"""The backup file format read back: hostile or broken tars are refused with a message and
nothing is written outside the work directory."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest

from generator.petitions.archive import (
    FORMAT,
    MANIFEST_NAME,
    SNAPSHOT_NAME,
    BackupDamaged,
    BackupRefused,
    Manifest,
    pack,
    unpack,
)

SNAPSHOT = b"SQLite format 3\0" + b"x" * 5000


def manifest(**changes) -> Manifest:
    values = {
        "format": FORMAT,
        "created_at": "2026-12-01T02:15:00+00:00",
        "schema_version": 1,
        "schema_versions": [1],
        "tables": {"petitions": 0},
        "sqlite_sha256": hashlib.sha256(SNAPSHOT).hexdigest(),
        "sqlite_bytes": len(SNAPSHOT),
        "key_fingerprint": "0123456789abcdef",
    }
    return Manifest(**{**values, **changes})


def tar_of(path: Path, members: list[tarfile.TarInfo | tuple[str, bytes]]) -> Path:
    with tarfile.open(path, "w") as tar:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                tar.addfile(member)
            else:
                info = tarfile.TarInfo(member[0])
                info.size = len(member[1])
                tar.addfile(info, io.BytesIO(member[1]))
    return path


def manifest_bytes(**changes) -> bytes:
    return json.dumps(manifest(**changes).model_dump()).encode()


@pytest.mark.parametrize("compress", [False, True])
def test_pack_then_unpack_gives_the_snapshot_back(tmp_path, compress):
    snapshot = tmp_path / "snap.sqlite"
    snapshot.write_bytes(SNAPSHOT)
    dest = tmp_path / "b.tar"
    pack(manifest(), snapshot, dest, compress)
    work = tmp_path / "work"
    work.mkdir()
    read, extracted = unpack(dest, work)
    assert read == manifest() and extracted.read_bytes() == SNAPSHOT
    assert extracted.stat().st_mode & 0o777 == 0o600
    with pytest.raises(BackupRefused, match="已存在，没有覆盖"):
        pack(manifest(), snapshot, dest, compress)


def test_a_symlink_or_a_path_outside_is_never_followed(tmp_path):
    link = tarfile.TarInfo(SNAPSHOT_NAME)
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    hostile = tar_of(tmp_path / "h.tar", [(MANIFEST_NAME, manifest_bytes()), link])
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(BackupDamaged, match="缺少数据库快照"):
        unpack(hostile, work)
    traversal = tar_of(
        tmp_path / "t.tar", [(MANIFEST_NAME, manifest_bytes()), ("../petitions.sqlite", SNAPSHOT)]
    )
    with pytest.raises(BackupDamaged, match="缺少数据库快照"):
        unpack(traversal, work)
    assert list(work.iterdir()) == [] and not (tmp_path / "petitions.sqlite").exists()


def test_broken_manifests_and_formats_get_messages(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    cases = {
        "no-manifest.tar": ([(SNAPSHOT_NAME, SNAPSHOT)], BackupDamaged, "第一项应为"),
        "bad-json.tar": ([(MANIFEST_NAME, b"{not json")], BackupDamaged, "无法读取"),
        "missing-field.tar": ([(MANIFEST_NAME, b'{"format": "x"}')], BackupDamaged, "无法读取"),
        "other-format.tar": (
            [(MANIFEST_NAME, manifest_bytes(format="qinqing-petitions-backup/9"))],
            BackupRefused,
            "只认识",
        ),
    }
    for name, (members, error, message) in cases.items():
        with pytest.raises(error, match=message):
            unpack(tar_of(tmp_path / name, members), work)


def test_a_truncated_gzip_is_damaged_not_a_traceback(tmp_path):
    snapshot = tmp_path / "snap.sqlite"
    snapshot.write_bytes(SNAPSHOT * 20)
    made = manifest(
        sqlite_sha256=hashlib.sha256(SNAPSHOT * 20).hexdigest(), sqlite_bytes=len(SNAPSHOT) * 20
    )
    dest = tmp_path / "b.tar.gz"
    pack(made, snapshot, dest, compress=True)
    whole = dest.read_bytes()
    assert gzip.decompress(whole)  # sound before the cut
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    flipped = tmp_path / "flipped.tar.gz"
    flipped.write_bytes(whole[:40] + bytes(b ^ 0xFF for b in whole[40:80]) + whole[80:])
    work = tmp_path / "work"
    work.mkdir()
    for broken in (cut, flipped):
        with pytest.raises(BackupDamaged):
            unpack(broken, work)
        for leftover in work.iterdir():
            leftover.unlink()
