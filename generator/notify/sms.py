"""SMS through Alibaba Cloud SMS or Tencent Cloud SMS, with each provider's official SDK.

Both are told the notice's template code (from QINQING_SMS_TEMPLATES), the signature and
the parameters; the out-id (Alibaba `OutId`, Tencent `SessionContext`) is derived from the
message's idempotency key, so every try of one message carries the same one.
"""

from __future__ import annotations

import json

from generator.notify.channel import DeliveryError, Rendered, key_token
from generator.notify.config import SmsConfig

TIMEOUT_MS = 10_000


def sms_channel(config: SmsConfig):  # noqa: ANN201 - AliyunSms | TencentSms
    return AliyunSms(config) if config.provider == "aliyun" else TencentSms(config)


def _template(config: SmsConfig, message: Rendered) -> str:
    notice = message.sms_notice
    if notice is None:
        raise DeliveryError("该消息不能以短信发送")
    code = config.templates.get(notice)
    if not code:
        raise DeliveryError(f"QINQING_SMS_TEMPLATES 中没有“{notice}”的短信模板代码")
    return code


class AliyunSms:
    """Alibaba Cloud SMS (dysmsapi 2017-05-25, SendSms)."""

    def __init__(self, config: SmsConfig) -> None:
        from alibabacloud_dysmsapi20170525.client import Client
        from alibabacloud_tea_openapi import models as openapi

        self.config = config
        self.client = Client(
            openapi.Config(
                access_key_id=config.key_id,
                access_key_secret=config.key_secret,
                endpoint=config.endpoint or "dysmsapi.aliyuncs.com",
                protocol=config.protocol.upper(),
                connect_timeout=TIMEOUT_MS,
                read_timeout=TIMEOUT_MS,
            )
        )

    def deliver(self, key: str, recipient: str, message: Rendered) -> None:
        from alibabacloud_dysmsapi20170525 import models
        from alibabacloud_tea_util.models import RuntimeOptions

        request = models.SendSmsRequest(
            phone_numbers=recipient,
            sign_name=self.config.sign_name,
            template_code=_template(self.config, message),
            template_param=json.dumps(dict(message.sms_params), ensure_ascii=False),
            out_id=key_token(key),
        )
        try:
            response = self.client.send_sms_with_options(
                request, RuntimeOptions(autoretry=False, max_attempts=1)
            )
        except Exception as err:  # noqa: BLE001 - the SDK raises its own and the transport's
            raise DeliveryError(f"阿里云短信发送失败：{_first_line(err)}") from None
        body = response.body
        if body is None or body.code != "OK":
            code = body.code if body else "?"
            text = body.message if body else ""
            raise DeliveryError(f"阿里云短信拒绝：{code} {text}")

    def close(self) -> None:
        pass


class TencentSms:
    """Tencent Cloud SMS (sms 2021-01-11, SendSms)."""

    def __init__(self, config: SmsConfig) -> None:
        from tencentcloud.common import credential
        from tencentcloud.common.profile.client_profile import ClientProfile
        from tencentcloud.common.profile.http_profile import HttpProfile
        from tencentcloud.sms.v20210111 import sms_client

        self.config = config
        http = HttpProfile(
            protocol=config.protocol, endpoint=config.endpoint or "sms.tencentcloudapi.com",
            reqTimeout=TIMEOUT_MS // 1000,
        )  # fmt: skip
        self.client = sms_client.SmsClient(
            credential.Credential(config.key_id, config.key_secret),
            config.region,
            ClientProfile(httpProfile=http),
        )

    def deliver(self, key: str, recipient: str, message: Rendered) -> None:
        from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
            TencentCloudSDKException,
        )
        from tencentcloud.sms.v20210111 import models

        request = models.SendSmsRequest()
        request.PhoneNumberSet = [recipient if recipient.startswith("+") else f"+86{recipient}"]
        request.SmsSdkAppId = self.config.app_id
        request.SignName = self.config.sign_name
        request.TemplateId = _template(self.config, message)
        request.TemplateParamSet = [value for _name, value in message.sms_params]
        request.SessionContext = key_token(key)
        try:
            response = self.client.SendSms(request)
        except TencentCloudSDKException as err:
            raise DeliveryError(f"腾讯云短信发送失败：{err.code} {err.message}") from None
        except Exception as err:  # noqa: BLE001 - the transport's own errors
            raise DeliveryError(f"腾讯云短信发送失败：{_first_line(err)}") from None
        statuses = response.SendStatusSet or []
        if not statuses or statuses[0].Code != "Ok":
            code = statuses[0].Code if statuses else "?"
            text = statuses[0].Message if statuses else ""
            raise DeliveryError(f"腾讯云短信拒绝：{code} {text}")

    def close(self) -> None:
        pass


def _first_line(err: Exception) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0][:300]
