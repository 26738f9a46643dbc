"""Setting up the second factor: a QR code and the secret as text, a code to confirm, then the
ten recovery codes shown once, and nothing more."""

from __future__ import annotations

import segno
from markupsafe import Markup

from generator.petitions.response import Response
from generator.staff import audit
from generator.staff.passwords import verify_password
from generator.staff.sessions import ENROL, SIGNED_IN
from generator.staff.signin import REFUSED
from generator.staff.totp import matching_step, new_recovery_codes, new_secret, provisioning_uri
from generator.workbench.context import Context
from generator.workbench.cookies import SESSION_COOKIE, clear_cookie, set_cookie
from generator.workbench.routes import route

ISSUER = "诉求办理工作台"


def _pending_secret(ctx: Context) -> str:
    """The secret being set up in this session (the same one on every reload of the page)."""
    assert ctx.session is not None
    context = f"staff-enrol:{ctx.session.token_hash}"
    if ctx.session.pending:
        return ctx.desk.keys.open(ctx.session.pending, context)["secret"]
    secret = new_secret()
    ctx.sessions.set_pending(ctx.session, ctx.desk.keys.seal({"secret": secret}, context))
    return secret


def _replacing(ctx: Context) -> bool:
    """A signed-in account replacing its device: the password is asked again, so a session
    left open on someone's desk cannot take over the second factor."""
    assert ctx.account is not None and ctx.session is not None
    return ctx.session.stage == SIGNED_IN and ctx.account.enrolled


def _page(ctx: Context, status: int = 200, error: str = "") -> Response:
    assert ctx.account is not None
    secret = _pending_secret(ctx)
    uri = provisioning_uri(secret, ctx.account.login, ISSUER)
    svg = segno.make(uri, error="m").svg_inline(
        scale=4, border=4, light="#fff", title="两步验证二维码"
    )
    spaced = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return ctx.render(
        "enrol.html.j2", status, error=error, qr_svg=Markup(svg), secret_text=spaced,
        ask_password=_replacing(ctx),
    )  # fmt: skip


@route("GET", "/enrol", stages=(ENROL, SIGNED_IN))
def enrol_form(ctx: Context) -> Response:
    return _page(ctx)


@route("POST", "/enrol", stages=(ENROL, SIGNED_IN))
def enrol(ctx: Context) -> Response:
    assert ctx.account is not None and ctx.session is not None and ctx.token is not None
    secret = _pending_secret(ctx)
    if _replacing(ctx) and not verify_password(
        ctx.account.password_hash, ctx.form.get("password", "")
    ):
        # Counted as at sign-in, so an open session cannot be used to guess the password.
        ctx.signin.fail(ctx.account, "password", ctx.client, ctx.now)
        fresh = ctx.staff.get(ctx.account.login)
        if fresh is None or fresh.locked(ctx.now.timestamp()):
            ctx.sessions.end(ctx.token)
            ctx.headers.append(clear_cookie(SESSION_COOKIE, f"{ctx.prefix}/"))
            ctx.account = ctx.session = None
            return ctx.render("message.html.j2", 401, title="账号已锁定", message=REFUSED)
        return _page(ctx, 422, "密码不正确。更换两步验证设备需要再次输入登录密码。")
    step = matching_step(secret, ctx.form.get("code", ""), ctx.now.timestamp(), 0)
    if step is None:
        return _page(ctx, 422, "验证码不正确。请确认手机时间准确，输入应用中当前显示的 6 位数字。")
    codes = new_recovery_codes()
    account = ctx.account
    with ctx.store.tx() as conn:
        account.totp_secret = ctx.staff.seal_totp(account.login, secret)
        account.totp_last_step = step
        account.recovery_codes = tuple(ctx.staff.recovery_hash(c) for c in codes)
        account.failures, account.locked_until = 0, None
        ctx.staff.write(conn, account)
        audit.append(conn, account.login, "totp-enrolled", None, {"client": ctx.client}, ctx.now)
        if ctx.session.stage == ENROL:
            audit.append(conn, account.login, "signed-in", None, {"client": ctx.client}, ctx.now)
    ctx.sessions.set_pending(ctx.session, None)
    if ctx.session.stage == ENROL:
        token, session = ctx.sessions.advance(
            ctx.token, ctx.session, SIGNED_IN, ctx.now.timestamp()
        )
        ctx.session, ctx.token = session, token
        ctx.headers.append(set_cookie(SESSION_COOKIE, token, f"{ctx.prefix}/"))
    return ctx.render("recovery_codes.html.j2", codes=codes, next="/")
