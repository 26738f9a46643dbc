"""No input makes the handler answer 500: big numbers, lone surrogates, deep nesting, any body."""

from __future__ import annotations

import io
import json
import re
import time
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.petitions.endpoints import ENDPOINTS
from generator.petitions.validation import HONEYPOT
from tests.petitions.conftest import ORIGIN, valid_petition

# Every route, a path parameter filled with an id (no consultation has it: answered 404 once read).
ROUTES = sorted(re.sub(r"\{\w+\}", "some-draft", e.path) for e in ENDPOINTS)
COMMENTS = "/api/consultations/some-draft/comments"
JSON_HEADERS = {"Content-Type": "application/json", "Origin": ORIGIN}
CHINESE = range(0x4E00, 0xA000)


def assert_chinese_400(answer) -> None:
    assert answer.status == 400, answer.text
    message = answer.json()["errors"][0]["message"]
    assert any(ord(c) in CHINESE for c in message), message


@pytest.mark.parametrize(
    "body",
    [
        b'{"subject": ' + b"1" * 5000 + b"}",
        b'{"subject": -' + b"9" * 4301 + b"}",
        b'{"subject": "\\ud800"}',
        b'{"subject": "ok\\udfffok"}',
        b'{"\\ud800": 1}',
        b'{"a": {"\\udbff": []}}',
        b'{"a": ' + b"[" * 30000 + b"]" * 30000 + b"}",
        b"[" * 60000,
        b'{"a":' * 10000 + b"1" + b"}" * 10000,
    ],
    ids=["5000-digits", "4301-digits", "surrogate", "low-surrogate", "surrogate-key",
         "nested-surrogate-key", "deep-arrays", "deep-open", "deep-objects"],
)  # fmt: skip
@pytest.mark.parametrize(
    "route", ["/api/petitions", "/api/petitions/lookup", "/api/petitions/rate", COMMENTS]
)
def test_hostile_json_answers_400_with_a_chinese_message(server_api, route, body):
    answer = server_api.request("POST", route, body, JSON_HEADERS)
    assert_chinese_400(answer)


@pytest.mark.parametrize(
    "body",
    [b"subject=%ED%A0%80", b"%ED%A0%80=x", b"subject=%FF", b"comment=%C0%AF"],
    ids=["surrogate-utf8", "surrogate-key", "invalid-byte", "overlong"],
)
def test_hostile_form_answers_400(server_api, body):
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": ORIGIN}
    answer = server_api.request("POST", "/api/petitions", body, headers)
    assert answer.status == 400


def test_big_number_costs_under_a_second_of_cpu(server_api):
    body = b'{"subject": ' + b"7" * 60000 + b"}"
    started = time.process_time()  # the server runs in this process's threads
    answer = server_api.request("POST", "/api/petitions", body, JSON_HEADERS)
    assert answer.status == 400
    assert time.process_time() - started < 1.0


# -- Hypothesis over every route: JSON text built piece by piece, so it can hold what
# json.dumps would never write (lone surrogate escapes, 5,000-digit integers, NaN).

FIELDS = [*valid_petition(), "related", "credit_code", "anonymous", HONEYPOT, "receipt", "code",
          "rating", "comment", "clause", "contact"]  # fmt: skip
atoms = st.one_of(
    st.sampled_from(
        ["1" * 5000, "-" + "9" * 4400, "1e999999", "NaN", "-Infinity", "0.0000001", "true",
         "null", '"\\ud800"', '"\\udc00x"', '"\\u0000"', '"\\u009b"', '"\\u202e"', '"\\r"', '""',
         '"consult"', '"report"', '"satisfied"', '"13905951234"', '"' + "字" * 600 + '"']
    ),
    st.integers().map(str),
    st.text(max_size=40).map(lambda t: json.dumps(t, ensure_ascii=False)),
)  # fmt: skip
keys = st.sampled_from(FIELDS).map(json.dumps) | st.sampled_from(['"\\ud800"', '""', '"x"'])
json_values = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda items: "[" + ",".join(items) + "]"),
        st.lists(st.tuples(keys, inner), max_size=4).map(
            lambda pairs: "{" + ",".join(f"{k}:{v}" for k, v in pairs) + "}"
        ),
    ),
    max_leaves=8,
)
json_bodies = st.one_of(
    st.lists(st.tuples(keys, json_values), max_size=12).map(
        lambda pairs: "{" + ",".join(f"{k}:{v}" for k, v in pairs) + "}"
    ),
    json_values,
    st.integers(1, 3000).map(lambda depth: "[" * depth + "]" * depth),
).map(lambda text: text.encode("utf-8", "surrogatepass"))
form_values = st.sampled_from(
    ["%ED%A0%80", "%00", "%FF", "%C2%9B", "%E2%80%AE", "%0D", "", "x", "on"]
)
form_bodies = st.lists(
    st.tuples(st.sampled_from(FIELDS) | st.text(max_size=5).map(quote), form_values), max_size=12
).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs).encode())
requests = st.tuples(
    st.sampled_from(ROUTES),
    st.sampled_from(["POST", "GET", "OPTIONS", "PUT"]),
    st.one_of(
        st.tuples(st.just("application/json"), json_bodies),
        st.tuples(st.just("application/x-www-form-urlencoded"), form_bodies),
        st.tuples(st.sampled_from(["text/plain", ""]), st.binary(max_size=100)),
    ),
)


def call(app, method: str, path: str, media: str, body: bytes) -> int:
    """One request straight through the WSGI callable; the status it answered."""
    environ = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": media, "CONTENT_LENGTH": str(len(body)), "HTTP_ORIGIN": ORIGIN,
        "wsgi.input": io.BytesIO(body), "wsgi.url_scheme": "http",
    }  # fmt: skip
    statuses = []
    chunks = app(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(chunks)
    return int(statuses[0].split()[0])


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(requests)
def test_no_body_on_any_route_answers_500(server_api, sample):
    route, method, (media, body) = sample
    assert call(server_api.app, method, route, media, body) < 500, (
        route,
        method,
        media,
        body[:300],
    )
