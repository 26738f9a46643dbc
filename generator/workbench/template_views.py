"""The reply-template pages (答复模板): list, add, edit, retire and bring back, and nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.petitions.response import Response
from generator.petitions.states import Refused
from generator.workbench.access import PETITION_ROLES
from generator.workbench.routes import route
from generator.workbench.templates_store import Templates

if TYPE_CHECKING:
    from generator.workbench.context import Context


def _page(ctx: Context, status: int = 200, error: str = "", done: str = "") -> Response:
    return ctx.render(
        "templates.html.j2", status, templates=Templates(ctx.store).all(include_retired=True),
        error=error, done=done, form=ctx.form,
    )  # fmt: skip


@route("GET", "/templates", roles=PETITION_ROLES)
def template_list(ctx: Context) -> Response:
    return _page(
        ctx, done={"added": "已添加模板", "saved": "已保存模板"}.get(ctx.query.get("done", ""), "")
    )


@route("POST", "/templates", roles=PETITION_ROLES)
def template_add(ctx: Context) -> Response:
    assert ctx.account is not None
    try:
        Templates(ctx.store).add(
            ctx.form.get("title", ""), ctx.form.get("body", ""), ctx.account.login, ctx.now
        )
    except Refused as err:
        return _page(ctx, 422, str(err))
    return ctx.redirect("/templates", done="added")


@route("GET", "/templates/{template_id}", roles=PETITION_ROLES)
def template_form(ctx: Context) -> Response:
    template = Templates(ctx.store).get(ctx.params["template_id"])
    if template is None:
        return ctx.not_found("没有这个答复模板。")
    return ctx.render("template_edit.html.j2", item=template, error="", form={})


@route("POST", "/templates/{template_id}", roles=PETITION_ROLES)
def template_save(ctx: Context) -> Response:
    assert ctx.account is not None
    templates = Templates(ctx.store)
    template = templates.get(ctx.params["template_id"])
    if template is None:
        return ctx.not_found("没有这个答复模板。")
    form = ctx.form
    try:
        if "retired" in form:
            templates.retire(template.id, form["retired"] == "1", ctx.account.login, ctx.now)
        else:
            templates.edit(
                template.id, form.get("title", ""), form.get("body", ""), ctx.account.login, ctx.now
            )
    except Refused as err:
        return ctx.render("template_edit.html.j2", 422, item=template, error=str(err), form=form)
    return ctx.redirect("/templates", done="saved")
