"""Signing in through the workbench's pages: password then code, enrolment and recovery codes,
rotation, expiry, lockout, throttling, replay, cookies and signing out (SQLite and PostgreSQL)."""

from __future__ import annotations

import re

import pyotp

from generator.staff import audit
from generator.staff.signin import REFUSED
from generator.staff.store import LOCK_AFTER_FAILURES
from tests.workbench.conftest import PASSWORD, StaffClient, sign_in, totp_code


def _password(client: StaffClient, login: str, password: str):
    page = client.get("/staff/sign-in")
    fields = {"login": login, "password": password, "csrf_token": page.hidden("csrf_token")}
    return client.post("/staff/sign-in", fields)


def _code(client: StaffClient, code: str):
    client.csrf = client.get("/staff/sign-in/code").hidden("csrf_token")
    return client.post("/staff/sign-in/code", {"code": code})


def _actions(app, login: str | None = None) -> list[str]:
    with app.store.tx() as conn:
        return [e.action for e in reversed(audit.list_entries(conn, actor=login))]


def _error(answer) -> str:
    found = re.search(r'<p class="error" role="alert">(.*?)</p>', answer.text)
    return found.group(1) if found else ""


def test_password_then_code_reaches_home_and_is_recorded(staff_app, make_account, clock):
    user = make_account("lin", roles={"supervisor"})
    client = StaffClient(staff_app)
    assert sign_in(client, user, clock).location == "/staff/"
    home = client.get("/staff/")
    assert home.status == 200 and "测试lin" in home.text and "督办人" in home.text
    assert "退出" in home.text
    assert _actions(staff_app, "lin")[-1] == "signed-in"


def test_the_sign_in_page_returns_to_the_page_first_asked_for(staff_app, make_account, clock):
    user = make_account("lin")
    client = StaffClient(staff_app)
    first = client.get("/staff/enrol")
    assert first.location == "/staff/sign-in?next=%2Fenrol"
    page = client.get(first.location)
    assert page.hidden("next") == "/enrol"
    answer = client.post("/staff/sign-in", {"login": "lin", "password": PASSWORD,
                                            "csrf_token": page.hidden("csrf_token"), "next": "/enrol"})  # fmt: skip
    assert answer.location == "/staff/sign-in/code?next=%2Fenrol"
    form = client.get(answer.location)
    client.csrf = form.hidden("csrf_token")
    done = client.post("/staff/sign-in/code", {"code": totp_code(user, staff_app, clock),
                                               "next": form.hidden("next")})  # fmt: skip
    assert done.location == "/staff/enrol"
    for hostile in ("//evil.example.com/", "https://evil.example.com/", "/\\evil.example.com"):
        assert client.get(f"/staff/sign-in?next={hostile}").hidden("next") == ""


def test_sign_in_form_needs_its_csrf_token(staff_app, make_account):
    make_account("lin")
    client = StaffClient(staff_app)
    client.get("/staff/sign-in")
    for token in ("", "forged", "令牌"):
        answer = client.post(
            "/staff/sign-in", {"login": "lin", "password": PASSWORD, "csrf_token": token}
        )
        assert answer.status == 403 and "表单已失效" in answer.text
    assert "sign-in-failed" not in _actions(staff_app)
    other = StaffClient(staff_app)  # a token from another browser's form, without its cookie
    token = other.get("/staff/sign-in").hidden("csrf_token")
    fresh = StaffClient(staff_app)
    answer = fresh.post(
        "/staff/sign-in", {"login": "lin", "password": PASSWORD, "csrf_token": token}
    )
    assert answer.status == 403


def test_refusals_do_not_tell_whether_the_account_exists(staff_app, make_account):
    make_account("lin")
    make_account("old", disabled=True)
    answers = [
        _password(StaffClient(staff_app, remote_addr=f"127.0.0.{i}"), login, password)
        for i, (login, password) in enumerate(
            (("lin", "wrong password!"), ("nobody", "wrong password!"), ("old", PASSWORD)), 2
        )
    ]
    assert {a.status for a in answers} == {401}
    assert {_error(a) for a in answers} == {REFUSED}
    assert all("qinqing_staff=" not in "".join(a.cookies_set()) for a in answers)


