"""One petition as staff see it: facts, the full timeline (internal steps marked), likely
duplicates, the forms of the actions the account may take, and the contact details only
after 查看联系方式 with a reason; and nothing more (the actions are in petition_actions.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.petitions.response import Response
from generator.petitions.states import OPEN, ROUTES
from generator.workbench import access
from generator.workbench.access import PETITION_ROLES
from generator.workbench.duplicates import likely_duplicates
from generator.workbench.labels import Labels
from generator.workbench.routes import route
from generator.workbench.templates_store import Templates

if TYPE_CHECKING:
    from generator.petitions.store import Record
    from generator.workbench.context import Context

ACTION_NAMES = {
    "accept": "受理", "transfer": "转办", "assign": "分派", "reply": "答复", "extend": "延期",
    "close": "办结", "hide": "屏蔽", "note": "备注", "view_contact": "查看联系方式",
    "merge": "合并办理",
}  # fmt: skip


def load_visible(ctx: Context) -> tuple[Record | None, Response | None]:
    """The petition the path names, or the 404 / 403 answer to give instead."""
    receipt = ctx.params["receipt"].strip().upper()
    record = ctx.store.get(receipt) if len(receipt) <= 40 else None
    if record is None:
        return None, ctx.not_found("没有这个受理编号的诉求。")
    assert ctx.account is not None
    if not access.can_see(ctx.account, record.category, record.state.department):
        return None, ctx.forbidden("这件诉求不属于您所在的部门，您无权查看。")
    return record, None


def render_petition(
    ctx: Context,
    record: Record,
    status: int = 200,
    error: str = "",
    done: str = "",
    contact: dict[str, Any] | None = None,
) -> Response:
    """The petition page; `contact` is given only in the answer to a recorded view."""
    account = ctx.account
    assert account is not None
    state = record.state
    labels = Labels(ctx.site)
    allowed = {
        action for action in ACTION_NAMES
        if access.can_do(account, action, record.category, state.department)
    }  # fmt: skip
    templates = Templates(ctx.store).all() if "reply" in allowed else []
    chosen = next((t for t in templates if t.id == ctx.query.get("template")), None)
    due = ctx.desk.due(record)
    return ctx.render(
        "petition.html.j2", status, record=record, state=state, labels=labels, allowed=allowed,
        due=due, late=ctx.desk.overdue(record, ctx.desk.now().date()), error=error,
        done=ACTION_NAMES.get(done, ""), contact=contact, routes=ROUTES, open=state.status in OPEN,
        templates=templates, chosen=chosen, reply_text=ctx.form.get("text", chosen.body if chosen else ""),
        duplicates=likely_duplicates(ctx.store, account, record.receipt) if state.status in OPEN else [],
        departments=labels.departments(), form=ctx.form,
    )  # fmt: skip


@route("GET", "/petitions/{receipt}", roles=PETITION_ROLES)
def petition(ctx: Context) -> Response:
    record, refusal = load_visible(ctx)
    if record is None:
        return refusal  # type: ignore[return-value]
    return render_petition(ctx, record, done=ctx.query.get("done", ""))
