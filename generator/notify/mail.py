"""Email over SMTP (STARTTLS, implicit TLS or plain on a trusted network), one kept connection."""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import formataddr, formatdate, parseaddr

from generator.notify.channel import DeliveryError, Rendered, key_token
from generator.notify.config import SmtpConfig

WIRE = compat32.clone(linesep="\r\n")  # smtplib sends bytes as they are: CRLF line ends


class SmtpChannel:
    """Sends each message on one connection kept open between messages of a batch."""

    def __init__(self, config: SmtpConfig, tls: ssl.SSLContext | None = None) -> None:
        self.config = config
        self.tls = tls or ssl.create_default_context()
        self.envelope_from = parseaddr(config.sender)[1]
        self.domain = self.envelope_from.rpartition("@")[2] or "localhost"
        self._smtp: smtplib.SMTP | None = None

    def message_id(self, key: str) -> str:
        """The same Message-ID for every try of one message, so a resend is recognisable."""
        return f"<{key_token(key)}@{self.domain}>"

    def build(self, key: str, recipient: str, message: Rendered) -> bytes:
        """The message as bytes (MIME, UTF-8 parts, RFC 2047 headers).

        Built with the compat32 classes: the `EmailMessage` header registry costs about 12 ms a
        message on this machine (profiled), which alone would cap a digest at ~80 mails/s.
        """
        text = MIMEText(message.text, "plain", "utf-8")
        if message.html:
            mail: MIMEText | MIMEMultipart = MIMEMultipart("alternative")
            mail.attach(text)
            mail.attach(MIMEText(message.html, "html", "utf-8"))
        else:
            mail = text
        name, address = parseaddr(self.config.sender)
        mail["From"] = formataddr((name, address), "utf-8")
        mail["To"] = recipient
        mail["Subject"] = Header(message.subject, "utf-8")
        mail["Date"] = formatdate(localtime=False, usegmt=True)
        mail["Message-ID"] = self.message_id(key)
        for header, value in message.headers:
            mail[header] = value
        return mail.as_bytes(policy=WIRE)

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
        except (ValueError, IndexError, UnicodeError) as err:
            raise DeliveryError(f"无法生成邮件：{err}") from None
        for fresh in (False, True):
            try:
                if self._smtp is None:
                    self._smtp = self._connect()
                refused = self._smtp.sendmail(self.envelope_from, [recipient], mail)
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