def test_session_rotates_at_each_step_and_sign_out_deletes_it(staff_app, make_account, clock):
    user = make_account("lin")
    client = StaffClient(staff_app)
    stale = StaffClient(staff_app)
    sign_in(stale, make_account("chen"), clock)
    client.cookies["qinqing_staff"] = stale.cookies["qinqing_staff"]  # a token planted beforehand
    planted = client.session_cookie
    _password(client, "lin", PASSWORD)
    after_password = client.session_cookie
    assert after_password != planted
    assert staff_app.sessions.load(planted, clock().timestamp()) is None
    _code(client, totp_code(user, staff_app, clock))
    signed_in = client.session_cookie
    assert signed_in not in (planted, after_password)
    assert staff_app.sessions.load(after_password, clock().timestamp()) is None
    home = client.get("/staff/")
    client.csrf = home.hidden("csrf_token")
    out = client.post("/staff/sign-out", {})
    assert out.location == "/staff/sign-in" and client.session_cookie is None
    assert staff_app.sessions.load(signed_in, clock().timestamp()) is None
    client.cookies["qinqing_staff"] = signed_in  # replaying the old cookie
    assert client.get("/staff/").location == "/staff/sign-in"
    assert _actions(staff_app, "lin")[-1] == "signed-out"


def test_the_cookie_attributes(staff_app, make_account, clock):
    user = make_account("lin")
    client = StaffClient(staff_app)
    answer = sign_in(client, user, clock)
    (cookie,) = [c for c in answer.cookies_set() if c.startswith("qinqing_staff=")]
    attributes = {part.strip() for part in cookie.split(";")[1:]}
    assert attributes == {"Path=/staff/", "HttpOnly", "Secure", "SameSite=Strict"}
    token = cookie.split(";")[0].split("=", 1)[1]
    assert len(token) >= 43  # 32 random bytes
    with staff_app.store.tx() as conn:
        stored = staff_app.store.query(conn, "SELECT token_hash FROM staff_sessions")
    assert [row[0] for row in stored] != [token] and token not in str(stored)


def test_idle_and_absolute_expiry(staff_app, make_account, clock):
    user = make_account("lin")
    idle = StaffClient(staff_app)
    sign_in(idle, user, clock)
    clock.advance(minutes=29)
    assert idle.get("/staff/").status == 200  # renews the idle timer
    clock.advance(minutes=29)
    assert idle.get("/staff/").status == 200
    clock.advance(minutes=31)
    assert idle.get("/staff/").location == "/staff/sign-in"

    busy = StaffClient(staff_app)
    sign_in(busy, user, clock)
    started, ended = clock(), None
    for _ in range(40):  # a page every 20 minutes: never idle, still ends after 12 hours
        clock.advance(minutes=20)
        if busy.get("/staff/").status != 200:
            ended = clock()
            break
    assert ended is not None and 12 * 3600 < (ended - started).total_seconds() <= 12 * 3600 + 1200
    assert busy.get("/staff/").location == "/staff/sign-in"


def test_ten_wrong_passwords_lock_the_account_and_are_recorded(staff_app, make_account, clock):
    make_account("lin")
    client = StaffClient(staff_app)
    for _ in range(10):
        clock.advance(seconds=13)  # under the per-account limit of 5 a minute
        assert _password(client, "lin", "not the password").status == 401
    clock.advance(seconds=13)
    locked = _password(client, "lin", PASSWORD)
    assert locked.status == 401 and _error(locked) == REFUSED
    assert staff_app.staff.get("lin").locked(clock().timestamp())
    actions = _actions(staff_app, "lin")
    assert actions.count("sign-in-failed") == 11 and actions.count("account-locked") == 1
    with staff_app.store.tx() as conn:
        (lock,) = audit.list_entries(conn, action="account-locked")
    assert lock.detail["until"]
    clock.advance(minutes=61)  # the lock lasts an hour
    assert _password(client, "lin", PASSWORD).status == 303


