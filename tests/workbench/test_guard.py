"""Every workbench route, read from the route table (so routes added later are covered too):
no session -> the sign-in page; a POST without or with a wrong CSRF token -> 403 and nothing
written; a role the route does not admit -> 403; the security headers on every answer."""

from __future__ import annotations

import pytest

from generator.staff.accounts import ROLES
from generator.workbench.app import StaffApp
from generator.workbench.routes import TABLE
from tests.workbench.conftest import StaffClient

PROTECTED = [r for r in TABLE.routes if not r.public]
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _id(route) -> str:
    return f"{route.method} {route.pattern}"


def _try(client: StaffClient, route, fields: str = "") -> object:
    path = "/staff" + route.example_path("20261126-ABCDE")
    if route.method == "POST":
        return client.request("POST", path, fields.encode(), FORM)
    return client.request(route.method, path)


def _written(app: StaffApp) -> tuple[int, int, int]:
    """How many events, audit entries and petitions the database holds."""
    with app.store.tx() as conn:
        return tuple(
            app.store.query(conn, f"SELECT COUNT(*) FROM {table}")[0][0]
            for table in ("events", "staff_audit", "petitions")
        )


def _client_at_stage(app: StaffApp, user, stage: str, clock) -> StaffClient:
    """A client holding a live session of `user` at `stage` (as the sign-in pages make one)."""
    client = StaffClient(app)
    token, session = app.sessions.start(user.login, stage, clock().timestamp())
    client.cookies["qinqing_staff"], client.csrf = token, session.csrf
    return client


def test_the_table_has_the_sign_in_and_the_protected_pages():
    patterns = {(r.method, r.pattern) for r in TABLE.routes}
    assert {
        ("GET", "/sign-in"),
        ("POST", "/sign-in"),
        ("GET", "/"),
        ("POST", "/sign-out"),
    } <= patterns
    assert len(PROTECTED) >= 5


@pytest.mark.parametrize("route", PROTECTED, ids=_id)
def test_without_a_session_the_route_sends_to_sign_in(staff_app, route):
    before = _written(staff_app)
    answer = _try(StaffClient(staff_app), route, "csrf_token=x&note=y")
    assert answer.status == 303, answer.text
    assert answer.location.startswith("/staff/sign-in")
    assert _written(staff_app) == before


@pytest.mark.parametrize("route", PROTECTED, ids=_id)
def test_an_unknown_or_expired_cookie_is_no_session(staff_app, make_account, clock, route):
    user = make_account("lin", roles=set(ROLES))
    client = _client_at_stage(staff_app, user, route.stages[0], clock)
    clock.advance(minutes=31)
    assert _try(client, route, f"csrf_token={client.csrf}").location.startswith("/staff/sign-in")
    client.cookies["qinqing_staff"] = "forged-token"
    assert _try(client, route).location.startswith("/staff/sign-in")


@pytest.mark.parametrize("route", [r for r in PROTECTED if r.method == "POST"], ids=_id)
def test_a_post_without_or_with_a_wrong_csrf_token_is_refused(
    staff_app, make_account, clock, route
):
    user = make_account("lin", roles=set(ROLES), departments={"gxj", "swj"})
    client = _client_at_stage(staff_app, user, route.stages[0], clock)
    before = _written(staff_app)
    for fields in ("note=x", "csrf_token=&note=x", "csrf_token=wrong&note=x", "csrf_token=%E4%BB%A4",
                   f"csrf_token={client.csrf[:-1]}&note=x"):  # fmt: skip
        answer = _try(client, route, fields)
        assert answer.status == 403 and "表单已失效" in answer.text, (fields, answer.text)
    assert _written(staff_app) == before
    other = _client_at_stage(staff_app, user, route.stages[0], clock)  # another session's token
    assert _try(client, route, f"csrf_token={other.csrf}").status == 403
    assert _written(staff_app) == before


def test_a_role_the_route_does_not_admit_is_forbidden(staff_app, make_account, clock):
    checked = 0
    for index, route in enumerate(r for r in PROTECTED if r.roles is not None):
        others = set(ROLES) - route.roles
        if not others:
            continue
        user = make_account(f"user{index}", roles=others, departments={"gxj", "swj"})
        client = _client_at_stage(staff_app, user, route.stages[0], clock)
        before = _written(staff_app)
        answer = _try(client, route, f"csrf_token={client.csrf}")
        assert answer.status == 403 and "无权访问" in answer.text, _id(route)
        assert _written(staff_app) == before
        checked += 1
    assert checked == sum(1 for r in PROTECTED if r.roles is not None and set(ROLES) - r.roles)


def test_every_answer_carries_the_security_headers(staff_app, signed_in):
    client = signed_in(roles={"supervisor"})
    for path in ("/staff/", "/staff/sign-in", "/staff/no-such-page", "/staff/assets/staff.css"):
        answer = client.get(path)
        csp = answer.header("Content-Security-Policy")
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "unsafe-inline" not in csp
        assert answer.header("Cache-Control") == "no-store"
        assert answer.header("X-Frame-Options") == "DENY"
        assert answer.header("Referrer-Policy") == "no-referrer"
        assert answer.header("X-Content-Type-Options") == "nosniff"
    assert client.get("/staff/no-such-page").status == 404


def test_other_clients_than_the_allowed_networks_are_refused(site, store, database_url, clock):
    from generator.workbench.app import LOOPBACK
    from tests.petitions.conftest import make_settings

    app = StaffApp(
        make_settings(site, database_url, "off"), store, clock, allowed_networks=LOOPBACK
    )
    outside = StaffClient(app, remote_addr="10.20.30.40").get("/staff/sign-in")
    assert outside.status == 403 and "只接受本机或单位内网" in outside.text
    assert StaffClient(app, remote_addr="127.0.0.1").get("/staff/sign-in").status == 200
    assert StaffClient(app, remote_addr="::1").get("/staff/sign-in").status == 200


def test_bad_requests_get_a_chinese_page_never_a_traceback(staff_app, signed_in):
    client = signed_in(roles={"supervisor"})
    big = client.request("POST", "/staff/sign-out", b"x" * (70 * 1024), FORM)
    assert big.status == 413 and "请求内容过大" in big.text
    wrong_type = client.request(
        "POST", "/staff/sign-out", b"{}", {"Content-Type": "application/json"}
    )
    assert wrong_type.status == 415
    assert client.request("DELETE", "/staff/").status == 405
    broken = client.request("POST", "/staff/sign-out", b"csrf_token=%ff", FORM)
    assert broken.status == 400


def test_hostile_form_fields_never_answer_500(staff_app, make_account, clock):
    from urllib.parse import urlencode

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    user = make_account("lin", roles=set(ROLES), departments={"gxj", "swj"})
    posts = [r for r in TABLE.routes if r.method == "POST"]
    text = st.text(max_size=80)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(route=st.sampled_from(posts), fields=st.dictionaries(st.sampled_from(
        ["csrf_token", "login", "password", "code", "next", "note"]), text, max_size=5))  # fmt: skip
    def check(route, fields):
        client = _client_at_stage(staff_app, user, route.stages[0], clock)
        if fields.get("csrf_token") == "keep":
            fields["csrf_token"] = client.csrf
        body = urlencode(fields).encode()
        answer = client.request("POST", "/staff" + route.example_path(), body, FORM)
        assert answer.status < 500, answer.text

    check()
