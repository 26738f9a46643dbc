"""Comments on consultations over real HTTP: taken in the window, refused outside it, hostile
input answered plainly; on SQLite and PostgreSQL. And the staff listing of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from generator.petitions import comment_store
from generator.petitions.app import create_app
from generator.petitions.comment_windows import load_windows
from generator.petitions.config import load_settings
from tests.petitions.conftest import (
    ORIGIN,
    SECRET,
    SITE_YAML,
    Client,
    make_settings,
    serve_with_waitress,
)
from tests.petitions.test_openapi import validator
from tests.security.test_handler_input import call, form_bodies, json_bodies

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
OPEN = "open-draft"
ROUTE = f"/api/consultations/{OPEN}/comments"
CONSULTATIONS = {
    OPEN: ("2026-11-20", "2026-12-20"),
    "later-draft": ("2026-12-08", "2027-01-07"),
    "past-draft": ("2026-09-01", "2026-09-30"),
}


def consultation_file(opens: str, closes: str) -> str:
    return (
        "---\ntitle: 关于《测试办法（征求意见稿）》公开征求意见的公告\ndepartment: gxj\n"
        f"published: 2026-08-01\nopens: {opens}\ncloses: {closes}\n---\n正文\n"
    )


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """site.yaml with content/consultations beside it, as the handler finds them."""
    root = tmp_path / "content"
    (root / "consultations").mkdir(parents=True)
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    for name, (opens, closes) in CONSULTATIONS.items():
        (root / "consultations" / f"{name}.md").write_text(
            consultation_file(opens, closes), encoding="utf-8"
        )
    (root / "consultations" / "broken-draft.md").write_text(
        consultation_file("2026-11-20", "2026-11-01"), encoding="utf-8"
    )
    return root


def comment_handler(site, database_url, clock, content, rate: str = "off"):
    """The handler with the test consultations' windows."""
    configured = dataclasses.replace(
        make_settings(site, database_url, rate),
        consultations=load_windows(content / "consultations", site.zone),
    )
    return create_app(configured, clock=clock)


@pytest.fixture
def serve(site, database_url, clock, content):
    with ExitStack() as stack:

        def start(rate: str = "off") -> Client:
            app = comment_handler(site, database_url, clock, content, rate)
            stack.callback(app.store.close)
            client = Client(stack.enter_context(serve_with_waitress(app)))
            client.app = app
            return client

        yield start


def comment(**changes) -> dict:
    value = {
        "clause": "第三条",
        "content": "建议将补助比例由8%提高到10%，并明确设备投资额的认定口径。",
        "enterprise": "晋江市某某鞋业有限公司",
        "contact": "林小姐 13905951234",
        "consent": True,
    }
    value.update(changes)
    return value


def test_the_handler_reads_the_windows_beside_site_yaml(content):
    settings = load_settings(
        {
            "QINQING_CONFIG": str(content / "site.yaml"),
            "QINQING_SECRET_KEY": SECRET.decode(),
            "QINQING_DATABASE_URL": "sqlite:///unused.db",
        }
    )
    assert sorted(settings.consultations) == sorted(CONSULTATIONS)  # the broken one is left out
    window = settings.consultations[OPEN]
    assert window.opens == dt.datetime(2026, 11, 20, 0, 0, tzinfo=SHANGHAI)
    assert window.closes == dt.datetime(2026, 12, 20, 23, 59, 59, tzinfo=SHANGHAI)


def test_a_comment_in_the_window_is_recorded_with_its_contact_sealed(serve, clock):
    client = serve()
    answer = client.post_json(ROUTE, comment())
    assert answer.status == 201, answer.text
    receipt = answer.json()
    assert receipt["number"].startswith("YJ20261126-")
    assert receipt["consultation"] == OPEN and receipt["closes"] == "2026-12-20"
    assert "content" not in receipt and "contact" not in receipt
    validator("Comment").validate(comment())
    validator("CommentReceipt").validate(receipt)
    store = client.app.store
    [stored] = comment_store.comments_of(store, OPEN)
    assert stored.content == comment()["content"] and stored.clause == "第三条"
    assert stored.contact and "13905951234" not in stored.contact  # sealed, not clear text
    with store.tx() as conn:
        raw = store.query(conn, "SELECT contact FROM consultation_comments")
    assert "13905951234" not in str(raw)
    count = client.request("GET", f"{ROUTE}/count")
    assert count.status == 200
    assert count.json() == {"consultation": OPEN, "received": 1, "state": "open"}
    validator("CommentCount").validate(count.json())


