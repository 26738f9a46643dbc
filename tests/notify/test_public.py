"""The 订阅提醒 endpoints over real HTTP: double opt-in, manage, one-click unsubscribe, refusals."""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

import pytest

from generator.notify.compose import public_app, render
from generator.notify.outbox import Outbox
from generator.notify.subscriptions import ACTIVE, LEFT, PENDING
from tests.petitions.conftest import ORIGIN, Client, make_settings, serve_with_waitress

from .conftest import SECRET  # noqa: F401 - the key the settings use

SITE_EXTRA = """\
topics:
  digital: 数字化转型
industries:
  textile: 纺织服装
"""


@pytest.fixture
def served(site_path, database_url, clock):
    site_path.write_text(site_path.read_text(encoding="utf-8") + SITE_EXTRA, encoding="utf-8")
    from generator.petitions.config import load_site

    app = public_app(make_settings(load_site(site_path), database_url), clock=clock)
    with serve_with_waitress(app) as base:
        client = Client(base)
        client.app = app
        yield client
    app.store.close()


def _form(client, path, pairs, origin=ORIGIN, **headers):
    all_headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "text/html",
        **headers,
    }
    if origin:
        all_headers["Origin"] = origin
    return client.request("POST", path, urlencode(pairs).encode(), all_headers)


def _mails(app) -> list:
    outbox = Outbox(app.store, app.outbox.keys)
    claimed = outbox.claim(10**12, 100, 60)
    outbox.settle([(c, None) for c in claimed], 10**12)
    return [(c.message, render(c.message)) for c in claimed]


def _link(text: str, name: str) -> str:
    url = re.search(rf"https?://\S+/subscriptions/{name}\?\S+", text).group(0)
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _status(app, subscriber_id):
    with app.store.tx() as conn:
        return app.store.query(
            conn, "SELECT status FROM subscribers WHERE id = ?", (subscriber_id,)
        )[0][0]


