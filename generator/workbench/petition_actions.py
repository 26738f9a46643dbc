"""The staff actions on one petition, one POST each: check the account may, append exactly one
event with the account as actor, then back to the page (or the page with the Chinese refusal);
and nothing more."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from generator.petitions.response import Response
from generator.petitions.states import Refused
from generator.workbench import access
from generator.workbench.access import PETITION_ROLES
from generator.workbench.petition_page import ACTION_NAMES, load_visible, render_petition
from generator.workbench.routes import route

if TYPE_CHECKING:
    from generator.workbench.context import Context

# form field -> service option, per action (the rest of the form is ignored)
FIELDS = {
    "accept": ("route", "note", "forwarded_to", "forwarded_on"),
    "transfer": ("department", "reason"),
    "assign": ("department", "assignee"),
    "reply": ("text",),
    "extend": ("days", "reason"),
    "close": ("note",),
    "hide": ("reason",),
    "note": ("text",),
    "view_contact": ("reason",),
    "merge": ("into",),
}


def _options(action: str, form: dict[str, str]) -> dict[str, object]:
    """The service's options from the form; a malformed value raises Refused (Chinese)."""
    options: dict[str, object] = {name: form.get(name, "") for name in FIELDS[action]}
    if action == "accept":
        if options["route"] not in ("local", "escalate", "decline"):
            raise Refused("请选择办理方式")
        when = str(options["forwarded_on"]).strip()
        try:
            options["forwarded_on"] = dt.date.fromisoformat(when) if when else None
        except ValueError:
            raise Refused("上报日期应写成 2026-11-27 这样的日期") from None
    if action == "extend":
        days = str(options["days"]).strip()
        if not days.isdigit() or len(days) > 3:
            raise Refused("延期天数应为 1 到 60 之间的整数")
        options["days"] = int(days)
    return options


def _check_assignee(ctx: Context, department: str, login: str) -> None:
    """An assignee is an enabled account of that department (or none at all)."""
    if not login:
        return
    found = ctx.staff.get(login.lower())
    if found is None or found.disabled or not access.sees_department(found, department):
        raise Refused(f"经办人“{login}”不是该机构的在岗工作人员账号")


@route("POST", "/petitions/{receipt}/{action}", roles=PETITION_ROLES)
def act(ctx: Context) -> Response:
    record, refusal = load_visible(ctx)
    if record is None:
        return refusal  # type: ignore[return-value]
    action = ctx.params["action"]
    account = ctx.account
    assert account is not None
    if action not in FIELDS:
        return ctx.not_found("没有这项操作。")
    if not access.can_do(account, action, record.category, record.state.department):
        return ctx.forbidden(f"您的账号不能对这件诉求执行“{ACTION_NAMES[action]}”。")
    try:
        options = _options(action, ctx.form)
        if action == "assign":
            _check_assignee(ctx, str(options["department"]), str(options["assignee"]).strip())
        changed = ctx.desk.act(record.receipt, action, account.login, **options)
    except Refused as err:
        return render_petition(ctx, record, 422, error=str(err))
    except KeyError:
        return ctx.not_found("没有这个受理编号的诉求。")
    if action == "view_contact":  # shown in this answer only: no address shows it again
        return render_petition(ctx, changed, done=action, contact=ctx.desk.contact(changed))
    if not access.can_see(account, changed.category, changed.state.department):
        return ctx.redirect("/", done=action)  # handed to a department the account is not in
    return ctx.redirect(f"/petitions/{changed.receipt}", done=action)
