"""The workbench pages of consultations (意见征集): the list, one consultation's comments with
a decision on each, the counts and draft 采纳情况, and the CSV export, and nothing more.

Handlers see the consultations of their own departments; supervisors see every one. Each
decision records the account's login and is written to the staff audit log in the same
transaction; the CSV export (with contacts, personal data) is audited too.
"""

from __future__ import annotations

from generator import csvsafe
from generator.petitions import comment_store
from generator.petitions.comment_feedback import feedback_text, feedback_yaml
from generator.petitions.comment_store import DECISIONS
from generator.petitions.comments import EXPORT_HEADERS, CommentDesk
from generator.petitions.response import Response
from generator.petitions.written import length_problem, text_problem
from generator.staff import audit
from generator.staff.accounts import HANDLER, SUPERVISOR
from generator.workbench.access import sees_department
from generator.workbench.context import Context
from generator.workbench.routes import route

STAFF = {HANDLER, SUPERVISOR}
REASON_MAX = 500


def _visible(ctx: Context) -> list:
    account = ctx.account
    assert account is not None
    windows = ctx.app.settings.consultations.values()
    mine = [w for w in windows if sees_department(account, w.department)]
    return sorted(mine, key=lambda w: (w.opens, w.id), reverse=True)


def _window(ctx: Context):
    """The consultation named in the path, if this account may see it."""
    wanted = ctx.params.get("consultation", "")
    return next((w for w in _visible(ctx) if w.id == wanted), None)


@route("GET", "/consultations", roles=STAFF)
def consultation_list(ctx: Context) -> Response:
    rows = []
    for window in _visible(ctx):
        counts = comment_store.tally(comment_store.comments_of(ctx.store, window.id))
        rows.append({"window": window, "state": window.state(ctx.now), "counts": counts})
    return ctx.render("consultations.html.j2", rows=rows)


def _page(ctx: Context, window, status: int = 200, errors: dict | None = None) -> Response:
    comments = comment_store.comments_of(ctx.store, window.id)
    return ctx.render(
        "consultation.html.j2",
        status,
        window=window,
        state=window.state(ctx.now),
        comments=comments,
        counts=comment_store.tally(comments),
        decisions=DECISIONS,
        draft_text=feedback_text(comments),
        draft_yaml=feedback_yaml(comments, ctx.now.date()),
        errors=errors or {},
    )


@route("GET", "/consultations/{consultation}", roles=STAFF)
def consultation_page(ctx: Context) -> Response:
    window = _window(ctx)
    if window is None:
        return ctx.not_found("没有这项意见征集，或不属于您所在的部门。")
    return _page(ctx, window)


@route("POST", "/consultations/{consultation}/comments/{number}", roles=STAFF)
def decide(ctx: Context) -> Response:
    window = _window(ctx)
    if window is None:
        return ctx.not_found("没有这项意见征集，或不属于您所在的部门。")
    number = ctx.params["number"]
    decision = ctx.form.get("decision", "")
    reason = ctx.form.get("reason", "").replace("\r\n", "\n").strip()
    message = None
    if decision not in DECISIONS:
        message = "请选择处理结果：采纳、部分采纳或未采纳"
    elif decision != "adopted" and not reason:
        message = "部分采纳或未采纳时，请写明理由"
    elif problem := length_problem(reason, "理由", REASON_MAX) or text_problem(
        reason, "理由", multiline=True
    ):
        message = problem
    with ctx.store.tx() as conn:
        comment = comment_store.get(ctx.store, conn, number)
        if comment is None or comment.consultation != window.id:
            return ctx.not_found("没有这条意见。")
        if message is None:
            login = ctx.account.login
            comment_store.decide(ctx.store, conn, number, decision, reason, login, ctx.now)
            detail = {"consultation": window.id, "comment": number, "decision": decision}
            audit.append(conn, login, "comment-decided", None, detail, at=ctx.now)
    if message is not None:
        return _page(ctx, window, 422, {number: message})
    return ctx.redirect(f"/consultations/{window.id}")


@route("GET", "/consultations/{consultation}/comments.csv", roles=STAFF)
def export(ctx: Context) -> Response:
    window = _window(ctx)
    if window is None:
        return ctx.not_found("没有这项意见征集，或不属于您所在的部门。")
    desk = CommentDesk(ctx.app.settings, ctx.store, lambda: ctx.now)
    comments = comment_store.comments_of(ctx.store, window.id)
    text = csvsafe.excel_text([EXPORT_HEADERS, *desk.export_rows(comments)])
    with ctx.store.tx() as conn:
        detail = {"consultation": window.id, "count": len(comments)}
        audit.append(conn, ctx.account.login, "comments-exported", None, detail, at=ctx.now)
    disposition = f'attachment; filename="{window.id}-comments.csv"'
    body = text.encode("utf-8")
    return Response(
        200, body, "text/csv; charset=utf-8", [*ctx.headers, ("Content-Disposition", disposition)]
    )
