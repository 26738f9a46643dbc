"""Read the notification settings (SMTP, SMS, robots, retries) from the environment, naming the bad one."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.notify.outbox import Retry
from generator.petitions.config import ConfigError

SECURITY = {"starttls": 587, "tls": 465, "none": 25}
SMS_PROVIDERS = ("aliyun", "tencent")
_ADDRESS = re.compile(r"^(?:[^<>]*<)?[^@\s<>]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}>?$")


@dataclass(frozen=True)
class SmtpConfig:
    """The office's mail server and the sender address."""

    host: str
    port: int
    security: str  # starttls | tls | none
    sender: str
    user: str = ""
    password: str = ""
    timeout: float = 30.0


@dataclass(frozen=True)
class SmsConfig:
    """One SMS provider's account, signature and the template code of each notice."""

    provider: str  # aliyun | tencent
    key_id: str
    key_secret: str
    sign_name: str
    templates: dict[str, str]
    app_id: str = ""  # Tencent's SmsSdkAppId
    region: str = "ap-guangzhou"  # Tencent only
    endpoint: str | None = None  # host[:port]; the provider's own when unset
    protocol: str = "https"


@dataclass(frozen=True)
class NotifyConfig:
    """Everything the sender needs; a channel left unconfigured is None."""

    smtp: SmtpConfig | None
    sms: SmsConfig | None
    dingtalk_secret: str = ""
    retry: Retry = field(default_factory=Retry)
    lease: float = 300.0
    batch: int = 50
    workers: int = 4


def _number(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise ConfigError(name, f"应为数字，现为“{text}”") from None
    if not low <= value <= high:
        raise ConfigError(name, f"应在 {low:g} 到 {high:g} 之间，现为 {text}")
    return value


def _smtp(env: Mapping[str, str]) -> SmtpConfig | None:
    host = env.get("QINQING_SMTP_HOST", "").strip()
    if not host:
        return None
    security = env.get("QINQING_SMTP_SECURITY", "starttls").strip().lower()
    if security not in SECURITY:
        raise ConfigError("QINQING_SMTP_SECURITY", f"应为 starttls、tls 或 none，现为“{security}”")
    sender = env.get("QINQING_SMTP_FROM", "").strip()
    if not _ADDRESS.match(sender):
        raise ConfigError("QINQING_SMTP_FROM", "请填写发件地址，如 亲清 <noreply@example.gov.cn>")
    user = env.get("QINQING_SMTP_USER", "").strip()
    password = env.get("QINQING_SMTP_PASSWORD", "")
    if user and not password:
        raise ConfigError("QINQING_SMTP_PASSWORD", "设置了 QINQING_SMTP_USER 时必须提供密码")
    port = int(_number(env, "QINQING_SMTP_PORT", SECURITY[security], 1, 65535))
    timeout = _number(env, "QINQING_SMTP_TIMEOUT", 30, 1, 600)
    return SmtpConfig(host, port, security, sender, user, password, timeout)


def _templates(text: str) -> dict[str, str]:
    templates = {}
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, code = part.partition("=")
        if not sep or not name.strip() or not code.strip():
            raise ConfigError(
                "QINQING_SMS_TEMPLATES",
                f"无法识别“{part.strip()}”，应形如 received=SMS_123,accepted=SMS_456",
            )
        templates[name.strip()] = code.strip()
    return templates


def _sms(env: Mapping[str, str]) -> SmsConfig | None:
    provider = env.get("QINQING_SMS_PROVIDER", "").strip().lower()
    if not provider:
        return None
    if provider not in SMS_PROVIDERS:
        raise ConfigError("QINQING_SMS_PROVIDER", f"应为 aliyun 或 tencent，现为“{provider}”")
    needed = ["QINQING_SMS_KEY_ID", "QINQING_SMS_KEY_SECRET", "QINQING_SMS_SIGN_NAME"]
    if provider == "tencent":
        needed.append("QINQING_SMS_APP_ID")
    for name in needed:
        if not env.get(name, "").strip():
            raise ConfigError(name, f"使用 {provider} 短信时必须设置")
    protocol = env.get("QINQING_SMS_PROTOCOL", "https").strip().lower()
    if protocol not in ("https", "http"):
        raise ConfigError("QINQING_SMS_PROTOCOL", f"应为 https 或 http，现为“{protocol}”")
    return SmsConfig(
        provider=provider,
        key_id=env["QINQING_SMS_KEY_ID"].strip(),
        key_secret=env["QINQING_SMS_KEY_SECRET"].strip(),
        sign_name=env["QINQING_SMS_SIGN_NAME"].strip(),
        templates=_templates(env.get("QINQING_SMS_TEMPLATES", "")),
        app_id=env.get("QINQING_SMS_APP_ID", "").strip(),
        region=env.get("QINQING_SMS_REGION", "").strip() or "ap-guangzhou",
        endpoint=env.get("QINQING_SMS_ENDPOINT", "").strip() or None,
        protocol=protocol,
    )


ROBOT_CHANNELS = ("wecom", "dingtalk")


def staff_robots(env: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """QINQING_STAFF_ROBOTS `gxj=wecom:https://…;swj=dingtalk:https://…` -> {department: (channel, url)}."""
    robots = {}
    for part in env.get("QINQING_STAFF_ROBOTS", "").split(";"):
        if not part.strip():
            continue
        department, _, target = part.strip().partition("=")
        channel, _, url = target.partition(":")
        url = url.strip()
        if (
            not department.strip()
            or channel.strip() not in ROBOT_CHANNELS
            or not url.startswith(("https://", "http://"))
        ):
            raise ConfigError(
                "QINQING_STAFF_ROBOTS",
                f"无法识别“{part.strip()[:60]}”，应形如 gxj=wecom:https://…;swj=dingtalk:https://…",
            )
        robots[department.strip()] = (channel.strip(), url)
    return robots


def load_notify_config(environ: Mapping[str, str] | None = None) -> NotifyConfig:
    """Resolve every notification setting (default: os.environ); a ConfigError names the bad one."""
    env = os.environ if environ is None else environ
    retry = Retry(
        max_attempts=int(_number(env, "QINQING_NOTIFY_MAX_ATTEMPTS", 8, 1, 100)),
        base=_number(env, "QINQING_NOTIFY_RETRY_BASE", 60, 0, 86400),
    )
    return NotifyConfig(
        smtp=_smtp(env),
        sms=_sms(env),
        dingtalk_secret=env.get("QINQING_DINGTALK_SECRET", "").strip(),
        retry=retry,
        lease=_number(env, "QINQING_NOTIFY_LEASE", 300, 1, 86400),
        batch=int(_number(env, "QINQING_NOTIFY_BATCH", 50, 1, 1000)),
        workers=int(_number(env, "QINQING_NOTIFY_WORKERS", 4, 1, 32)),
    )
