"""Email over a real SMTP server (aiosmtpd): plain, STARTTLS and implicit TLS, with login."""

from __future__ import annotations

import datetime as dt
import ssl
from pathlib import Path

import pytest

from generator.notify.channel import DeliveryError, Rendered
from generator.notify.config import SmtpConfig
from generator.notify.mail import SmtpChannel

from .conftest import Mailbox, _Handler, free_port

MESSAGE = Rendered(
    "诉求已收到",
    "您好：\n受理编号 R1。\n",
    html="<p>受理编号 R1</p>",
    headers=(("List-Id", "<x.example>"),),
)


def _certificate(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(__import__("ipaddress").ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class _Auth:
    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        return AuthResult(success=auth_data.login == b"clerk" and auth_data.password == b"pw")


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_mail_over_tls_with_login(tmp_path, security):
    from aiosmtpd.controller import Controller

    cert, key = _certificate(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    box = Mailbox("127.0.0.1", free_port())
    options = (
        {"tls_context": server_tls, "require_starttls": True}
        if security == "starttls"
        else {"auth_require_tls": False}
    )
    controller = Controller(
        _Handler(box), hostname=box.host, port=box.port, authenticator=_Auth(), auth_required=True,
        ssl_context=server_tls if security == "tls" else None, **options,
    )  # fmt: skip
    controller.start()
    try:
        client_tls = ssl.create_default_context(cafile=str(cert))
        config = SmtpConfig(
            box.host, box.port, security, "亲清 <noreply@example.gov.cn>", "clerk", "pw"
        )
        channel = SmtpChannel(config, client_tls)
        channel.deliver("R1.1.email", "lin@example.com", MESSAGE)
        channel.deliver("R2.1.email", "wang@example.com", MESSAGE)
        channel.close()
        first, second = box.wait(2)
        assert (first["To"], second["To"]) == ("lin@example.com", "wang@example.com")
        assert first["Message-ID"] == channel.message_id("R1.1.email") != second["Message-ID"]
        assert first["List-Id"] == "<x.example>"
        assert (
            first.get_body(("plain",)).get_content().replace("\r\n", "\n")
            == "您好：\n受理编号 R1。\n"
        )
        assert "<p>受理编号 R1</p>" in first.get_body(("html",)).get_content()
    finally:
        controller.stop()


def test_server_down_is_a_delivery_error():
    channel = SmtpChannel(
        SmtpConfig("127.0.0.1", free_port(), "none", "x@example.gov.cn", timeout=2)
    )
    with pytest.raises(DeliveryError, match="无法连接邮件服务器"):
        channel.deliver("k", "lin@example.com", MESSAGE)


def test_the_connection_is_kept_between_messages(smtp_server):
    channel = SmtpChannel(
        SmtpConfig(smtp_server.host, smtp_server.port, "none", "x@example.gov.cn")
    )
    channel.deliver("a", "a@example.com", MESSAGE)
    kept = channel._smtp
    channel.deliver("b", "b@example.com", MESSAGE)
    assert channel._smtp is kept is not None
    channel.close()
    assert len(smtp_server.wait(2)) == 2
