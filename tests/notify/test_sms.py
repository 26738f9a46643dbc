"""The SMS adapters through the providers' official SDKs, against a local HTTP server that
checks each request as the providers document it, signature included."""

from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import parse_qsl, quote, urlsplit

import pytest

from generator.notify.channel import DeliveryError, Rendered, key_token
from generator.notify.config import load_notify_config
from generator.notify.notices import render_notice
from generator.notify.sms import sms_channel

KEY_ID, KEY_SECRET = "LTAItestkeyid", "test-secret-value-0123456789"
TEMPLATES = "received=SMS_100,accepted=SMS_200,replied=SMS_300,closed=SMS_400,extended=SMS_500"
PAYLOAD = {
    "site": "亲清", "receipt": "20261126-ABCDE", "lookup": "https://x.example/petitions/lookup/",
    "route": "本级办理", "date": "2026-12-10",
}  # fmt: skip


def _config(provider: str, endpoint: str):
    return load_notify_config(
        {
            "QINQING_SMS_PROVIDER": provider, "QINQING_SMS_KEY_ID": KEY_ID,
            "QINQING_SMS_KEY_SECRET": KEY_SECRET, "QINQING_SMS_SIGN_NAME": "晋江工信",
            "QINQING_SMS_TEMPLATES": TEMPLATES, "QINQING_SMS_APP_ID": "1400000001",
            "QINQING_SMS_ENDPOINT": endpoint, "QINQING_SMS_PROTOCOL": "http",
        }
    ).sms  # fmt: skip


def _encode(text: str) -> str:
    return quote(text, safe="~")


def aliyun_signature_ok(request) -> bool:
    """ACS3-HMAC-SHA256 (Alibaba Cloud's V3 request signature), recomputed from the request."""
    auth = request.headers["authorization"]
    algorithm, _, rest = auth.partition(" ")
    parts = dict(p.split("=", 1) for p in rest.split(","))
    signed = parts["SignedHeaders"].split(";")
    url = urlsplit(request.path)
    query = sorted(parse_qsl(url.query, keep_blank_values=True))
    canonical_query = "&".join(f"{_encode(k)}={_encode(v)}" for k, v in query)
    canonical_headers = "".join(f"{name}:{request.headers[name].strip()}\n" for name in signed)
    payload_hash = hashlib.sha256(request.body).hexdigest()
    canonical = "\n".join(
        [
            request.method,
            url.path or "/",
            canonical_query,
            canonical_headers,
            ";".join(signed),
            payload_hash,
        ]
    )
    to_sign = f"{algorithm}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    expected = hmac.new(KEY_SECRET.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    return (
        algorithm == "ACS3-HMAC-SHA256"
        and parts["Credential"] == KEY_ID
        and request.headers["x-acs-content-sha256"] == payload_hash
        and {"host", "x-acs-action", "x-acs-date", "x-acs-signature-nonce"} <= set(signed)
        and hmac.compare_digest(parts["Signature"], expected)
    )


