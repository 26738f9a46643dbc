"""The petition API over real HTTP: field rules, hostile input, limits, idempotency, lookups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from generator.credit_code import check_character
from tests.petitions.conftest import ORIGIN, valid_petition

API = "/api/petitions"


@pytest.fixture
def api(serve_petitions):
    return serve_petitions(rate="off")


def test_submit_answers_receipt_and_code_then_lookup_shows_status(api, clock):
    answer = api.post_json(API, valid_petition())
    assert answer.status == 201, answer.text
    body = answer.json()
    assert body["receipt"].startswith("20261126-") and len(body["receipt"]) == 14
    assert len(body["code"]) == 8
    assert body["received_at"] == "2026-11-26T10:00:00+08:00"
    assert body["acknowledge_by"] == "2026-11-27"
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["access-control-allow-origin"] == ORIGIN
    found = api.post_json(
        f"{API}/lookup", {"receipt": body["receipt"], "code": body["code"].lower()}
    )
    assert found.status == 200
    view = found.json()
    assert view["status"] == "received" and view["due"] == "2026-11-27"
    assert [t["status"] for t in view["timeline"]] == ["received"]
    text = found.text
    assert "13905951234" not in text and "林小姐" not in text and "lin@example.com" not in text


RULES = [
    ({"category": "nope"}, "category"),
    ({"category": None}, "category"),
    ({"subject": ""}, "subject"),
    ({"subject": "字" * 101}, "subject"),
    ({"subject": "a\x07b"}, "subject"),
    ({"content": "字" * 5001}, "content"),
    ({"content": 42}, "content"),
    ({"enterprise": ""}, "enterprise"),
    ({"enterprise": ["x"]}, "enterprise"),
    ({"credit_code": "91350582MA2Y"}, "credit_code"),
    ({"credit_code": "91350582MA2YOOOOOI"}, "credit_code"),
    ({"contact_name": ""}, "contact_name"),
    ({"phone": "12345"}, "phone"),
    ({"phone": "0595-12"}, "phone"),
    ({"email": "not-an-email"}, "email"),
    ({"related": "Bad Id!"}, "related"),
    ({"anonymous": True}, "anonymous"),
    ({"anonymous": "yes"}, "anonymous"),
    ({"consent": False}, "consent"),
    ({"consent": "true"}, "consent"),
    ({"unexpected": "x"}, "unexpected"),
]


@pytest.mark.parametrize(
    ("change", "field"), RULES, ids=[f"{f}-{i}" for i, (_, f) in enumerate(RULES)]
)
def test_each_field_rule_answers_422_naming_the_field(api, store, change, field):
    answer = api.post_json(API, valid_petition(**change))
    assert answer.status == 422, answer.text
    assert field in answer.error_fields()
    assert all(e["message"] for e in answer.json()["errors"])
    assert store.count() == 0


def test_valid_variants_are_accepted(api):
    first17 = "91350582MA2YQ1234"
    for change in (
        {"credit_code": first17 + check_character(first17)},
        {"phone": "0595-85661234"},
        {"phone": "+86 139 0595 1234"},
        {"email": None, "related": "tech-upgrade-fund-2026"},
        {
            "category": "report",
            "anonymous": True,
            "enterprise": "",
            "contact_name": "",
            "phone": "",
        },
        {"subject": "字" * 100, "content": "字" * 5000},
    ):
        answer = api.post_json(API, valid_petition(**change))
        assert answer.status == 201, (change, answer.text)


@pytest.mark.parametrize(
    ("body", "headers", "status", "field"),
    [
        (b"{not json", {"Content-Type": "application/json"}, 400, "body"),
        (b'{"subject": "\xff\xfe"}', {"Content-Type": "application/json"}, 400, "body"),
        (b"[1, 2]", {"Content-Type": "application/json"}, 422, "body"),
        (b"null", {"Content-Type": "application/json"}, 422, "body"),
        (b"subject=x", {"Content-Type": "text/plain"}, 415, "body"),
        (b"subject=x", {}, 415, "body"),
        (b"--x\r\n", {"Content-Type": "multipart/form-data; boundary=x"}, 415, "body"),
        (
            b"subject=%FF%FE",
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
            400,
            "body",
        ),
        (b"[" * 100000, {"Content-Type": "application/json"}, 413, "body"),
        (b"[" * 60000, {"Content-Type": "application/json"}, 400, "body"),
    ],
)
def test_hostile_bodies_answer_4xx_with_field(api, store, body, headers, status, field):
    answer = api.request("POST", API, body, {"Origin": ORIGIN, **headers})
    assert answer.status == status, answer.text
    assert field in answer.error_fields()
    assert store.count() == 0


def test_missing_length_and_unknown_paths_and_methods(api):
    assert api.request("GET", API).status == 405
    assert api.request("GET", API).headers["allow"] == "POST, OPTIONS"
    assert api.request("GET", "/api/nothing").status == 404
    assert api.request("DELETE", "/api/stats").status == 405


def test_foreign_origin_and_cross_site_fetch_are_refused(api, store):
    assert api.post_json(API, valid_petition(), origin="https://evil.example.com").status == 403
    answer = api.post_json(API, valid_petition(), origin=None, **{"Sec-Fetch-Site": "cross-site"})
    assert answer.status == 403 and answer.error_fields() == {"origin"}
    assert api.post_json(API, valid_petition(), origin="null").status == 403
    assert store.count() == 0
    same = api.post_json(API, valid_petition(), origin=None, **{"Sec-Fetch-Site": "same-origin"})
    assert same.status == 201


def test_preflight_is_answered_for_the_site_origin_only(api):
    ok = api.request(
        "OPTIONS", API, headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
                                 "Access-Control-Request-Headers": "content-type, idempotency-key"},
    )  # fmt: skip
    assert ok.status == 204
    assert ok.headers["access-control-allow-origin"] == ORIGIN
    assert "idempotency-key" in ok.headers["access-control-allow-headers"].lower()
    bad = api.request("OPTIONS", API, headers={"Origin": "https://evil.example.com"})
    assert bad.status == 403 and "access-control-allow-origin" not in bad.headers


def test_honeypot_gets_an_ordinary_answer_and_nothing_is_stored(api, store):
    answer = api.post_json(API, valid_petition(website="http://spam.example"))
    assert answer.status == 201 and set(answer.json()) >= {"receipt", "code"}
    assert store.count() == 0
    receipt = answer.json()
    assert (
        api.post_json(
            f"{API}/lookup", {"receipt": receipt["receipt"], "code": receipt["code"]}
        ).status
        == 404
    )


def test_rate_limit_answers_429_with_retry_after(serve_petitions, clock):
    api = serve_petitions(rate="3/10min")
    for _ in range(3):
        assert api.post_json(API, valid_petition()).status == 201
    refused = api.post_json(API, valid_petition())
    assert refused.status == 429 and refused.error_fields() == {"rate"}
    assert 1 <= int(refused.headers["retry-after"]) <= 600
    clock.advance(minutes=11)
    assert api.post_json(API, valid_petition()).status == 201


def test_forwarded_for_is_trusted_only_from_configured_proxies(serve_petitions):
    api = serve_petitions(rate="1/day")
    # The test server's peer is 127.0.0.1, not a trusted proxy: the header is ignored.
    assert api.post_json(API, valid_petition(), **{"X-Forwarded-For": "203.0.113.1"}).status == 201
    assert api.post_json(API, valid_petition(), **{"X-Forwarded-For": "203.0.113.2"}).status == 429


def test_repeated_idempotency_key_returns_the_first_receipt(api, store):
    key = {"Idempotency-Key": "8c0d5b8e-5e0b-4c32-9d5f-2f6d1f0a9b11"}
    first = api.post_json(API, valid_petition(), **key)
    again = api.post_json(API, valid_petition(), **key)
    assert first.status == again.status == 201
    assert first.json() == again.json()
    assert again.headers.get("idempotent-replayed") == "true"
    other = api.post_json(API, valid_petition(subject="另一个问题"), **key)
    assert other.status == 422 and other.error_fields() == {"Idempotency-Key"}
    assert store.count() == 1


def test_wrong_code_and_unknown_receipt_are_indistinguishable(api):
    made = api.post_json(API, valid_petition()).json()
    wrong = api.post_json(f"{API}/lookup", {"receipt": made["receipt"], "code": "ZZZZZZZZ"})
    unknown = api.post_json(f"{API}/lookup", {"receipt": "20261126-ZZZZZ", "code": made["code"]})
    assert wrong.status == unknown.status == 404
    assert wrong.body == unknown.body
    assert {k: v for k, v in wrong.headers.items() if k not in ("date",)} == {
        k: v for k, v in unknown.headers.items() if k not in ("date",)
    }


def test_receipt_locks_after_ten_wrong_codes(api, clock):
    made = api.post_json(API, valid_petition()).json()
    for _ in range(10):
        assert (
            api.post_json(f"{API}/lookup", {"receipt": made["receipt"], "code": "WRONG123"}).status
            == 404
        )
    locked = api.post_json(f"{API}/lookup", {"receipt": made["receipt"], "code": made["code"]})
    assert locked.status == 429 and int(locked.headers["retry-after"]) > 0
    clock.advance(minutes=61)
    assert (
        api.post_json(f"{API}/lookup", {"receipt": made["receipt"], "code": made["code"]}).status
        == 200
    )


def test_lookup_rate_limit_per_client(serve_petitions):
    api = serve_petitions()
    for _ in range(10):
        assert (
            api.post_json(f"{API}/lookup", {"receipt": "20261126-AAAAA", "code": "BBBBBBBB"}).status
            == 404
        )
    assert (
        api.post_json(f"{API}/lookup", {"receipt": "20261126-AAAAA", "code": "BBBBBBBB"}).status
        == 429
    )


def test_lookup_field_errors(api):
    answer = api.post_json(f"{API}/lookup", {"receipt": 5})
    assert answer.status == 422 and answer.error_fields() == {"receipt", "code"}


def test_database_holds_no_contact_data_in_clear(serve_petitions, database_url, tmp_path):
    if not database_url.startswith("sqlite"):
        pytest.skip("file inspection is for SQLite; PostgreSQL rows are checked in test_store")
    api = serve_petitions(rate="off")
    assert api.post_json(API, valid_petition()).status == 201
    api.app.store.close()
    files = list(Path(database_url.removeprefix("sqlite:///")).parent.glob("petitions.db*"))
    raw = b"".join(f.read_bytes() for f in files)
    assert raw, files
    for secret in ("13905951234", "林小姐", "lin@example.com"):
        assert secret.encode() not in raw
    row = sqlite3.connect(files[0]).execute("SELECT contact FROM petitions").fetchone()[0]
    assert row.startswith("v2:08ef4405ca442f8b:")  # sealed naming the key (its fingerprint)


def test_form_post_answers_html_receipt_and_form_errors(api):
    fields = {k: ("true" if v is True else str(v)) for k, v in valid_petition().items()}
    ok = api.post_form(API, fields)
    assert ok.status == 201 and ok.headers["content-type"].startswith("text/html")
    assert "受理编号" in ok.text and "查询码" in ok.text
    bad = api.post_form(API, {**fields, "phone": "123", "consent": ""})
    assert bad.status == 422 and "text/html" in bad.headers["content-type"]
    assert 'id="f-error-summary"' in bad.text and "请填写有效的手机号码" in bad.text
    assert 'aria-invalid="true"' in bad.text and "厂房租金补贴申报进度" in bad.text


def test_rating_after_closing_and_reopening_once(api):
    made = api.post_json(API, valid_petition()).json()
    creds = {"receipt": made["receipt"], "code": made["code"]}
    early = api.post_json(f"{API}/rate", {**creds, "rating": "satisfied"})
    assert early.status == 409 and early.error_fields() == {"rating"}
    desk = api.app.desk
    for action, options in (
        ("accept", {"route": "local"}),
        ("reply", {"text": "已协调办理"}),
        ("close", {}),
    ):
        desk.act(made["receipt"], action, "staff", **options)
    rated = api.post_json(f"{API}/rate", {**creds, "rating": "dissatisfied", "comment": "太慢"})
    assert rated.status == 200 and rated.json()["status"] == "accepted"
    for action, options in (("reply", {"text": "再次答复"}), ("close", {})):
        desk.act(made["receipt"], action, "staff", **options)
    final = api.post_json(f"{API}/rate", {**creds, "rating": "dissatisfied"})
    assert final.status == 200 and final.json()["status"] == "closed"
    assert api.post_json(f"{API}/rate", {**creds, "rating": "fair"}).status == 409
    assert api.post_json(f"{API}/rate", {**creds, "rating": "great"}).error_fields() == {"rating"}


def test_stats_and_health(api):
    for category in ("consult", "request", "request"):
        assert api.post_json(API, valid_petition(category=category)).status == 201
    stats = api.request("GET", "/api/stats").json()
    assert stats["received"] == 3 and stats["finished"] == 0
    by_category = {c["category"]: c["received"] for c in stats["by_category"]}
    assert by_category["request"] == 2 and by_category["consult"] == 1
    assert stats["by_month"][0]["month"] == "2026-11"
    assert "13905951234" not in api.request("GET", "/api/stats").text
    health = api.request("GET", "/api/health")
    assert health.status == 200 and health.json()["schema_version"] >= 1
