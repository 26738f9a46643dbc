"""Group robots: 企业微信 and 钉钉 webhooks against a local HTTP server; 钉钉's signature checked."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.notify.channel import DeliveryError, Rendered
from generator.notify.robots import DingtalkRobot, WecomRobot

MESSAGE = Rendered("今日待办", "2 件诉求两个工作日内到期")
SECRET = "SEC0123456789abcdef"


def test_wecom_robot_posts_text(http_recorder):
    WecomRobot().deliver("k", f"{http_recorder.url}/cgi-bin/webhook/send?key=abc", MESSAGE)
    (request,) = http_recorder.requests
    assert request.path == "/cgi-bin/webhook/send?key=abc"
    assert request.json() == {
        "msgtype": "text",
        "text": {"content": "今日待办\n2 件诉求两个工作日内到期"},
    }


def test_dingtalk_robot_signs_the_timestamp(http_recorder):
    def answer(request):
        query = parse_qs(urlsplit(request.path).query)
        timestamp, sign = query["timestamp"][0], query["sign"][0]
        digest = hmac.new(
            SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256
        ).digest()
        ok = sign == base64.b64encode(digest).decode() and query["access_token"] == ["t0"]
        return 200, {"errcode": 0 if ok else 310000, "errmsg": "ok" if ok else "sign not match"}

    http_recorder.check[0] = answer
    DingtalkRobot(SECRET, clock=lambda: 1_800_000_000.123).deliver(
        "k", f"{http_recorder.url}/robot/send?access_token=t0", MESSAGE
    )
    assert urlsplit(http_recorder.requests[0].path).query.startswith(
        "access_token=t0&timestamp=1800000000123&sign="
    )
    with pytest.raises(DeliveryError, match="310000"):
        DingtalkRobot("wrong-secret").deliver(
            "k", f"{http_recorder.url}/robot/send?access_token=t0", MESSAGE
        )


def test_an_unreachable_robot_is_a_delivery_error():
    with pytest.raises(DeliveryError, match="无法连接"):
        WecomRobot().deliver("k", "http://127.0.0.1:9/send", MESSAGE)
