"""`qinqing petitions backup|restore|verify|key-fingerprint|rekey`: safekeeping of the petition database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from generator.cli.exits import EXIT_CANNOT_RUN, EXIT_PROBLEMS
from generator.cli.petitions import petitions, settings_for

if TYPE_CHECKING:
    from generator.petitions.keys import Keyring

_SHOWN_FINDINGS = 100
POSTGRES_BACKUP_HELP = (
    "PostgreSQL 数据库不由 qinqing 备份：请用 pg_dump（如 pg_dump -Fc -f petitions.dump "
    '"$QINQING_DATABASE_URL"）或云数据库自带的自动备份与时间点恢复（PITR）；'
    "恢复用 pg_restore 到新数据库后运行 qinqing petitions verify。步骤见 docs/petitions.md"
)


class Refused(click.ClickException):
    """Nothing was done: this is not the place, the file or the key (exit code 2)."""

    exit_code = EXIT_CANNOT_RUN


class Damaged(click.ClickException):
    """The database or the backup has errors (exit code 1)."""

    exit_code = EXIT_PROBLEMS


def _keys_and_path(ctx: click.Context) -> tuple[Keyring, Path | None, str]:
    """The key, the SQLite file (None for PostgreSQL) and the database URL configured."""
    settings = settings_for(ctx)
    url = settings.database_url
    path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:") else None
    return settings.keyring(), path, url


def _keys_and_sqlite_path(ctx: click.Context) -> tuple[Keyring, Path]:
    """The key and the SQLite file configured; PostgreSQL is refused with how to back it up."""
    keys, path, _url = _keys_and_path(ctx)
    if path is None:
        raise Refused(POSTGRES_BACKUP_HELP)
    return keys, path


def _raise_as_click(err: Exception) -> NoReturn:
    from generator.petitions.archive import BackupDamaged

    raise (Damaged if isinstance(err, BackupDamaged) else Refused)(str(err)) from None


@petitions.command("key-fingerprint")
@click.pass_context
def key_fingerprint(ctx: click.Context) -> None:
    """显示当前密钥的指纹，及每个退役密钥的指纹（用于核对备份与密钥；指纹不能还原出密钥）。"""
    keys, _path, _url = _keys_and_path(ctx)
    click.echo(keys.fingerprint)  # first line alone: scripts compare it with a manifest
    for fingerprint in keys.retired_fingerprints:
        click.echo(f"{fingerprint} 退役")


@petitions.command()
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--batches", type=click.IntRange(1), help="最多处理几批后停止（之后可再次运行继续）")
@click.pass_context
def rekey(ctx: click.Context, batch_size: int, batches: int | None) -> None:
    """用当前密钥重新加密所有加密保存的数据（分批，每批一个事务；中断后再次运行即可继续）。"""
    from generator.petitions.backends import open_store
    from generator.petitions.rekey import rekey as rekey_all
    from generator.petitions.store import StoreError

    keys, _path, url = _keys_and_path(ctx)
    try:
        store = open_store(url)
        try:
            done = rekey_all(store, keys, batch_size, batches)
        finally:
            store.close()
    except StoreError as err:
        raise Refused(f"数据库不可用：{err}") from None
    resealed = "，".join(f"{label} {n} 个" for label, n in sorted(done.resealed.items()))
    click.echo(
        f"已用当前密钥（指纹 {keys.fingerprint}）重新加密 {done.resealed.total()} 个值"
        f"（{resealed or '无需处理'}），共 {done.batches} 批"
    )
    for label, rows in sorted(done.failed.items()):
        shown = "、".join(rows[:10]) + ("……" if len(rows) > 10 else "")
        click.echo(f"{label}：{len(rows)} 个值用配置的任何密钥都无法解密，未处理：{shown}")
    if not done.finished:
        click.echo(f"已处理 {done.batches} 批后按 --batches 停止：再次运行即可继续")
    elif done.failed:
        raise Damaged("部分数据无法解密：请运行 qinqing petitions verify 查看")
    else:
        click.echo("完成：运行 qinqing petitions verify 查看哪些退役密钥可以删除")


@petitions.command()
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--compress", is_flag=True, help="用 gzip 压缩备份（.tar.gz）")
@click.pass_context
def backup(ctx: click.Context, dest: Path, compress: bool) -> None:
    """在线备份诉求数据库到 DEST（文件，或在其中按时间命名的目录）；处理程序无需停止。"""
    from generator.petitions.archive import BackupError
    from generator.petitions.backup import take_backup

    keys, path = _keys_and_sqlite_path(ctx)
    try:
        written, manifest = take_backup(path, dest, keys, compress, dt.datetime.now(dt.UTC))
    except BackupError as err:
        _raise_as_click(err)
    tables = manifest.tables
    click.echo(
        f"已备份到 {written}（{written.stat().st_size} 字节，权限 600）：诉求 {tables.get('petitions', 0)} 件，"
        f"事件 {tables.get('events', 0)} 条；数据库结构版本 {manifest.schema_version}；"
        f"SHA-256 {manifest.sqlite_sha256}\n"
        f"密钥指纹 {manifest.key_fingerprint}：密钥不在备份中，请另行保管（恢复时必须用同一密钥）"
        + (
            f"；恢复时还需要 {'、'.join(sorted(set(manifest.key_fingerprints) - {manifest.key_fingerprint}))}"
            if set(manifest.key_fingerprints) - {manifest.key_fingerprint}
            else ""
        )
    )


@petitions.command()
@click.argument("src", type=click.Path(path_type=Path))
@click.option(
    "--force", is_flag=True, help="目标已有数据时也恢复（原文件改名保留，须先停止处理程序）"
)
@click.pass_context
def restore(ctx: click.Context, src: Path, force: bool) -> None:
    """把备份 SRC 恢复到配置的数据库（须为空）；先核对校验和、结构版本和密钥。"""
    from generator.petitions.archive import BackupError
    from generator.petitions.restore import restore_backup

    keys, path = _keys_and_sqlite_path(ctx)
    try:
        done = restore_backup(src, path, keys, force, dt.datetime.now(dt.UTC))
    except BackupError as err:
        _raise_as_click(err)
    tables = done.manifest.tables
    migrated = (
        f"，已升级到结构版本 {done.schema_version}"
        if done.schema_version != done.manifest.schema_version
        else ""
    )
    click.echo(
        f"已从 {src}（{done.manifest.created_at}）恢复到 {path}：诉求 {tables.get('petitions', 0)} 件，"
        f"事件 {tables.get('events', 0)} 条{migrated}"
    )
    if done.set_aside:
        click.echo(f"原数据库已改名保留为 {done.set_aside}")


@petitions.command()
@click.argument("src", required=False, type=click.Path(path_type=Path))
@click.pass_context
def verify(ctx: click.Context, src: Path | None) -> None:
    """检查数据库或备份 SRC 是否完好：页面、每件诉求的办理记录、联系人信息能否解密。"""
    from generator.petitions.archive import BackupError
    from generator.petitions.store import StoreError
    from generator.petitions.verify import (
        is_sqlite_file,
        verify_backup,
        verify_postgres,
        verify_sqlite,
    )

    keys, path, url = _keys_and_path(ctx)
    target = src or path
    try:
        if target is None:
            report = verify_postgres(url, keys)
        elif is_sqlite_file(target):
            report = verify_sqlite(target, keys)
        elif not target.exists():
            raise Refused(f"{target} 不存在")
        else:
            _manifest, report = verify_backup(target, keys)
    except BackupError as err:
        _raise_as_click(err)
    except StoreError as err:
        raise Refused(f"数据库不可用：{err}") from None
    name = target or "PostgreSQL 数据库"
    for line in report.key_use.lines() if report.key_use else ():
        click.echo(line)
    if not report.findings:
        click.echo(f"{name}：未发现问题（诉求 {report.petitions} 件，事件 {report.events} 条）")
        return
    for finding in report.findings[:_SHOWN_FINDINGS]:
        click.echo(str(finding))
    if len(report.findings) > _SHOWN_FINDINGS:
        click.echo(f"……另有 {len(report.findings) - _SHOWN_FINDINGS} 处")
    raise Damaged(f"{name}：发现 {len(report.findings)} 处问题")