def test_an_admin_unlock_lifts_the_lock_at_once(staff_app, make_account, clock):
    make_account("lin")
    client = StaffClient(staff_app)
    for _ in range(10):
        clock.advance(seconds=13)
        _password(client, "lin", "not the password")
    clock.advance(seconds=13)
    assert _password(client, "lin", PASSWORD).status == 401
    staff_app.staff.update("lin", "shell:root", "account-enabled", clock(),
                           disabled=False, failures=0, locked_until=None)  # fmt: skip
    clock.advance(seconds=13)
    assert _password(client, "lin", PASSWORD).status == 303


def test_throttled_per_account_and_per_client(staff_app, make_account, clock):
    make_account("lin")
    for i in range(5):  # five clients, one account
        assert (
            _password(StaffClient(staff_app, remote_addr=f"127.0.1.{i}"), "lin", "x").status == 401
        )
    sixth = _password(StaffClient(staff_app, remote_addr="127.0.1.9"), "lin", PASSWORD)
    assert sixth.status == 429 and sixth.header("Retry-After") and "过于频繁" in sixth.text
    clock.advance(minutes=2)
    one = StaffClient(staff_app, remote_addr="127.0.2.1")
    for i in range(20):  # one client, many names
        clock.advance(seconds=1)
        assert _password(one, f"name{i}", "x").status == 401
    assert _password(one, "lin", PASSWORD).status == 429
    assert "sign-in-throttled" in _actions(staff_app)


def test_a_used_code_is_not_accepted_again(staff_app, make_account, clock):
    user = make_account("lin")
    client = StaffClient(staff_app)
    _password(client, "lin", PASSWORD)
    code = totp_code(user, staff_app, clock)
    assert _code(client, code).location == "/staff/"
    again = StaffClient(staff_app)
    _password(again, "lin", PASSWORD)
    replay = _code(again, code)
    assert replay.status == 401 and "已使用过" in replay.text
    previous = pyotp.TOTP(user.secret).at(clock().timestamp() - 30)  # older than the used one
    assert _code(again, previous).status == 401
    clock.advance(seconds=60)  # codes and passwords share the 5-a-minute limit
    assert _code(again, totp_code(user, staff_app, clock)).location == "/staff/"


def test_wrong_codes_count_towards_the_lock(staff_app, make_account, clock):
    make_account("lin")
    client = StaffClient(staff_app)
    _password(client, "lin", PASSWORD)
    for _ in range(9):
        clock.advance(seconds=13)
        assert _code(client, "000000").status == 401
    clock.advance(seconds=13)
    last = _code(client, "000000")
    assert last.status == 401 and _error(last) == REFUSED  # back on the sign-in page
    assert client.session_cookie is None
    assert staff_app.staff.get("lin").locked(clock().timestamp())


