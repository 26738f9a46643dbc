"""The audit log page for discipline (纪检): contact views and sign-in failures, newest first,
from the staff audit table; and nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.petitions.response import Response
from generator.staff import audit
from generator.staff.accounts import DISCIPLINE
from generator.workbench.contact_audit import AUDIT_ACTION
from generator.workbench.routes import route

if TYPE_CHECKING:
    from generator.workbench.context import Context

SHOWN = {
    AUDIT_ACTION: "查看联系方式",
    "sign-in-failed": "登录失败",
    "account-locked": "账号锁定",
}
STEPS = {"password": "密码", "code": "验证码"}
LIMIT = 200


@route("GET", "/audit", roles={DISCIPLINE})
def audit_log(ctx: Context) -> Response:
    chosen = ctx.query.get("action", "")
    actions = [chosen] if chosen in SHOWN else list(SHOWN)
    with ctx.store.tx() as conn:
        entries = [e for a in actions for e in audit.list_entries(conn, action=a, limit=LIMIT)]
    entries.sort(key=lambda e: e.at, reverse=True)
    return ctx.render(
        "audit.html.j2",
        entries=entries[:LIMIT],
        names=SHOWN,
        steps=STEPS,
        chosen=chosen,
        limit=LIMIT,
    )
