"""The petition handler as one WSGI callable: routes, origin checks, answers in JSON or HTML."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import Any

from generator import urls
from generator.petitions import html
from generator.petitions.backends import open_store
from generator.petitions.config import Settings
from generator.petitions.endpoints import find
from generator.petitions.http import FORM, HttpError, Request, respond, too_many_submissions
from generator.petitions.response import Response
from generator.petitions.service import Petitions
from generator.petitions.states import Refused
from generator.petitions.store import Store, StoreError
from generator.petitions.validation import honeypot_filled, validate
from generator.petitions.written import text_problem

log = logging.getLogger("qinqing.petitions")
STATS_CACHE_SECONDS = 30


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class PetitionApp:
    """WSGI application; build it with `create_app`."""

    def __init__(self, settings: Settings, store: Store, clock: Callable[[], dt.datetime]) -> None:
        self.settings = settings
        self.site = settings.site
        self.desk = Petitions(settings, store, clock)
        self.store = store
        self._stats_cache: tuple[float, Response] | None = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        started = time.perf_counter()
        request = Request(environ)
        answer = self._dispatch(request).with_headers(self._cors(request))
        log.info(
            "%s %s %d %.1fms",
            request.method,
            request.route,
            answer.status,
            1000 * (time.perf_counter() - started),
        )
        return respond(
            start_response, answer.status, answer.body, answer.media_type, answer.headers
        )

    # -- dispatch --
    def _dispatch(self, request: Request) -> Response:
        try:
            return self._route(request)
        except HttpError as err:
            return self._error(request, err)
        except StoreError as err:
            log.error("storage unavailable: %s", err)
            return self._error(
                request,
                HttpError(
                    503, [("storage", "服务暂时不可用，请稍后再试")], [("Retry-After", "30")]
                ),
            )
        except Exception:  # the last line of defence: log without request data, answer plainly
            log.exception("unexpected error on %s %s", request.method, request.route)
            return self._error(request, HttpError(500, [("server", "服务器内部错误，请稍后再试")]))

    def _route(self, request: Request) -> Response:
        found = find(request.route)
        if found is None:
            raise HttpError(404, [("path", "没有这个接口")])
        endpoint, parameters = found
        allowed = endpoint.allowed
        if request.method == "OPTIONS":
            return self._preflight(request, allowed)
        if request.method != endpoint.method:
            raise HttpError(405, [("method", f"此接口只接受 {allowed}")], [("Allow", allowed)])
        if request.method == "POST":
            self._check_origin(request)
        return getattr(self, f"_{endpoint.handler}")(request, **parameters)

    def _error(self, request: Request, err: HttpError) -> Response:
        if request.wants_html and request.method == "POST":
            message = "；".join(m for _, m in err.errors)
            page = html.message_page(self.site, "提交未成功", message)
            return Response.html(page, err.status, err.headers)
        return Response.errors(err.status, err.errors, err.headers)

    # -- cross-origin --
    def _origin_allowed(self, origin: str) -> bool:
        return origin.rstrip("/") in self.settings.allowed_origins

    def _check_origin(self, request: Request) -> None:
        """A plain form post has no preflight, so every POST is checked here."""
        origin = request.header("Origin")
        if origin:
            if not self._origin_allowed(origin):
                raise HttpError(403, [("origin", "不接受来自其他网站的提交")])
            return
        fetch_site = request.header("Sec-Fetch-Site").lower()
        if fetch_site and fetch_site not in ("same-origin", "none"):
            raise HttpError(403, [("origin", "不接受来自其他网站的提交")])

    def _cors(self, request: Request) -> list[tuple[str, str]]:
        origin = request.header("Origin")
        if origin and self._origin_allowed(origin):
            return [
                ("Access-Control-Allow-Origin", origin),
                ("Access-Control-Expose-Headers", "Retry-After"),
                ("Vary", "Origin"),
            ]
        return [("Vary", "Origin")]

    def _preflight(self, request: Request, allowed: str) -> Response:
        if not self._origin_allowed(request.header("Origin")):
            raise HttpError(403, [("origin", "不接受来自其他网站的请求")])
        return Response.empty(
            204,
            [
                ("Access-Control-Allow-Methods", allowed),
                ("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key"),
                ("Access-Control-Max-Age", "600"),
            ],
        )

    def _client(self, request: Request) -> str:
        return self.desk.client_id(request.client_address(self.site.petitions.trusted_proxies))

    # -- endpoints --
    def _submit(self, request: Request) -> Response:
        data, from_form = request.fields()
        if honeypot_filled(data):
            log.info("honeypot filled; not stored")
            return self._receipt(self.desk.decoy(), from_form, [])
        clean, errors = validate(data, self.site.petitions, from_form)
        if errors:
            if from_form:
                page = html.document(
                    self.site, "提交诉求", html.petition_form(self.site, data, errors)
                )
                return Response.html(page, 422)
            raise HttpError(422, errors)
        key = request.header("Idempotency-Key").strip() or None
        if key is not None and (len(key) > 200 or not key.isprintable()):
            raise HttpError(400, [("Idempotency-Key", "Idempotency-Key 应为不超过 200 个可见字符")])
        client = self._client(request) if self.settings.rate_limits else None
        outcome = self.desk.submit(clean, key, client)
        if outcome.kind == "conflict":
            raise HttpError(
                422,
                [("Idempotency-Key", "该 Idempotency-Key 已用于另一份内容，请刷新页面后重新提交")],
            )
        if outcome.kind == "limited":
            raise too_many_submissions(outcome.retry_after)
        extra = [("Idempotent-Replayed", "true")] if outcome.kind == "replayed" else []
        log.info("petition %s %s", outcome.receipt, outcome.kind)
        return self._receipt(self.desk.answer(outcome), from_form, extra)

    def _receipt(self, answer: dict, from_form: bool, headers: list) -> Response:
        if from_form:
            lookup = urls.absolute(self.site, urls.LOOKUP_PATH)
            page = html.document(self.site, "诉求已提交", html.receipt_panel(answer, lookup))
            return Response.html(page, 201, headers)
        return Response.json(answer, 201, headers)

    def _credentials(self, data: dict[str, Any]) -> tuple[str, str, list[tuple[str, str]]]:
        errors = []
        values = []
        for name, label in (("receipt", "受理编号"), ("code", "查询码")):
            value = data.get(name)
            if not isinstance(value, str) or not value.strip():
                errors.append((name, f"请填写{label}"))
            elif len(value) > 40:
                errors.append((name, f"{label}过长"))
            values.append(value if isinstance(value, str) else "")
        return values[0], values[1], errors

    def _not_found(self, request: Request, from_form: bool, data: dict, wait: int | None):
        if wait is not None:
            err = HttpError(
                429,
                [("receipt", "查询过于频繁或查询码错误次数过多，请稍后再试")],
                [("Retry-After", str(wait))],
            )
        else:
            err = HttpError(404, [("receipt", "受理编号或查询码不正确")])
        if from_form:
            page = html.document(
                self.site, "办理查询", html.lookup_form(self.site, data, err.errors)
            )
            return Response.html(page, err.status, err.headers)
        raise err

    def _lookup(self, request: Request) -> Response:
        data, from_form = request.fields()
        receipt, code, errors = self._credentials(data)
        if errors:
            return self._invalid(from_form, data, errors)
        found = self.desk.lookup(receipt, code, self._client(request))
        if found.view is None:
            return self._not_found(request, from_form, data, found.retry_after)
        return self._view(found.view, from_form, code)

    def _invalid(self, from_form: bool, data: dict, errors: list):
        if from_form:
            page = html.document(self.site, "办理查询", html.lookup_form(self.site, data, errors))
            return Response.html(page, 422)
        raise HttpError(422, errors)

    def _view(self, view: dict, from_form: bool, code: str):
        if from_form:
            page = html.document(self.site, "办理查询", html.lookup_result(view, self.site, code))
            return Response.html(page)
        return Response.json(view)

    def _rate(self, request: Request) -> Response:
        data, from_form = request.fields()
        receipt, code, errors = self._credentials(data)
        rating, comment = data.get("rating"), data.get("comment") or ""
        if rating not in ("satisfied", "fair", "dissatisfied"):
            errors.append(("rating", "请选择：满意、基本满意或不满意"))
        if not isinstance(comment, str) or len(comment) > 500:
            errors.append(("comment", "意见应为不超过 500 字的文本"))
        elif problem := text_problem(comment.replace("\r\n", "\n"), "意见", multiline=True):
            errors.append(("comment", problem))
        if errors:
            return self._invalid(from_form, data, errors)
        try:
            comment = comment.replace("\r\n", "\n").strip()
            found = self.desk.rate(receipt, code, rating, comment, self._client(request))
        except Refused as err:
            raise HttpError(409, [("rating", str(err))]) from None
        if found.view is None:
            return self._not_found(request, from_form, data, found.retry_after)
        return self._view(found.view, from_form, code)

    def _stats(self, request: Request) -> Response:
        from generator.petitions.stats import compute_stats

        now = self.desk.now()
        cached = self._stats_cache
        if cached is None or now.timestamp() - cached[0] > STATS_CACHE_SECONDS:
            figures = compute_stats(self.store.all(), self.site, self.desk.calendar, now)
            self._stats_cache = (now.timestamp(), Response.json(figures))
        return self._stats_cache[1]

    def _health(self, request: Request) -> Response:
        version = self.store.schema_version()
        return Response.json({"status": "ok", "schema_version": version})

    def _comment(self, request: Request, consultation: str) -> Response:
        from generator.petitions.comment_http import submit_comment

        return submit_comment(self, request, consultation)

    def _comment_count(self, request: Request, consultation: str) -> Response:
        from generator.petitions.comment_http import comment_count

        return comment_count(self, request, consultation)


def create_app(
    settings: Settings, store: Store | None = None, clock: Callable[[], dt.datetime] | None = None
) -> PetitionApp:
    """The WSGI application for these settings (opening the store they name unless given one)."""
    return PetitionApp(settings, store or open_store(settings.database_url), clock or _utc_now)


__all__ = ["FORM", "PetitionApp", "create_app"]
