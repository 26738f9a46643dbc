"""The sender: claim due messages, render and deliver each on its channel, settle the batch.

At-least-once: a message is marked sent only after its channel accepted it, and a batch is
settled in one transaction after delivery, so a sender killed mid-batch resends (with the
same idempotency key) what it had delivered but not yet recorded, once its lease runs out.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from generator.notify.channel import Channel, DeliveryError, Rendered
from generator.notify.outbox import Claimed, Message, Outbox

log = logging.getLogger("qinqing.notify")
CHANNEL_SETTINGS = {
    "email": "QINQING_SMTP_HOST",
    "sms": "QINQING_SMS_PROVIDER",
    "wecom": "(企业微信机器人)",
    "dingtalk": "(钉钉机器人)",
}


@dataclass
class Tally:
    """What one run did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0


class Sender:
    """Delivers the outbox through `channels` (by name); `render` turns a message into text."""

    def __init__(
        self,
        outbox: Outbox,
        channels: Mapping[str, Channel],
        render: Callable[[Message], Rendered],
        clock: Callable[[], float] = time.time,
        lease: float = 300.0,
        batch: int = 50,
    ) -> None:
        self.outbox = outbox
        self.channels = channels
        self.render = render
        self.clock = clock
        self.lease = lease
        self.batch = batch

    def _deliver(self, claimed: Claimed) -> str | None:
        message = claimed.message
        channel = self.channels.get(message.channel)
        if channel is None:
            setting = CHANNEL_SETTINGS.get(message.channel, message.channel)
            return f"未配置“{message.channel}”通道（{setting}）"
        try:
            channel.deliver(message.key, message.recipient, self.render(message))
        except DeliveryError as err:
            return str(err) or type(err).__name__
        except KeyError as err:  # a payload without a value its template needs
            return f"消息内容缺少 {err}"
        return None

    def run_batch(self, tally: Tally) -> int:
        """Claim, deliver and settle one batch; the number claimed."""
        claimed = self.outbox.claim(self.clock(), self.batch, self.lease)
        if not claimed:
            return 0
        results = [(c, self._deliver(c)) for c in claimed]
        self.outbox.settle(results, self.clock())
        for c, error in results:
            if error is None:
                tally.sent += 1
            elif c.round >= self.outbox.retry.max_attempts:
                tally.failed += 1
                log.warning("message %s failed after %d tries: %s", c.message.key, c.round, error)
            else:
                tally.retried += 1
                log.info("message %s try %d: %s", c.message.key, c.round, error)
        return len(claimed)

    def run_once(self) -> Tally:
        """Deliver until nothing is due (for cron and serverless timers)."""
        tally = Tally()
        try:
            while self.run_batch(tally):
                pass
        finally:
            self.close()
        return tally

    def run_forever(self, stop: threading.Event, poll: float = 5.0) -> Tally:
        """Deliver, and wait `poll` seconds whenever nothing is due, until `stop` is set."""
        tally = Tally()
        try:
            while not stop.is_set():
                if not self.run_batch(tally):
                    for channel in self.channels.values():
                        channel.close()  # do not hold the mail server's connection while idle
                    stop.wait(poll)
        finally:
            self.close()
        return tally

    def close(self) -> None:
        for channel in self.channels.values():
            channel.close()