def test_a_plain_form_post_gets_an_html_receipt(serve):
    client = serve()
    fields = {"content": "建议增加对中小企业的倾斜。", "clause": "", "website": ""}
    answer = client.post_form(ROUTE, fields)
    assert answer.status == 201, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    assert "意见已收到" in answer.text and "意见编号" in answer.text
    assert f"/consultations/{OPEN}/" in answer.text
    assert comment_store.count_of(client.app.store, OPEN) == 1


@pytest.mark.parametrize(
    ("consultation", "words"),
    [
        ("later-draft", "尚未开始（2026年12月8日 起接收意见）"),
        ("past-draft", "已于 2026年9月30日 截止"),
    ],
    ids=["before", "after"],
)
def test_outside_the_window_a_comment_is_refused_in_chinese(serve, consultation, words):
    client = serve()
    route = f"/api/consultations/{consultation}/comments"
    answer = client.post_json(route, comment())
    assert answer.status == 409
    assert words in answer.json()["errors"][0]["message"]
    page = client.post_form(route, {"content": "意见"})
    assert page.status == 409 and words in page.text and "返回征求意见页面" in page.text
    assert f'/consultations/{consultation}/">返回征求意见页面</a>' in page.text
    assert comment_store.count_of(client.app.store, consultation) == 0


def test_the_window_ends_at_the_last_second_of_the_closing_day(serve, clock):
    client = serve()
    clock.now = dt.datetime(2026, 12, 20, 23, 59, 58, tzinfo=SHANGHAI)
    assert client.post_json(ROUTE, comment()).status == 201
    clock.advance(seconds=2)
    assert client.post_json(ROUTE, comment()).status == 409
    clock.now = dt.datetime(2026, 11, 19, 23, 59, 59, tzinfo=SHANGHAI)
    assert client.post_json(ROUTE, comment()).status == 409


@pytest.mark.parametrize(
    "route",
    ["/api/consultations/broken-draft/comments", "/api/consultations/no-such-draft/comments"],
)
def test_an_unknown_or_invalid_consultation_is_a_404(serve, route):
    answer = serve().post_json(route, comment())
    assert answer.status == 404
    assert "没有这个意见征集" in answer.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "route",
    [
        "/api/consultations/../petitions/comments",
        "/api/consultations/UPPER/comments",
        "/api/consultations/a/comments",
        "/api/consultations/open-draft/comments/x",
        "/api/consultations/%2e%2e/comments",
    ],
)
def test_a_path_that_is_no_consultation_id_is_no_endpoint(serve, route):
    answer = serve().post_json(route, comment())
    assert answer.status == 404
    assert answer.json()["errors"][0]["field"] == "path"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"content": ""}, "content", "请填写意见建议"),
        ({"content": "长" * 5001}, "content", "不能超过 5000 个字"),
        ({"content": "正常\u202e反转"}, "content", "文字方向控制符"),
        ({"clause": "第\x00条"}, "clause", "控制字符"),
        ({"enterprise": 12}, "enterprise", "应为文本"),
        ({"consent": False}, "consent", "请阅读并勾选"),
        ({"consent": "yes"}, "consent", "应为 true 或 false"),
        ({"subject": "多余"}, "subject", "未知字段"),
    ],
    ids=["empty", "too-long", "bidi", "control", "not-text", "no-consent", "consent-text", "extra"],
)
def test_bad_fields_get_a_422_naming_the_field(serve, changes, field, words):
    client = serve()
    answer = client.post_json(ROUTE, comment(**changes))
    assert answer.status == 422, answer.text
    messages = {e["field"]: e["message"] for e in answer.json()["errors"]}
    assert words in messages[field]
    assert comment_store.count_of(client.app.store, OPEN) == 0


def test_a_bad_form_post_comes_back_as_the_form_with_its_errors(serve):
    answer = serve().post_form(ROUTE, {"content": "", "contact": "13905951234"})
    assert answer.status == 422
    assert "提交未成功" in answer.text and "请填写意见建议" in answer.text
    assert 'value="13905951234"' in answer.text  # nothing typed is lost


def test_the_honeypot_gets_a_receipt_and_stores_nothing(serve):
    client = serve()
    answer = client.post_json(ROUTE, comment(website="http://spam.example"))
    assert answer.status == 201 and answer.json()["number"].startswith("YJ")
    assert comment_store.count_of(client.app.store, OPEN) == 0


