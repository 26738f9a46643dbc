"""The 通知发送 page: messages that could not be delivered, with their last error, and a retry.

For supervisors and admins; recipients are never shown (they are sealed in the outbox).
"""

from __future__ import annotations

from generator.notify.outbox import FAILED, STATUS_LABELS, Outbox
from generator.petitions.response import Response
from generator.staff.accounts import ADMIN, SUPERVISOR
from generator.workbench.context import Context
from generator.workbench.routes import route

TEMPLATE_LABELS = {
    "petition.received": "企业：已收到", "petition.accepted": "企业：已受理", "petition.replied": "企业：已答复",
    "petition.closed": "企业：已办结", "petition.extended": "企业：延期", "staff.new": "工作人员：新诉求",
    "staff.digest": "工作人员：待办摘要", "subscription.confirm": "订阅：确认", "subscription.manage": "订阅：管理链接",
    "subscription.digest": "订阅：更新提醒",
}  # fmt: skip
CHANNEL_LABELS = {"email": "邮件", "sms": "短信", "wecom": "企业微信", "dingtalk": "钉钉"}


def _outbox(ctx: Context) -> Outbox:
    return Outbox(ctx.store, ctx.desk.keys)


@route("GET", "/outbox", roles={SUPERVISOR, ADMIN})
def failed_messages(ctx: Context) -> Response:
    rows = [
        {
            "key": row.key, "channel": CHANNEL_LABELS.get(row.channel, row.channel),
            "template": TEMPLATE_LABELS.get(row.template, row.template), "attempts": row.attempts,
            "error": row.last_error,
        }
        for row in _outbox(ctx).rows(FAILED)
    ]  # fmt: skip
    counts = {STATUS_LABELS[s]: n for s, n in sorted(_outbox(ctx).counts().items())}
    done = ctx.query.get("done", "")  # the retry's count, as the redirect wrote it
    done = done if done.isdigit() and len(done) < 6 else ""
    return ctx.render("outbox.html.j2", rows=rows, counts=counts, done=done)


@route("POST", "/outbox/retry", roles={SUPERVISOR, ADMIN})
def retry_messages(ctx: Context) -> Response:
    key = (ctx.form.get("key") or "").strip()
    keys = None if key == "all" else [key[:200]]
    done = _outbox(ctx).retry_failed(keys, ctx.now.timestamp())
    return ctx.redirect("/outbox", done=str(len(done)))
