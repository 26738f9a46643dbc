"""The backup file: a tar holding `manifest.json` and the SQLite snapshot; packing and unpacking it, nothing more.

Layout (one file, readable with `tar -tvf`): the first member is `manifest.json` (format,
time, schema versions, rows per table, the snapshot's SHA-256 and size, the current key's
fingerprint and those of every key the data needs: never a key), the second
`petitions.sqlite`. `--compress` gzips the whole tar (`.tar.gz`); unpacking detects either. The checksum finds damage, not forgery: keep the
backups where only the operators can write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tarfile
import tempfile
import zlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

FORMAT = "qinqing-petitions-backup/1"
MANIFEST_NAME = "manifest.json"
SNAPSHOT_NAME = "petitions.sqlite"
_MANIFEST_MAX_BYTES = 1 << 20
_CHUNK = 1 << 20


class BackupError(Exception):
    """A backup that cannot be made, read or restored; the message is Chinese, for the operator."""


class BackupDamaged(BackupError):
    """The backup file itself is wrong: not a backup, truncated, or its checksum does not match."""


class BackupRefused(BackupError):
    """The backup is sound but this is not the place or the key to use it (nothing was changed)."""


class Manifest(BaseModel):
    """What a backup holds, written beside the snapshot and checked before it is used."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    format: str
    created_at: str
    schema_version: int
    schema_versions: list[int]
    tables: dict[str, int]
    sqlite_sha256: str
    sqlite_bytes: int
    key_fingerprint: str
    key_fingerprints: list[str] = []

    def missing_keys(self, configured: tuple[str, ...]) -> list[str]:
        """The fingerprints this backup needs that `configured` lacks (older backups name one key)."""
        needed = self.key_fingerprints or [self.key_fingerprint]
        return [fingerprint for fingerprint in needed if fingerprint not in configured]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def private_file(path: Path) -> None:
    """Create `path` empty with mode 0600, so it is never readable by others, not even briefly."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def pack(manifest: Manifest, snapshot: Path, dest: Path, compress: bool) -> None:
    """Write the backup to `dest` (which must not exist) through a 0600 file renamed into place."""
    if dest.exists():
        raise BackupRefused(f"{dest} 已存在，没有覆盖：请换一个文件名或目录")
    fd, part = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as raw:
            options = {"compresslevel": 6} if compress else {}
            with tarfile.open(fileobj=raw, mode="w:gz" if compress else "w", **options) as tar:
                body = json.dumps(manifest.model_dump(), ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST_NAME)
                info.size, info.mode, info.mtime = len(body), 0o600, _mtime(manifest)
                tar.addfile(info, io.BytesIO(body))
                info = tarfile.TarInfo(SNAPSHOT_NAME)
                info.size, info.mode, info.mtime = manifest.sqlite_bytes, 0o600, _mtime(manifest)
                with snapshot.open("rb") as stream:
                    tar.addfile(info, stream)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(part, dest)
    except BaseException:
        Path(part).unlink(missing_ok=True)
        raise
    _sync_directory(dest.parent)


def unpack(src: Path, workdir: Path) -> tuple[Manifest, Path]:
    """The manifest and the snapshot written into `workdir` (0600), its checksum verified."""
    try:
        tar = tarfile.open(src, mode="r:*")  # noqa: SIM115 - closed by the `with` below
    except FileNotFoundError:
        raise BackupRefused(f"备份文件 {src} 不存在") from None
    except IsADirectoryError:
        raise BackupRefused(f"{src} 是目录：请给出备份文件（.tar 或 .tar.gz）") from None
    except OSError as err:
        raise BackupRefused(f"无法读取备份文件 {src}：{err.strerror or err}") from None
    except (tarfile.TarError, EOFError, zlib.error):
        raise BackupDamaged(
            f"{src} 不是 qinqing 的备份文件（不是 .tar 或 .tar.gz 文件，或文件不完整）"
        ) from None
    with tar:
        try:
            manifest = _read_manifest(src, tar)
            snapshot = workdir / SNAPSHOT_NAME
            digest = _extract_snapshot(src, tar, snapshot)
        except (tarfile.TarError, OSError, EOFError, zlib.error) as err:
            raise BackupDamaged(f"备份文件 {src} 不完整或已损坏：{err}") from None
    if digest != manifest.sqlite_sha256:
        raise BackupDamaged(
            f"备份文件 {src} 的校验和不符（清单记录 {manifest.sqlite_sha256[:16]}…，"
            f"实际 {digest[:16]}…）：文件已损坏，请改用另一份备份"
        )
    return manifest, snapshot


def _read_manifest(src: Path, tar: tarfile.TarFile) -> Manifest:
    member = tar.next()
    if member is None or member.name != MANIFEST_NAME or not member.isfile():
        raise BackupDamaged(f"{src} 不是 qinqing 的备份文件（第一项应为 {MANIFEST_NAME}）")
    if member.size > _MANIFEST_MAX_BYTES:
        raise BackupDamaged(f"{src} 的 {MANIFEST_NAME} 过大，不是 qinqing 写的清单")
    stream = tar.extractfile(member)
    try:
        manifest = Manifest.model_validate(json.loads(stream.read()))
    except (ValueError, ValidationError) as err:
        raise BackupDamaged(f"{src} 的 {MANIFEST_NAME} 无法读取：{err}") from None
    if manifest.format != FORMAT:
        raise BackupRefused(
            f"{src} 的备份格式为“{manifest.format}”，本程序只认识“{FORMAT}”：请用做备份的版本恢复"
        )
    return manifest


def _extract_snapshot(src: Path, tar: tarfile.TarFile, snapshot: Path) -> str:
    member = tar.next()
    if member is None or member.name != SNAPSHOT_NAME or not member.isfile():
        raise BackupDamaged(f"{src} 中缺少数据库快照 {SNAPSHOT_NAME}")
    private_file(snapshot)
    digest = hashlib.sha256()
    stream = tar.extractfile(member)
    with snapshot.open("wb") as out:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _mtime(manifest: Manifest) -> int:
    return int(dt.datetime.fromisoformat(manifest.created_at).timestamp())


def _sync_directory(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