def tencent_signature_ok(request) -> bool:
    """TC3-HMAC-SHA256 (Tencent Cloud API 3.0 signature), recomputed from the request."""
    auth = request.headers["authorization"]
    algorithm, _, rest = auth.partition(" ")
    parts = dict(p.strip().split("=", 1) for p in rest.split(","))
    secret_id, date, service, _ = parts["Credential"].split("/")
    signed = parts["SignedHeaders"].split(";")
    canonical_headers = "".join(
        f"{name}:{request.headers[name].strip().lower() if name == 'host' else request.headers[name].strip()}\n"
        for name in signed
    )
    canonical = "\n".join(
        [
            "POST",
            "/",
            "",
            canonical_headers,
            ";".join(signed),
            hashlib.sha256(request.body).hexdigest(),
        ]
    )
    timestamp = request.headers["x-tc-timestamp"]
    scope = f"{date}/{service}/tc3_request"
    to_sign = (
        f"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    )

    def sign(key: bytes, msg: str) -> bytes:
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()

    key = sign(sign(sign(("TC3" + KEY_SECRET).encode(), date), service), "tc3_request")
    expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return (
        algorithm == "TC3-HMAC-SHA256"
        and secret_id == KEY_ID
        and service == "sms"
        and hmac.compare_digest(parts["Signature"], expected)
    )


def test_aliyun_send_sms_is_signed_and_carries_the_template(http_recorder):
    def answer(request):
        if not aliyun_signature_ok(request):
            return 403, {"Code": "SignatureDoesNotMatch", "Message": "bad signature"}
        return 200, {"Code": "OK", "Message": "OK", "BizId": "1", "RequestId": "r"}

    http_recorder.check[0] = answer
    channel = sms_channel(_config("aliyun", http_recorder.url.removeprefix("http://")))
    channel.deliver("R.2.sms", "13905951234", render_notice("accepted", PAYLOAD))
    (request,) = http_recorder.requests
    query = dict(parse_qsl(urlsplit(request.path).query))
    assert request.headers["x-acs-action"] == "SendSms"
    assert request.headers["x-acs-version"] == "2017-05-25"
    assert query["PhoneNumbers"] == "13905951234"
    assert query["SignName"] == "晋江工信"
    assert query["TemplateCode"] == "SMS_200"
    assert json.loads(query["TemplateParam"]) == {
        "receipt": "20261126-ABCDE",
        "route": "本级办理",
        "date": "2026-12-10",
    }
    assert query["OutId"] == key_token("R.2.sms")


def test_aliyun_refusal_is_a_delivery_error(http_recorder):
    http_recorder.check[0] = lambda r: (
        200,
        {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发流控"},
    )
    channel = sms_channel(_config("aliyun", http_recorder.url.removeprefix("http://")))
    with pytest.raises(DeliveryError, match="BUSINESS_LIMIT_CONTROL"):
        channel.deliver("R.1.sms", "13905951234", render_notice("received", PAYLOAD))


def test_tencent_send_sms_is_signed_and_carries_the_template(http_recorder):
    def answer(request):
        if not tencent_signature_ok(request):
            return 200, {
                "Response": {
                    "Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad"},
                    "RequestId": "r",
                }
            }
        return 200, {
            "Response": {
                "SendStatusSet": [
                    {
                        "Code": "Ok",
                        "Message": "send success",
                        "SerialNo": "s",
                        "PhoneNumber": "+8613905951234",
                        "Fee": 1,
                        "SessionContext": "",
                        "IsoCode": "CN",
                    }
                ],
                "RequestId": "r",
            }
        }

    http_recorder.check[0] = answer
    channel = sms_channel(_config("tencent", http_recorder.url.removeprefix("http://")))
    channel.deliver("R.1.sms", "13905951234", render_notice("received", PAYLOAD))
    (request,) = http_recorder.requests
    body = request.json()
    assert request.headers["x-tc-action"] == "SendSms"
    assert request.headers["x-tc-version"] == "2021-01-11"
    assert body["PhoneNumberSet"] == ["+8613905951234"]
    assert (body["SmsSdkAppId"], body["SignName"], body["TemplateId"]) == (
        "1400000001",
        "晋江工信",
        "SMS_100",
    )
    assert body["TemplateParamSet"] == ["20261126-ABCDE", "2026-12-10"]
    assert body["SessionContext"] == key_token("R.1.sms")


def test_tencent_signature_failure_is_a_delivery_error(http_recorder):
    http_recorder.check[0] = lambda r: (
        200,
        {
            "Response": {
                "Error": {"Code": "AuthFailure.SignatureFailure", "Message": "签名错误"},
                "RequestId": "r",
            }
        },
    )
    channel = sms_channel(_config("tencent", http_recorder.url.removeprefix("http://")))
    with pytest.raises(DeliveryError, match="SignatureFailure"):
        channel.deliver("R.1.sms", "13905951234", render_notice("closed", PAYLOAD))


def test_a_notice_without_a_template_code_is_refused(http_recorder):
    config = _config("aliyun", "127.0.0.1:9")
    channel = sms_channel(type(config)(**{**config.__dict__, "templates": {}}))
    with pytest.raises(DeliveryError, match="QINQING_SMS_TEMPLATES"):
        channel.deliver("k", "13905951234", Rendered("s", "t", sms_notice="received"))


@pytest.mark.parametrize("provider", ["aliyun", "tencent"])
def test_a_wrong_secret_fails_the_servers_signature_check(http_recorder, provider):
    check = aliyun_signature_ok if provider == "aliyun" else tencent_signature_ok
    verdicts: list[bool] = []

    def answer(request):
        verdicts.append(check(request))
        return 200, {
            "Code": "SignatureDoesNotMatch",
            "Message": "bad",
        } if provider == "aliyun" else {
            "Response": {
                "Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad"},
                "RequestId": "r",
            }
        }

    http_recorder.check[0] = answer
    config = _config(provider, http_recorder.url.removeprefix("http://"))
    channel = sms_channel(type(config)(**{**config.__dict__, "key_secret": "another-secret"}))
    with pytest.raises(DeliveryError):
        channel.deliver("k", "13905951234", render_notice("closed", PAYLOAD))
    assert verdicts == [False]
