"""Read the handler's settings from the environment and `site.yaml`; fail naming the setting."""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.petitions.keys import Keyring

if TYPE_CHECKING:
    from collections.abc import Mapping

    from generator.models.site import SiteConfig
    from generator.petitions.comment_windows import CommentWindow

DEFAULT_DATABASE_URL = "sqlite:///var/petitions.db"
DEFAULT_KEY_FILE = "var/petitions.key"
KEY_MIN_BYTES = 32
_UNITS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}
_LIMIT = re.compile(r"^\s*(\d{1,6})\s*/\s*(\d{0,6})\s*([a-z]+)\s*$")


class ConfigError(Exception):
    """A missing or bad setting; the message names it (Chinese, for the operator)."""

    def __init__(self, setting: str, message: str) -> None:
        super().__init__(f"{setting}: {message}")
        self.setting = setting


@dataclass(frozen=True)
class RateLimit:
    """At most `count` events per `seconds` for one client."""

    count: int
    seconds: int


def parse_rate_limits(
    text: str, setting: str = "QINQING_RATE_LIMIT"
) -> tuple[RateLimit, ...] | None:
    """`5/10min,20/day` -> limits; `off` -> None (no per-client limits)."""
    if text.strip().lower() == "off":
        return None
    limits = []
    for part in text.split(","):
        match = _LIMIT.match(part.lower())
        if not match or match.group(3) not in _UNITS or int(match.group(1)) < 1:
            raise ConfigError(
                setting, f"无法识别的频率限制“{part.strip()}”，应形如 5/10min,20/day 或 off"
            )
        multiple = int(match.group(2) or 1)
        limits.append(RateLimit(int(match.group(1)), multiple * _UNITS[match.group(3)]))
    return tuple(limits)


@dataclass(frozen=True)
class Settings:
    """Everything the handler needs, resolved once at start."""

    site: SiteConfig
    database_url: str
    secret: bytes
    rate_limits: tuple[RateLimit, ...] | None
    allowed_origins: frozenset[str] = field(default_factory=frozenset)
    lookup_limit: RateLimit | None = RateLimit(10, 60)
    content_dir: Path | None = None  # where related items are read (their departments)
    # The consultations that take comments, by id (content/consultations beside site.yaml).
    consultations: Mapping[str, CommentWindow] = field(default_factory=dict)
    retired_secrets: tuple[bytes, ...] = ()

    def keyring(self) -> Keyring:
        """The current key and the retired ones: build every Keyring from here."""
        return Keyring(self.secret, self.retired_secrets)


def check_database_url(url: str) -> str:
    if url.startswith("sqlite:///") and len(url) > len("sqlite:///"):
        return url
    if url.startswith(("postgresql://", "postgres://")):
        return url
    raise ConfigError(
        "QINQING_DATABASE_URL", f"不支持的数据库地址“{url}”，应为 sqlite:///路径 或 postgresql://…"
    )


def load_site(path: Path) -> SiteConfig:
    """Parse and validate `site.yaml`; a clear ConfigError naming QINQING_CONFIG otherwise."""
    import yaml
    from pydantic import ValidationError

    from generator.content.yaml_schema import ContentLoader
    from generator.models.site import SiteConfig

    try:
        # The loader `check` reads with: 021… phone numbers stay text, not octal numbers.
        data = yaml.load(path.read_bytes(), Loader=ContentLoader)
    except OSError as err:
        raise ConfigError(
            "QINQING_CONFIG", f"无法读取站点设置文件 {path}：{err.strerror}"
        ) from None
    except yaml.YAMLError as err:
        raise ConfigError("QINQING_CONFIG", f"站点设置文件 {path} 不是有效的 YAML：{err}") from None
    try:
        return SiteConfig.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(根)"
        raise ConfigError(
            "QINQING_CONFIG", f"站点设置文件 {path} 中 {where} 有误：{first['msg']}"
        ) from None


def read_secret(environ: dict[str, str] | os._Environ, database_url: str) -> bytes:
    """The key from QINQING_SECRET_KEY, or (SQLite only) a 0600 key file created under var/."""
    value = environ.get("QINQING_SECRET_KEY", "").strip()
    if value:
        if len(value) < KEY_MIN_BYTES:
            raise ConfigError(
                "QINQING_SECRET_KEY", "密钥太短，至少 32 个字符（可用 openssl rand -hex 32 生成）"
            )
        if any(sep in value for sep in ", \t\n"):
            raise ConfigError(
                "QINQING_SECRET_KEY",
                "只能设置一个密钥（不含逗号或空白）；轮换后的旧密钥请放在 QINQING_RETIRED_KEYS",
            )
        return value.encode()
    if not database_url.startswith("sqlite:"):
        raise ConfigError(
            "QINQING_SECRET_KEY", "使用 PostgreSQL 时必须在环境变量中提供密钥（函数的磁盘是临时的）"
        )
    return _key_file(Path(environ.get("QINQING_KEY_FILE", DEFAULT_KEY_FILE)))


_KEY_HELP = "可用 openssl rand -hex 32 > {path} && chmod 600 {path} 生成新密钥（已有诉求时不要更换：已存的联系人信息将无法解密）"


