"""Notification settings from the environment: a wrong one is named in the error."""

from __future__ import annotations

import pytest

from generator.notify.config import load_notify_config
from generator.petitions.config import ConfigError

SMTP = {
    "QINQING_SMTP_HOST": "mail.example.gov.cn",
    "QINQING_SMTP_FROM": "亲清 <noreply@example.gov.cn>",
}


def test_defaults_leave_channels_unset():
    config = load_notify_config({})
    assert (config.smtp, config.sms, config.retry.max_attempts) == (None, None, 8)


def test_smtp_port_follows_security():
    assert load_notify_config(SMTP).smtp.port == 587
    assert load_notify_config({**SMTP, "QINQING_SMTP_SECURITY": "tls"}).smtp.port == 465


@pytest.mark.parametrize(
    ("env", "setting"),
    [
        ({**SMTP, "QINQING_SMTP_SECURITY": "ssl"}, "QINQING_SMTP_SECURITY"),
        ({"QINQING_SMTP_HOST": "mail.example.gov.cn"}, "QINQING_SMTP_FROM"),
        ({**SMTP, "QINQING_SMTP_PORT": "abc"}, "QINQING_SMTP_PORT"),
        ({**SMTP, "QINQING_SMTP_USER": "clerk"}, "QINQING_SMTP_PASSWORD"),
        ({"QINQING_SMS_PROVIDER": "huawei"}, "QINQING_SMS_PROVIDER"),
        ({"QINQING_SMS_PROVIDER": "aliyun"}, "QINQING_SMS_KEY_ID"),
        (
            {
                "QINQING_SMS_PROVIDER": "tencent",
                "QINQING_SMS_KEY_ID": "a",
                "QINQING_SMS_KEY_SECRET": "b",
                "QINQING_SMS_SIGN_NAME": "c",
            },
            "QINQING_SMS_APP_ID",
        ),
        (
            {
                "QINQING_SMS_PROVIDER": "aliyun",
                "QINQING_SMS_KEY_ID": "a",
                "QINQING_SMS_KEY_SECRET": "b",
                "QINQING_SMS_SIGN_NAME": "c",
                "QINQING_SMS_TEMPLATES": "received",
            },
            "QINQING_SMS_TEMPLATES",
        ),
        ({"QINQING_NOTIFY_MAX_ATTEMPTS": "0"}, "QINQING_NOTIFY_MAX_ATTEMPTS"),
    ],
)
def test_a_wrong_setting_is_named(env, setting):
    with pytest.raises(ConfigError) as caught:
        load_notify_config(env)
    assert caught.value.setting == setting and setting in str(caught.value)
