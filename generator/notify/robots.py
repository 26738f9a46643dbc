"""Group robots by webhook: 企业微信 (WeCom) and 钉钉 (DingTalk, with its signed timestamp)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request

from generator.notify.channel import DeliveryError, Rendered

TIMEOUT = 10


def dingtalk_signed(url: str, secret: str, now_ms: int) -> str:
    """The webhook URL with `timestamp` and `sign` (HmacSHA256 of "timestamp\\nsecret", base64)."""
    to_sign = f"{now_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), to_sign, hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    return f"{url}{'&' if '?' in url else '?'}timestamp={now_ms}&sign={sign}"


def _post(url: str, body: dict, what: str) -> dict:
    request = urllib.request.Request(
        url,
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310 - configured URL
            data = answer.read(64 * 1024)
    except urllib.error.HTTPError as err:
        raise DeliveryError(f"{what}机器人返回 HTTP {err.code}") from None
    except (urllib.error.URLError, OSError) as err:
        raise DeliveryError(f"无法连接{what}机器人：{getattr(err, 'reason', err)}") from None
    try:
        value = json.loads(data)
    except ValueError:
        raise DeliveryError(f"{what}机器人的回答不是 JSON") from None
    return value if isinstance(value, dict) else {}


def _text(message: Rendered) -> str:
    return f"{message.subject}\n{message.text}".strip()


class WecomRobot:
    """企业微信群机器人: POST {"msgtype": "text"} to the robot's webhook URL (the recipient)."""

    def deliver(self, key: str, recipient: str, message: Rendered) -> None:
        answer = _post(
            recipient, {"msgtype": "text", "text": {"content": _text(message)}}, "企业微信"
        )
        if answer.get("errcode") != 0:
            raise DeliveryError(
                f"企业微信机器人拒绝：{answer.get('errcode')} {answer.get('errmsg', '')}"
            )

    def close(self) -> None:
        pass


class DingtalkRobot:
    """钉钉群机器人 with 加签: each request is signed with the current time in milliseconds."""

    def __init__(self, secret: str, clock=time.time) -> None:  # noqa: ANN001
        self.secret = secret
        self.clock = clock

    def deliver(self, key: str, recipient: str, message: Rendered) -> None:
        url = recipient
        if self.secret:
            url = dingtalk_signed(recipient, self.secret, int(self.clock() * 1000))
        answer = _post(url, {"msgtype": "text", "text": {"content": _text(message)}}, "钉钉")
        if answer.get("errcode") != 0:
            raise DeliveryError(
                f"钉钉机器人拒绝：{answer.get('errcode')} {answer.get('errmsg', '')}"
            )

    def close(self) -> None:
        pass
