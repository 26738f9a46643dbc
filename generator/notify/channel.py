"""What every channel is given and promises: a rendered message, delivered or refused with a reason."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Rendered:
    """A message ready for any channel: mail uses subject, text, html and headers; SMS the
    notice's name and its ordered parameters; group robots the text."""

    subject: str
    text: str
    html: str | None = None
    sms_notice: str | None = None
    sms_params: tuple[tuple[str, str], ...] = ()
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)


class DeliveryError(Exception):
    """The channel could not deliver this time; the message (Chinese or the provider's) is recorded."""


class Channel(Protocol):
    """One way out: email, an SMS provider or a group robot."""

    def deliver(self, key: str, recipient: str, message: Rendered) -> None:
        """Deliver or raise DeliveryError; `key` is the idempotency key the provider is told."""

    def close(self) -> None:
        """Let go of any connection kept between messages."""


def key_token(key: str, length: int = 32) -> str:
    """A short stable token derived from an idempotency key (Message-ID, SMS out-id)."""
    return hashlib.sha256(key.encode()).hexdigest()[:length]
