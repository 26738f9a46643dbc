"""Email over SMTP (STARTTLS, implicit TLS or plain on a trusted network), one kept connection."""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, parseaddr

from generator.notify.channel import DeliveryError, Rendered, key_token
from generator.notify.config import SmtpConfig


class SmtpChannel:
    """Sends each message on one connection kept open between messages of a batch."""

    def __init__(self, config: SmtpConfig, tls: ssl.SSLContext | None = None) -> None:
        self.config = config
        self.tls = tls or ssl.create_default_context()
        self.domain = parseaddr(config.sender)[1].rpartition("@")[2] or "localhost"
        self._smtp: smtplib.SMTP | None = None

    def message_id(self, key: str) -> str:
        """The same Message-ID for every try of one message, so a resend is recognisable."""
        return f"<{key_token(key)}@{self.domain}>"

    def build(self, key: str, recipient: str, message: Rendered) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self.config.sender
        mail["To"] = Address(addr_spec=recipient)
        mail["Subject"] = message.subject
        mail["Date"] = formatdate(localtime=False, usegmt=True)
        mail["Message-ID"] = self.message_id(key)
        for name, value in message.headers:
            mail[name] = value
        mail.set_content(message.text)
        if message.html:
            mail.add_alternative(message.html, subtype="html")
        return mail

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        if config.security == "tls":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout, context=self.tls
            )
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
            if config.security == "starttls":
                smtp.starttls(context=self.tls)
        if config.user:
            smtp.login(config.user, config.password)
        return smtp

    def deliver(self, key: str, recipient: str, message: Rendered) -> None:
        try:
            mail = self.build(key, recipient, message)
        except (ValueError, IndexError) as err:
            raise DeliveryError(f"无法生成邮件：{err}") from None
        for fresh in (False, True):
            try:
                if self._smtp is None:
                    self._smtp = self._connect()
                refused = self._smtp.send_message(mail)
            except smtplib.SMTPServerDisconnected as err:
                self._drop()
                if fresh:
                    raise DeliveryError(f"邮件服务器断开连接：{err}") from None
                continue  # a kept connection the server timed out: one new one
            except smtplib.SMTPRecipientsRefused as err:
                raise DeliveryError(f"收件地址被拒绝：{_reasons(err.recipients)}") from None
            except smtplib.SMTPResponseException as err:
                self._drop()
                raise DeliveryError(
                    f"邮件服务器拒绝：{err.smtp_code} {_text(err.smtp_error)}"
                ) from None
            except (smtplib.SMTPException, OSError) as err:
                self._drop()
                raise DeliveryError(
                    f"无法连接邮件服务器 {self.config.host}:{self.config.port}：{err}"
                ) from None
            if refused:
                raise DeliveryError(f"收件地址被拒绝：{_reasons(refused)}")
            return

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            with contextlib.suppress(OSError):
                smtp.close()

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _reasons(refused: dict) -> str:
    return "；".join(f"{code} {_text(reason)}" for code, reason in refused.values())
