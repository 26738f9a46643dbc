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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from generator.notify.channel import Channel, DeliveryError, Rendered
from generator.notify.outbox import Claimed, Message, Outbox

log = logging.getLogger("qinqing.notify")
ChannelSet = Mapping[str, Channel]
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
        channels: ChannelSet | Callable[[], ChannelSet],
        render: Callable[[Message], Rendered],
        clock: Callable[[], float] = time.time,
        lease: float = 300.0,
        batch: int = 50,
        workers: int = 1,
    ) -> None:
        """`channels`: the channels by name, or (with `workers` > 1) a function making a set
        for each worker, since a channel keeps its own connection."""
        if workers > 1 and not callable(channels):
            raise ValueError("several workers need a function that makes their channels")
        self.outbox = outbox
        self._make = channels if callable(channels) else lambda: channels
        self.render = render
        self.clock = clock
        self.lease = lease
        self.batch = batch
        self.workers = workers
        self._local = threading.local()
        self._sets: list[ChannelSet] = []
        self._sets_lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def _channels(self) -> ChannelSet:
        found = getattr(self._local, "channels", None)
        if found is None:
            found = self._local.channels = self._make()
            with self._sets_lock:
                self._sets.append(found)
        return found

    def _deliver(self, claimed: Claimed) -> str | None:
        message = claimed.message
        channel = self._channels().get(message.channel)
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
        results = self._deliver_all(claimed)
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

    def _deliver_all(self, claimed: list[Claimed]) -> list[tuple[Claimed, str | None]]:
        """Deliver in order, or spread over the workers (each its own connections): a mail
        server's round trips, not our CPU, bound a single connection's rate."""
        if self.workers == 1:
            return [(c, self._deliver(c)) for c in claimed]
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="qinqing-notify")
        shares = [claimed[n :: self.workers] for n in range(self.workers)]
        done = self._pool.map(lambda share: [(c, self._deliver(c)) for c in share], shares)
        return [result for share in done for result in share]

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
                    self._close_channels()  # do not hold the mail server's connections while idle
                    stop.wait(poll)
        finally:
            self.close()
        return tally

    def _close_channels(self) -> None:
        with self._sets_lock:
            sets = list(self._sets)
        for channels in sets:
            for channel in channels.values():
                channel.close()

    def close(self) -> None:
        self._close_channels()
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