def _key_file(path: Path) -> bytes:
    try:
        return _read_key_file(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key_file(path)
    except OSError as err:
        raise ConfigError(
            "QINQING_SECRET_KEY", f"无法创建密钥文件 {path}：{err.strerror}"
        ) from None
    key = secrets.token_hex(32).encode()
    with os.fdopen(fd, "wb") as out:
        out.write(key + b"\n")
    return key


def _read_key_file(path: Path) -> bytes:
    """The key in an existing file, refused when others may read it or when it is too short."""
    lines = _private_lines(path, "QINQING_KEY_FILE")
    if len(lines) > 1:
        raise ConfigError(
            "QINQING_KEY_FILE",
            f"密钥文件 {path} 有 {len(lines)} 行，只能有一个密钥（当前密钥）；"
            "轮换后的旧密钥请放在 QINQING_RETIRED_KEY_FILE 所指的文件中，每行一个",
        )
    key = lines[0][1] if lines else b""
    if len(key) < KEY_MIN_BYTES:
        raise ConfigError(
            "QINQING_KEY_FILE",
            f"密钥文件 {path} 太短（{len(key)} 字节，至少 {KEY_MIN_BYTES} 字节）；"
            + _KEY_HELP.format(path=path),
        )
    return key


def _private_lines(path: Path, setting: str) -> list[tuple[int, bytes]]:
    """(line number, text) of the non-empty lines of a 0600 file; `#` starts a comment line."""
    try:
        mode = path.stat().st_mode
        text = path.read_bytes()
    except FileNotFoundError:
        if setting == "QINQING_KEY_FILE":
            raise  # the caller creates it
        raise ConfigError(setting, f"文件 {path} 不存在") from None
    except OSError as err:
        raise ConfigError(setting, f"无法读取密钥文件 {path}：{err.strerror}") from None
    if os.name == "posix" and mode & 0o077:
        raise ConfigError(
            setting,
            f"密钥文件 {path} 的权限为 {mode & 0o777:o}，同组或其他用户可以读写；"
            f"请运行 chmod 600 {path}",
        )
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)]
    return [(n, line) for n, line in lines if line and not line.startswith(b"#")]


def read_retired(environ: dict[str, str] | os._Environ, current: bytes) -> tuple[bytes, ...]:
    """The retired keys: QINQING_RETIRED_KEYS (comma separated) or QINQING_RETIRED_KEY_FILE (one a line)."""
    listed = environ.get("QINQING_RETIRED_KEYS", "").strip()
    file = environ.get("QINQING_RETIRED_KEY_FILE", "").strip()
    if listed and file:
        raise ConfigError(
            "QINQING_RETIRED_KEYS",
            "QINQING_RETIRED_KEYS 与 QINQING_RETIRED_KEY_FILE 只能设置其一",
        )
    if file:
        setting = "QINQING_RETIRED_KEY_FILE"
        entries = [(f"{file} 第 {n} 行", key) for n, key in _private_lines(Path(file), setting)]
    else:
        setting = "QINQING_RETIRED_KEYS"
        parts = [part.strip() for part in listed.split(",")] if listed else []
        entries = [(f"第 {n} 个", part.encode()) for n, part in enumerate(parts, start=1)]
    seen: set[bytes] = set()
    for where, key in entries:
        problem = (
            "为空（多了一个逗号？）" if not key
            else f"太短（{len(key)} 字节，至少 {KEY_MIN_BYTES} 字节）" if len(key) < KEY_MIN_BYTES
            else "含有空白：每个密钥单独一项" if any(c in key for c in b" \t")
            else "与当前密钥相同：轮换时新密钥是当前密钥，旧密钥才列为退役" if key == current
            else "重复列出" if key in seen
            else None
        )  # fmt: skip
        if problem:
            raise ConfigError(setting, f"退役密钥（{where}）{problem}")
        seen.add(key)
    return tuple(key for _where, key in entries)


def load_settings(environ: dict[str, str] | os._Environ | None = None) -> Settings:
    """Resolve every setting from the environment (default: os.environ)."""
    from generator.petitions.comment_windows import Windows

    env = os.environ if environ is None else environ
    database_url = check_database_url(env.get("QINQING_DATABASE_URL", DEFAULT_DATABASE_URL))
    site_path = Path(env.get("QINQING_CONFIG", "content/site.yaml"))
    site = load_site(site_path)
    rate_setting = "QINQING_RATE_LIMIT" if env.get("QINQING_RATE_LIMIT") else "petitions.rate_limit"
    rate_limits = parse_rate_limits(
        env.get("QINQING_RATE_LIMIT") or site.petitions.rate_limit, rate_setting
    )
    origins = {site.origin}
    for extra in env.get("QINQING_ALLOWED_ORIGINS", "").split(","):
        if extra.strip():
            origins.add(extra.strip().rstrip("/"))
    secret = read_secret(env, database_url)
    return Settings(
        site=site,
        database_url=database_url,
        secret=secret,
        retired_secrets=read_retired(env, secret),
        rate_limits=rate_limits,
        allowed_origins=frozenset(origins),
        lookup_limit=RateLimit(10, 60) if rate_limits is not None else None,
        content_dir=site_path.parent,
        consultations=Windows(site_path.parent / "consultations", site.zone),
    )
