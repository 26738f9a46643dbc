"""The sign-in pages (password, then second-factor code) and signing out, and nothing more."""

from __future__ import annotations

from generator.petitions.response import Response
from generator.staff import audit
from generator.staff.sessions import ENROL, SECOND_FACTOR, SIGNED_IN, STAGES
from generator.staff.signin import CODE_REFUSED, REFUSED
from generator.workbench.context import Context, safe_next
from generator.workbench.cookies import (
    SESSION_COOKIE,
    SIGNIN_COOKIE,
    clear_cookie,
    read_cookies,
    set_cookie,
)
from generator.workbench.csrf import FIELD, new_signin_nonce, signin_token, signin_token_ok
from generator.workbench.routes import route


def _cookie_path(ctx: Context) -> str:
    return f"{ctx.prefix}/"


def _sign_in_page(ctx: Context, status: int = 200, error: str = "", login: str = "") -> Response:
    # Keep the nonce the browser has, so a second tab's sign-in form does not void the first's.
    nonce = read_cookies(ctx.request.header("Cookie")).get(SIGNIN_COOKIE) or ""
    if not 20 <= len(nonce) <= 100:
        nonce = new_signin_nonce()
        ctx.headers.append(set_cookie(SIGNIN_COOKIE, nonce, _cookie_path(ctx)))
    next_path = safe_next(ctx.form.get("next") or ctx.query.get("next")) or ""
    return ctx.render(
        "sign_in.html.j2", status, error=error, login=login, next=next_path,
        signin_csrf=signin_token(ctx.app.desk.keys, nonce),
    )  # fmt: skip


def _start(ctx: Context, login: str, stage: str) -> None:
    """A new session at `stage` (rotating out any token the browser held), cookie set."""
    old = read_cookies(ctx.request.header("Cookie")).get(SESSION_COOKIE)
    token, session = ctx.sessions.start(login, stage, ctx.now.timestamp(), replaces=old)
    ctx.session, ctx.token = session, token
    ctx.headers.append(set_cookie(SESSION_COOKIE, token, _cookie_path(ctx)))


@route("GET", "/sign-in", public=True)
def sign_in_form(ctx: Context) -> Response:
    return _sign_in_page(ctx)


@route("POST", "/sign-in", public=True)
def sign_in(ctx: Context) -> Response:
    nonce = read_cookies(ctx.request.header("Cookie")).get(SIGNIN_COOKIE)
    if not signin_token_ok(ctx.app.desk.keys, nonce, ctx.form.get(FIELD)):
        return ctx.render("message.html.j2", 403, title="表单已失效",
                          message="登录表单已过期或不是从本工作台提交的。请重新打开登录页再试。")  # fmt: skip
    login = ctx.form.get("login", "").strip().lower()
    attempt = ctx.signin.password(login, ctx.form.get("password", ""), ctx.client, ctx.now)
    if attempt.retry_after is not None:
        ctx.headers.append(("Retry-After", str(attempt.retry_after)))
        message = f"登录尝试过于频繁，请 {attempt.retry_after} 秒后再试。"
        return _sign_in_page(ctx, 429, message, login)
    account = attempt.account
    if account is None:
        return _sign_in_page(ctx, 401, REFUSED, login)
    next_path = safe_next(ctx.form.get("next")) or "/"
    if not account.needs_second_factor:
        _start(ctx, account.login, SIGNED_IN)
        ctx.signin.signed_in(account, ctx.client, ctx.now)
        return ctx.redirect(next_path)
    if not account.enrolled:
        _start(ctx, account.login, ENROL)
        return ctx.redirect("/enrol")
    _start(ctx, account.login, SECOND_FACTOR)
    return ctx.redirect("/sign-in/code", **({"next": next_path} if next_path != "/" else {}))


def _code_page(ctx: Context, status: int = 200, error: str = "") -> Response:
    next_path = safe_next(ctx.form.get("next") or ctx.query.get("next")) or ""
    return ctx.render("sign_in_code.html.j2", status, error=error, next=next_path)


@route("GET", "/sign-in/code", stages=(SECOND_FACTOR,))
def code_form(ctx: Context) -> Response:
    return _code_page(ctx)


@route("POST", "/sign-in/code", stages=(SECOND_FACTOR,))
def code(ctx: Context) -> Response:
    assert ctx.session is not None and ctx.token is not None
    attempt = ctx.signin.second_factor(
        ctx.session.login, ctx.form.get("code", ""), ctx.client, ctx.now
    )
    if attempt.retry_after is not None:
        ctx.headers.append(("Retry-After", str(attempt.retry_after)))
        return _code_page(ctx, 429, f"尝试过于频繁，请 {attempt.retry_after} 秒后再试。")
    if attempt.account is None:
        fresh = ctx.staff.get(ctx.session.login)
        if fresh is None or fresh.disabled or fresh.locked(ctx.now.timestamp()):
            ctx.sessions.end(ctx.token)
            ctx.headers.append(clear_cookie(SESSION_COOKIE, _cookie_path(ctx)))
            ctx.account = ctx.session = None
            return _sign_in_page(ctx, 401, REFUSED)
        return _code_page(ctx, 401, CODE_REFUSED)
    token, session = ctx.sessions.advance(ctx.token, ctx.session, SIGNED_IN, ctx.now.timestamp())
    ctx.headers.append(set_cookie(SESSION_COOKIE, token, _cookie_path(ctx)))
    return ctx.redirect(safe_next(ctx.form.get("next")) or "/")


@route("POST", "/sign-out", stages=STAGES)
def sign_out(ctx: Context) -> Response:
    assert ctx.session is not None and ctx.token is not None
    with ctx.store.tx() as conn:  # the session ends and its audit entry is written together
        ctx.sessions.end(ctx.token, conn)
        audit.append(conn, ctx.session.login, "signed-out", None, {"client": ctx.client}, ctx.now)
    ctx.headers.append(clear_cookie(SESSION_COOKIE, _cookie_path(ctx)))
    return ctx.redirect("/sign-in")
