"""Wire the notifications to one store: the outbox, its listener, the channels and the renderer."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from generator.notify.channel import Channel, Rendered
from generator.notify.config import NotifyConfig, staff_robots
from generator.notify.notices import EnterpriseNotices, render_notice
from generator.notify.outbox import Message, Outbox
from generator.petitions.casebook import Casebook

if TYPE_CHECKING:
    from generator.petitions.config import Settings
    from generator.petitions.store import Store

RENDERERS = {"petition": render_notice}


def render(message: Message) -> Rendered:
    """A queued message as text: `petition.<kind>` notices, `subscription.<kind>` mails."""
    family, _, kind = message.template.partition(".")
    if family == "staff":
        from generator.notify.staff_notices import render_staff

        return render_staff(kind, message.payload)
    if family == "subscription":
        from generator.notify.mails import render_subscription

        return render_subscription(kind, message.payload)
    return RENDERERS[family](kind, message.payload)


def outbox_for(store: Store, settings: Settings, config: NotifyConfig | None = None) -> Outbox:
    return Outbox(store, settings.keyring(), config.retry if config else None)


def staff_base(settings: Settings, environ: Mapping[str, str] | None = None) -> str:
    """The workbench's address in staff mail: QINQING_STAFF_URL, else the site's origin + /staff."""
    env = os.environ if environ is None else environ
    return env.get("QINQING_STAFF_URL", "").strip().rstrip("/") or f"{settings.site.origin}/staff"


def install(store: Store, settings: Settings, environ: Mapping[str, str] | None = None) -> Outbox:
    """Queue the enterprise's and the staff's notices with the events of `store` (once per store).

    The staff settings (QINQING_STAFF_URL, QINQING_STAFF_ROBOTS; default: os.environ) are
    read before any listener is added: a ConfigError leaves the store as it was.
    """
    from generator.notify.staff_notices import StaffNotices
    from generator.staff.store import StaffStore

    env = os.environ if environ is None else environ
    outbox = outbox_for(store, settings)
    if not any(isinstance(listener, EnterpriseNotices) for listener in store.listeners):
        base, robots = staff_base(settings, env), staff_robots(env)
        casebook, keys = Casebook(settings.site), settings.keyring()
        store.listeners.append(EnterpriseNotices(outbox, casebook, keys))
        store.listeners.append(
            StaffNotices(outbox, StaffStore(store, keys), casebook, base, robots)
        )
    return outbox


def public_app(settings: Settings, store: Store | None = None, clock=None):  # noqa: ANN001, ANN201
    """The public WSGI handler: petitions and subscriptions, the notices queued with the events."""
    from generator.notify.public import create_public_app
    from generator.petitions.backends import open_store

    store = store or open_store(settings.database_url)
    return create_public_app(settings, store, install(store, settings), clock)


def channels_for(config: NotifyConfig) -> Mapping[str, Channel]:
    """The configured channels by name; a channel without settings is absent."""
    from generator.notify.robots import DingtalkRobot, WecomRobot

    channels: dict[str, Channel] = {
        "wecom": WecomRobot(),
        "dingtalk": DingtalkRobot(config.dingtalk_secret),
    }
    if config.smtp is not None:
        from generator.notify.mail import SmtpChannel

        channels["email"] = SmtpChannel(config.smtp)
    if config.sms is not None:
        from generator.notify.sms import sms_channel

        channels["sms"] = sms_channel(config.sms)
    return channels
