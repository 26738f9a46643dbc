"""The public handler with the subscription endpoints: subscribe, confirm, manage, unsubscribe.

`PublicApp` is the petition handler (same request parsing, limits, origin checks and error
pages) with the 订阅提醒 endpoints in front. A GET of a mailed link only shows a page with a
button (mail scanners open links); the change is a POST. The unsubscribe link also takes
the RFC 8058 one-click POST a mail client sends (`List-Unsubscribe=One-Click`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from markupsafe import Markup

from generator import urls
from generator.models.followable import FLAG_LABELS, FLAG_TITLE, GROUP_TITLES, followable
from generator.notify.links import SUBSCRIPTIONS, subscriber_links
from generator.notify.outbox import Message, Outbox
from generator.notify.rendering import environment
from generator.notify.subscriptions import (
    ACTIVE,
    LEFT,
    Choices,
    Subscriber,
    Subscriptions,
    allowed_codes,
    parse_choices,
)
from generator.petitions import html
from generator.petitions.app import PetitionApp
from generator.petitions.config import RateLimit, Settings
from generator.petitions.http import FORM, HttpError, Request
from generator.petitions.response import Response
from generator.petitions.store import Store
from generator.petitions.validation import EMAIL, honeypot_filled
from generator.petitions.written import text_problem

ADDRESS_LIMIT = RateLimit(3, 86400)  # confirmation mails one address may be sent a day
ROUTES = {
    ("POST", SUBSCRIPTIONS): "subscribe",
    ("GET", f"{SUBSCRIPTIONS}/confirm"): "confirm_page",
    ("POST", f"{SUBSCRIPTIONS}/confirm"): "confirm",
    ("GET", f"{SUBSCRIPTIONS}/manage"): "manage_page",
    ("POST", f"{SUBSCRIPTIONS}/manage"): "manage",
    ("GET", f"{SUBSCRIPTIONS}/unsubscribe"): "unsubscribe_page",
    ("POST", f"{SUBSCRIPTIONS}/unsubscribe"): "unsubscribe",
}
PATHS = {path for _method, path in ROUTES}


class PublicApp(PetitionApp):
    """The petition handler plus 订阅提醒; build it with `create_public_app`."""

    def __init__(
        self, settings: Settings, store: Store, clock: Callable[[], dt.datetime], outbox: Outbox
    ) -> None:
        super().__init__(settings, store, clock)
        self.outbox = outbox
        self.subscriptions = Subscriptions(store, outbox.keys)

    def _route(self, request: Request) -> Response:
        path = request.route.removeprefix("/api")
        if path not in PATHS:
            return super()._route(request)
        allowed = ", ".join(sorted(m for m, p in ROUTES if p == path))
        if request.method == "OPTIONS":
            return self._preflight(request, allowed)
        handler = ROUTES.get((request.method, path))
        if handler is None:
            raise HttpError(405, [("method", f"此接口只接受 {allowed}")], [("Allow", allowed)])
        if request.method == "POST":
            self._check_origin(request)
        return getattr(self, f"_{handler}")(request)

    # -- reading requests --
    def _values(self, request: Request) -> tuple[dict[str, list[str]], bool]:
        """Every submitted value as a list (checkbox groups repeat a name), and whether from a form."""
        if request.media_type != FORM:
            data, _ = request.fields()
            values: dict[str, list[str]] = {}
            for key, value in data.items():
                items = value if isinstance(value, list) else [value]
                values[key] = ["true" if v is True else "" if v is False else str(v) for v in items]
            return values, False
        try:
            text = request.body().decode("utf-8")
            pairs = parse_qsl(text, keep_blank_values=True, errors="strict", max_num_fields=200)
        except UnicodeDecodeError:  # raw or %-escaped: the petition form's answer (http.py)
            raise HttpError(400, [("body", "内容不是有效的 UTF-8 编码")]) from None
        except ValueError:
            raise HttpError(400, [("body", "表单内容无法解析（字段过多）")]) from None
        values = {}
        for key, value in pairs:
            values.setdefault(key, []).append(value)
        return values, True

    def _link(self, request: Request, values: dict[str, list[str]] | None = None) -> Subscriber:
        try:
            query = dict(parse_qsl(request.environ.get("QUERY_STRING", ""), max_num_fields=20))
        except ValueError:  # more fields than any link of ours has
            query = {"s": "", "t": ""}
        values = values or {}
        subscriber_id = query.get("s") or (values.get("s") or [""])[0]
        token = query.get("t") or (values.get("t") or [""])[0]
        found = self.subscriptions.find(subscriber_id, token)
        if found is None:
            raise HttpError(404, [("link", "链接无效或已过期，请重新订阅")])
        return found

    # -- pages --
    def _action(self, name: str) -> str:
        """Where a page's form posts: the API's path (its origin only when configured apart)."""
        return f"{html.api_base(self.site)}{SUBSCRIPTIONS}/{name}"

    def _page(self, title: str, template: str, status: int = 200, **context: Any) -> Response:
        subscribe_url = urls.absolute(self.site, urls.SUBSCRIBE_PATH)  # the 订阅 page
        body = (
            environment()
            .get_template(template)
            .render(site=self.site, subscribe_url=subscribe_url, **context)
        )
        return Response.html(html.document(self.site, title, Markup(body)), status)

    def _form_values(self, choices: Choices) -> dict[str, Any]:
        return {
            **{g: list(getattr(choices, g)) for g in allowed_codes(self.site)},
            "open_funds": choices.open_funds,
            "deadlines": choices.deadlines,
        }

    # -- endpoints --
    def _subscribe(self, request: Request) -> Response:
        values, from_form = self._values(request)
        address = (values.get("email") or [""])[0].strip()
        if honeypot_filled({k: v[0] for k, v in values.items()}):
            return self._pending(from_form)
        choices, errors = parse_choices(values, self.site)
        if not address:
            errors.insert(0, ("email", "请填写电子邮箱"))
        elif (
            len(address) > 254 or text_problem(address, "电子邮箱", False) or not _is_email(address)
        ):
            errors.insert(0, ("email", "电子邮箱格式不正确，如 name@example.com"))
        if errors:
            if from_form:
                return self._page("订阅提醒", "subscribe_errors.html.j2", 422, errors=errors)
            raise HttpError(422, errors)
        now = self.desk.now().timestamp()
        if self.settings.rate_limits:
            wait = self.store.hit(
                "subscribe", self._client(request), self.settings.rate_limits, now
            )
            if wait is not None:
                raise HttpError(
                    429, [("rate", "提交过于频繁，请稍后再试")], [("Retry-After", str(wait))]
                )
        # At most a few mails a day to one address, whoever asks: the answer is the same either way.
        if (
            self.store.hit(
                "subscribe-address", self.subscriptions.address_hash(address), (ADDRESS_LIMIT,), now
            )
            is None
        ):
            self._request(address, choices, now)
        return self._pending(from_form)

    def _request(self, address: str, choices: Choices, now: float) -> None:
        with self.store.tx() as conn:
            kind, subscriber = self.subscriptions.request(conn, address, choices, now)
            links = subscriber_links(self.site, subscriber.id, subscriber.token)
            stamp = (
                subscriber.token[:8]
                if kind == "confirm"
                else dt.date.fromtimestamp(now).isoformat()
            )
            message = Message(
                f"sub.{kind}.{subscriber.id}.{stamp}", "email", address, f"subscription.{kind}",
                {"site": self.site.title, **links},
            )  # fmt: skip
            self.outbox.enqueue(conn, message, now)

    def _pending(self, from_form: bool) -> Response:
        if from_form:
            return self._page("请查收确认邮件", "pending.html.j2", 202)
        return Response.json(
            {"status": "pending", "message": "请查收确认邮件，打开其中的链接后订阅生效"}, 202
        )

    def _link_page(self, request: Request, title: str, name: str) -> Response:
        """The page a mailed link opens: a button that POSTs back to the same link."""
        subscriber = self._link(request)
        return self._page(
            title, f"{name}.html.j2", subscriber=subscriber, action=self._action(name)
        )

    def _confirm_page(self, request: Request) -> Response:
        return self._link_page(request, "确认订阅", "confirm")

    def _confirm(self, request: Request) -> Response:
        values, from_form = self._values(request)
        subscriber = self._link(request, values)
        self.subscriptions.set_status(subscriber.id, ACTIVE, self.desk.now().timestamp())
        links = subscriber_links(self.site, subscriber.id, subscriber.token)
        if not from_form:
            return Response.json({"status": ACTIVE})
        return self._page(
            "订阅成功",
            "done.html.j2",
            done="订阅已生效。有新内容时，我们会把与您的选择有关的内容汇总发送到您的邮箱。",
            links=links,
        )

    def _manage_page(self, request: Request) -> Response:
        subscriber = self._link(request)
        return self._manage_form(subscriber, self._form_values(subscriber.choices), [])

    def _manage_form(
        self, subscriber: Subscriber, values: dict, errors: list, status: int = 200
    ) -> Response:
        return self._page(
            "管理订阅", "manage.html.j2", status, subscriber=subscriber, values=values, errors=errors,
            action=self._action("manage"), links=subscriber_links(self.site, subscriber.id, subscriber.token),
            labels=followable(self.site), titles=GROUP_TITLES, flags=FLAG_LABELS, flag_title=FLAG_TITLE,
        )  # fmt: skip

    def _manage(self, request: Request) -> Response:
        values, from_form = self._values(request)
        subscriber = self._link(request, values)
        choices, errors = parse_choices(values, self.site)
        if errors:
            if from_form:
                return self._manage_form(subscriber, values, errors, 422)
            raise HttpError(422, errors)
        self.subscriptions.set_choices(subscriber.id, choices)
        if subscriber.status != ACTIVE:
            self.subscriptions.set_status(subscriber.id, ACTIVE, self.desk.now().timestamp())
        if not from_form:
            return Response.json({"status": ACTIVE, "choices": json.loads(choices.as_json())})
        links = subscriber_links(self.site, subscriber.id, subscriber.token)
        return self._page("订阅已更新", "done.html.j2", done="订阅内容已更新。", links=links)

    def _unsubscribe_page(self, request: Request) -> Response:
        return self._link_page(request, "退订", "unsubscribe")

    def _unsubscribe(self, request: Request) -> Response:
        values, from_form = self._values(request)
        subscriber = self._link(request, values)
        self.subscriptions.forget(subscriber.id)
        one_click = values.get("List-Unsubscribe") == ["One-Click"]
        if one_click or not from_form:
            return Response.json({"status": LEFT})
        return self._page("已退订", "left.html.j2")


def _is_email(address: str) -> bool:
    return re.match(EMAIL, address) is not None


def create_public_app(
    settings: Settings, store: Store, outbox: Outbox, clock: Callable[[], dt.datetime] | None = None
) -> PublicApp:
    return PublicApp(
        settings, store, clock or (lambda: dt.datetime.fromtimestamp(time.time(), dt.UTC)), outbox
    )
