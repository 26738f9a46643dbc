"""The comment endpoints over HTTP: a comment in JSON or a plain form, and the public count."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from generator.petitions import comment_store, html
from generator.petitions.comments import CommentDesk, Recorded, validate_comment
from generator.petitions.http import HttpError, Request, too_many_submissions
from generator.petitions.response import Response
from generator.petitions.validation import honeypot_filled

if TYPE_CHECKING:
    from generator.petitions.app import PetitionApp

log = logging.getLogger("qinqing.petitions")
REFUSAL_STATUS = {"unknown": 404, "upcoming": 409, "closed": 409}


def _desk(app: PetitionApp) -> CommentDesk:
    return CommentDesk(app.settings, app.store, app.desk.now)


def _page_of(app: PetitionApp, consultation: str) -> str:
    return f"{str(app.site.base_url).rstrip('/')}/consultations/{consultation}/"


def submit_comment(app: PetitionApp, request: Request, consultation: str) -> Response:
    """Record one comment while the window is open; refuse it, in Chinese, otherwise."""
    desk = _desk(app)
    data, from_form = request.fields()
    refusal = desk.window_refusal(consultation)
    if refusal is not None:
        return _refused(app, refusal, from_form, consultation)
    if honeypot_filled(data):
        log.info("honeypot filled on a comment; not stored")
        return _receipt(app, desk.decoy(consultation), from_form, consultation)
    clean, errors = validate_comment(data, from_form)
    if errors:
        if from_form:
            form = html.comment_form(app.site, consultation, data, errors)
            return Response.html(html.document(app.site, "提交意见", form), 422)
        raise HttpError(422, errors)
    client = app._client(request) if app.settings.rate_limits else None
    recorded = desk.record(consultation, clean, client)
    if recorded.kind == "limited":
        raise too_many_submissions(recorded.retry_after)
    if recorded.kind != "created":  # the window closed between the two checks
        return _refused(app, recorded, from_form, consultation)
    log.info("comment %s on %s", recorded.answer["number"], consultation)
    return _receipt(app, recorded.answer, from_form, consultation)


def _refused(app: PetitionApp, refusal: Recorded, from_form: bool, consultation: str):
    status = REFUSAL_STATUS[refusal.kind]
    if from_form:
        page = html.message_page(
            app.site, "意见未提交", refusal.message, _page_of(app, consultation), "返回征求意见页面"
        )
        return Response.html(page, status)
    raise HttpError(status, [("consultation", refusal.message)])


def _receipt(app: PetitionApp, answer: dict, from_form: bool, consultation: str) -> Response:
    if from_form:
        panel = html.comment_receipt(answer, _page_of(app, consultation))
        return Response.html(html.document(app.site, "意见已收到", panel), 201)
    return Response.json(answer, 201)


def comment_count(app: PetitionApp, request: Request, consultation: str) -> Response:
    """How many comments a known consultation has received: a number, never their content."""
    window = app.settings.consultations.get(consultation)
    if window is None:
        raise HttpError(404, [("consultation", "没有这个意见征集，或它不接收网上意见")])
    received = comment_store.count_of(app.store, consultation)
    return Response.json(
        {"consultation": consultation, "received": received, "state": window.state(app.desk.now())}
    )