def test_enrolment_shows_qr_and_secret_then_recovery_codes_once(staff_app, make_account, clock):
    make_account("wang", roles={"admin"}, enrolled=False)
    client = StaffClient(staff_app)
    assert _password(client, "wang", PASSWORD).location == "/staff/enrol"
    assert client.get("/staff/").location == "/staff/enrol"  # nothing else until enrolled
    page = client.get("/staff/enrol")
    assert "<svg" in page.text and "<title>两步验证二维码</title>" in page.text
    secret = (
        re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page.text).group(1).replace(" ", "")
    )
    assert (
        client.get("/staff/enrol").text.count(" ".join(secret[i : i + 4] for i in range(0, 32, 4)))
        == 1
    )
    client.csrf = page.hidden("csrf_token")
    wrong = client.post("/staff/enrol", {"code": "123456"})
    assert wrong.status == 422 and "验证码不正确" in wrong.text
    done = client.post("/staff/enrol", {"code": pyotp.TOTP(secret).at(clock())})
    assert done.status == 200 and done.header("Cache-Control") == "no-store"
    codes = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", done.text)
    assert len(set(codes)) == 10
    assert client.get("/staff/").status == 200
    stored = staff_app.staff.get("wang")
    assert stored.enrolled and not set(codes) & set(stored.recovery_codes)  # hashed
    assert secret not in (stored.totp_secret or "")  # sealed
    assert "totp-enrolled" in _actions(staff_app, "wang")

    # A recovery code signs in once, then never again.
    for attempt, status in ((codes[3], 303), (codes[3].upper().replace("-", " "), 401)):
        other = StaffClient(staff_app)
        clock.advance(seconds=13)
        _password(other, "wang", PASSWORD)
        assert _code(other, attempt).status == status
    assert len(staff_app.staff.get("wang").recovery_codes) == 9
    assert "recovery-code-used" in _actions(staff_app, "wang")


def test_an_exempt_handler_signs_in_with_the_password(staff_app, make_account, clock):
    make_account("temp", roles={"handler"}, enrolled=False, totp_required=False)
    client = StaffClient(staff_app)
    answer = _password(client, "temp", PASSWORD)
    assert answer.location == "/staff/" and client.get("/staff/").status == 200
    with staff_app.store.tx() as conn:
        (entry,) = audit.list_entries(conn, action="signed-in")
    assert entry.detail["second_factor"] is False
    # The exemption never covers a supervisor, whatever the stored flag says.
    make_account("boss", roles={"supervisor"}, enrolled=False, totp_required=False)
    assert _password(StaffClient(staff_app), "boss", PASSWORD).location == "/staff/enrol"


def test_a_disabled_account_loses_its_sessions(staff_app, make_account, clock):
    user = make_account("lin")
    client = StaffClient(staff_app)
    sign_in(client, user, clock)
    staff_app.staff.update("lin", "shell:root", "account-disabled", clock(), disabled=True)
    assert client.get("/staff/").location == "/staff/sign-in"


def test_replacing_the_device_asks_for_the_password(staff_app, signed_in, clock):
    client = signed_in(roles={"supervisor"})
    page = client.get("/staff/enrol")
    assert 'name="password"' in page.text
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page.text).group(1)
    code = pyotp.TOTP(secret.replace(" ", "")).at(clock())
    refused = client.post("/staff/enrol", {"code": code, "password": "not it"})
    assert refused.status == 422 and "密码不正确" in refused.text
    before = staff_app.staff.get("lin").totp_secret
    done = client.post("/staff/enrol", {"code": code, "password": PASSWORD})
    assert done.status == 200 and "两步验证已设置" in done.text
    assert staff_app.staff.get("lin").totp_secret != before


def test_guessing_the_password_on_the_device_page_locks_the_account(staff_app, signed_in):
    client = signed_in(roles={"supervisor"})
    for _ in range(LOCK_AFTER_FAILURES - 1):
        assert client.post("/staff/enrol", {"code": "000000", "password": "guess"}).status == 422
    locked = client.post("/staff/enrol", {"code": "000000", "password": "guess"})
    assert locked.status == 401 and REFUSED in locked.text
    assert client.get("/staff/").location == "/staff/sign-in"  # the session is over
    assert staff_app.staff.get("lin").locked_until is not None
    assert "account-locked" in _actions(staff_app, "lin")


def test_two_sign_in_tabs_keep_both_forms_valid(staff_app, make_account):
    make_account("lin")
    client = StaffClient(staff_app)
    first = client.get("/staff/sign-in").hidden("csrf_token")
    client.get("/staff/sign-in")  # another tab
    answer = client.post(
        "/staff/sign-in", {"login": "lin", "password": PASSWORD, "csrf_token": first}
    )
    assert answer.status == 303