def test_a_post_from_another_site_is_refused(serve):
    client = serve()
    assert client.post_json(ROUTE, comment(), origin="https://evil.example").status == 403
    headers = {"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"}
    assert client.request("POST", ROUTE, b"{}", headers).status == 403
    assert comment_store.count_of(client.app.store, OPEN) == 0


def test_limits_of_size_method_and_rate(serve):
    client = serve(rate="2/10min")
    big = b'{"content": "' + b"a" * (65 * 1024) + b'"}'
    headers = {"Content-Type": "application/json", "Origin": ORIGIN}
    assert client.request("POST", ROUTE, big, headers).status == 413
    assert client.request("GET", ROUTE).status == 405
    assert client.request("POST", f"{ROUTE}/count", b"{}", headers).status == 405
    assert [client.post_json(ROUTE, comment()).status for _ in range(3)] == [201, 201, 429]


@pytest.mark.parametrize(
    "body",
    [b'{"content": "\\ud800"}', b'{"a": ' + b"[" * 30000 + b"]" * 30000 + b"}", b"not json"],
    ids=["surrogate", "deep", "not-json"],
)
def test_hostile_bodies_answer_400_never_500(serve, body):
    headers = {"Content-Type": "application/json", "Origin": ORIGIN}
    answer = serve().request("POST", ROUTE, body, headers)
    assert answer.status == 400
    assert answer.json()["errors"][0]["message"]


def test_staff_list_the_comments_with_their_counts(serve, content, database_url):
    client = serve()
    assert client.post_json(ROUTE, comment()).status == 201
    assert client.post_json(ROUTE, comment(clause="", content="=cmd|' /C calc'!A0")).status == 201
    [first, _] = comment_store.comments_of(client.app.store, OPEN)
    now = dt.datetime(2026, 12, 22, 9, 0, tzinfo=SHANGHAI)
    with client.app.store.tx() as conn:
        comment_store.decide(client.app.store, conn, first.number, "adopted", "已调整", "wang", now)
    env = {
        "QINQING_CONFIG": str(content / "site.yaml"),
        "QINQING_DATABASE_URL": database_url,
        "QINQING_SECRET_KEY": SECRET.decode(),
    }
    runner = CliRunner()
    listed = runner.invoke(main, ["petitions", "comments", OPEN], env=env)
    assert listed.exit_code == 0, listed.output
    assert "共收到 2 条：采纳 1 条，部分采纳 0 条，未采纳 0 条" in listed.output
    exported = runner.invoke(main, ["petitions", "comments", OPEN, "--csv"], env=env)
    assert exported.exit_code == 0, exported.output
    lines = exported.output.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("意见编号,收到时间,针对的条款,意见建议")
    assert "林小姐 13905951234" in exported.output  # staff see the contact, unsealed
    assert ",'=cmd|" in exported.output  # a formula cell is defused
    other_key = {**env, "QINQING_SECRET_KEY": "another-key-" + "k" * 32}
    without_contact = runner.invoke(main, ["petitions", "comments", OPEN], env=other_key)
    assert without_contact.exit_code == 0, without_contact.output  # no contact is opened
    assert "林小姐" not in without_contact.output and "共收到 2 条" in without_contact.output
    unopened = runner.invoke(main, ["petitions", "comments", OPEN, "--csv"], env=other_key)
    assert unopened.exit_code == 2 and "内部错误" not in unopened.output
    assert "配置的密钥中没有它：请把它列入退役密钥" in unopened.output
    unknown = runner.invoke(main, ["petitions", "comments", "no-such-consultation"], env=env)
    assert unknown.exit_code == 1
    assert "没有编号为 no-such-consultation 的意见征集" in unknown.output


@pytest.fixture
def comment_app(site, database_url, clock, content):
    app = comment_handler(site, database_url, clock, content)
    yield app
    app.store.close()


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.tuples(st.just("application/json"), json_bodies),
        st.tuples(st.just("application/x-www-form-urlencoded"), form_bodies),
    )
)
def test_no_body_on_an_open_consultation_answers_500(comment_app, sample):
    """The petition tests' hostile bodies (tests/security), against a window that is open."""
    media, body = sample
    assert call(comment_app, "POST", ROUTE, media, body) < 500, (media, body[:300])