def test_subscribe_confirm_manage_unsubscribe(served):
    pairs = [
        ("email", "Wang@Example.com"),
        ("collections", "funds"),
        ("topics", "digital"),
        ("deadlines", "true"),
        ("website", ""),
    ]
    answer = _form(served, "/api/subscriptions", pairs)
    assert answer.status == 202 and "请查收确认邮件" in answer.text
    ((message, mail),) = _mails(served.app)
    assert message.recipient == "Wang@Example.com"
    assert mail.subject.startswith("请确认订阅")
    confirm = _link(mail.text, "confirm")
    query = dict(p.split("=") for p in urlsplit(confirm).query.split("&"))
    assert _status(served.app, query["s"]) == PENDING
    page = served.request("GET", confirm)  # a mail scanner opening the link changes nothing
    assert (
        page.status == 200
        and "确认订阅" in page.text
        and _status(served.app, query["s"]) == PENDING
    )
    done = _form(served, "/api/subscriptions/confirm", [("s", query["s"]), ("t", query["t"])])
    assert done.status == 200 and "订阅已生效" in done.text
    assert _status(served.app, query["s"]) == ACTIVE
    manage = served.request("GET", f"/api/subscriptions/manage?s={query['s']}&t={query['t']}")
    assert (
        'value="funds" checked' in manage.text
        and 'id="m-deadlines" name="deadlines" value="true" checked' in manage.text
    )
    saved = _form(
        served,
        "/api/subscriptions/manage",
        [("s", query["s"]), ("t", query["t"]), ("industries", "textile")],
    )
    assert saved.status == 200
    # Subscribing again while active changes nothing and mails the manage link instead.
    _form(
        served, "/api/subscriptions", [("email", "wang@example.com"), ("collections", "policies")]
    )
    ((_message, again),) = _mails(served.app)
    assert (
        again.subject.startswith("您已订阅")
        and dict(again.headers)["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    one_click = dict(again.headers)["List-Unsubscribe"].strip("<>")
    parts = urlsplit(one_click)
    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the URL, without an Origin.
    left = _form(
        served, f"{parts.path}?{parts.query}", [("List-Unsubscribe", "One-Click")], origin=None
    )
    assert left.status == 200 and left.json() == {"status": LEFT}
    with served.app.store.tx() as conn:  # the address is gone with the subscription
        assert served.app.store.query(conn, "SELECT COUNT(*) FROM subscribers")[0][0] == 0


def test_json_subscribe_and_errors(served):
    ok = served.post_json("/api/subscriptions", {"email": "a@example.com", "open_funds": True})
    assert ok.status == 202 and ok.json()["status"] == "pending"
    bad = served.post_json(
        "/api/subscriptions", {"email": "not-an-address", "departments": ["nope"]}
    )
    assert bad.status == 422 and bad.error_fields() == {"email", "departments"}
    nothing = served.post_json("/api/subscriptions", {"email": "b@example.com"})
    assert nothing.status == 422 and nothing.error_fields() == {"choices"}


def test_honeypot_and_foreign_origin_store_nothing(served):
    trap = _form(
        served,
        "/api/subscriptions",
        [("email", "bot@example.com"), ("collections", "funds"), ("website", "x")],
    )
    assert trap.status == 202
    foreign = _form(
        served,
        "/api/subscriptions",
        [("email", "c@example.com"), ("collections", "funds")],
        origin="https://evil.example",
    )
    assert foreign.status == 403
    with served.app.store.tx() as conn:
        assert served.app.store.query(conn, "SELECT COUNT(*) FROM subscribers")[0][0] == 0


def test_a_wrong_token_is_refused_alike(served):
    served.post_json("/api/subscriptions", {"email": "a@example.com", "open_funds": True})
    ((_message, mail),) = _mails(served.app)
    confirm = _link(mail.text, "confirm")
    wrong = served.request("GET", confirm[:-3] + "xyz")
    unknown = served.request("GET", "/api/subscriptions/confirm?s=0000&t=abc")
    assert wrong.status == unknown.status == 404
    assert served.request("GET", "/api/subscriptions").status == 405


def test_one_address_gets_few_confirmation_mails(served):
    for _ in range(5):
        assert served.post_json(
            "/api/subscriptions", {"email": "a@example.com", "open_funds": True}
        ).status in (202, 429)
    assert len(_mails(served.app)) <= 3


def test_petition_endpoints_still_answer(served):
    assert served.request("GET", "/api/health").json()["status"] == "ok"


def test_every_choice_the_signup_form_offers_is_accepted(served):
    from generator.features.feeds.signup import signup_form

    form = str(signup_form(served.app.site))
    pairs = re.findall(r'type="checkbox" id="[^"]*" name="([^"]+)" value="([^"]+)"', form)
    assert ("collections", "consultations") in pairs and ("topics", "digital") in pairs
    answer = served.post_json(
        "/api/subscriptions",
        {
            "email": "all@example.com",
            **{name: [v for n, v in pairs if n == name] for name, _ in pairs},
        },
    )
    assert answer.status == 202, answer.text


def test_a_link_with_too_many_fields_is_refused_like_a_wrong_one(served):
    path = "/api/subscriptions/manage?" + "&".join(f"f{i}=1" for i in range(50))
    shown = served.request("GET", path)
    posted = _form(served, path, [("collections", "funds")])
    for answer in (shown, posted):
        assert answer.status == 404 and "链接无效" in answer.text


def test_pages_and_notices_link_under_a_base_url_without_a_final_slash(
    site_path, database_url, clock
):
    from generator.notify.notices import lookup_url
    from generator.petitions.config import load_site

    text = site_path.read_text(encoding="utf-8")
    site_path.write_text(text.replace(f"base_url: {ORIGIN}/", f"base_url: {ORIGIN}/qq"), "utf-8")
    site = load_site(site_path)
    assert lookup_url(site) == f"{ORIGIN}/qq/petitions/lookup/"
    app = public_app(make_settings(site, database_url), clock=clock)
    with serve_with_waitress(app) as base:
        pending = _form(
            Client(base), "/api/subscriptions", [("email", "a@example.com"), ("deadlines", "true")]
        )
    app.store.close()
    assert pending.status == 202 and f'href="{ORIGIN}/qq/subscribe/"' in pending.text


def test_a_form_that_is_not_utf8_is_named_so(served):
    for body in (b"email=\xff\xfe&collections=funds", b"email=%FF%FE&collections=funds"):
        answer = served.request(
            "POST", "/api/subscriptions", body,
            {"Content-Type": "application/x-www-form-urlencoded", "Origin": ORIGIN, "Accept": "text/html"},
        )  # fmt: skip
        assert answer.status == 400 and "UTF-8" in answer.text
