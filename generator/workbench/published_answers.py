"""The 答复选登 page of one petition: mark its reply publishable with a public wording, or withdraw it, and nothing more.

Who may: whoever may see the petition (`petition_page.load_visible`, that is `access.can_see`:
the handlers of its department, supervisors, discipline for 投诉举报). The rules (consent, replied or closed, no personal
data left) are the service's (`petitions/publication.py`); a refusal re-shows the form with
what the staff member typed and the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.petitions.publication import (
    Wording,
    consented,
    current_wording,
    publish,
    unpublish,
)
from generator.petitions.states import FINISHED, STATUS_LABELS, Refused
from generator.workbench.access import PETITION_ROLES
from generator.workbench.petition_page import load_visible
from generator.workbench.routes import route

if TYPE_CHECKING:
    from generator.petitions.response import Response
    from generator.petitions.store import Record
    from generator.workbench.context import Context


def _page(ctx: Context, record: Record, status: int = 200, **values) -> Response:
    state = record.state
    wording = current_wording(record)
    site = ctx.site
    draft = (
        values.pop("draft", None)
        or wording
        or Wording(record.subject, state.reply or "", record.category, state.department or "")
    )
    return ctx.render(
        "published_answer.html.j2",
        status,
        record=record,
        status_label=STATUS_LABELS[state.status],
        consented=consented(record),
        answered=state.status in FINISHED,
        wording=wording,
        draft=draft,
        categories={code: c.name for code, c in site.petitions.categories.items()},
        departments={code: d.name for code, d in site.departments.items()},
        **{"saved": "", "error": "", "withdraw_error": "", **values},
    )


@route("GET", "/answers/{receipt}", roles=PETITION_ROLES)
def answer_page(ctx: Context) -> Response:
    record, refusal = load_visible(ctx)
    return refusal or _page(ctx, record, saved=ctx.query.get("saved", ""))


@route("POST", "/answers/{receipt}", roles=PETITION_ROLES)
def mark_publishable(ctx: Context) -> Response:
    record, refusal = load_visible(ctx)
    if refusal:
        return refusal
    form = ctx.form
    draft = Wording(
        form.get("subject", ""),
        form.get("answer", ""),
        form.get("category", ""),
        form.get("department", ""),
    )
    try:
        publish(ctx.desk, record.receipt, draft, ctx.account.login)
    except Refused as refused:
        return _page(ctx, record, 422, draft=draft, error=str(refused))
    return ctx.redirect(f"/answers/{record.receipt}", saved="published")


@route("POST", "/answers/{receipt}/withdraw", roles=PETITION_ROLES)
def withdraw(ctx: Context) -> Response:
    record, refusal = load_visible(ctx)
    if refusal:
        return refusal
    try:
        unpublish(ctx.desk, record.receipt, ctx.account.login, ctx.form.get("reason", ""))
    except Refused as refused:
        return _page(ctx, record, 422, withdraw_error=str(refused))
    return ctx.redirect(f"/answers/{record.receipt}", saved="withdrawn")
