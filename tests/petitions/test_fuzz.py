"""Property-based fuzzing of the API over HTTP: whatever arrives, never a 500."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.petitions.validation import HONEYPOT
from tests.petitions.conftest import ORIGIN, valid_petition

FIELDS = [
    *valid_petition(),
    "related",
    "credit_code",
    "anonymous",
    "email",
    HONEYPOT,
    "receipt",
    "code",
    "rating",
]
PATHS = [
    "/api/petitions",
    "/api/petitions/lookup",
    "/api/petitions/rate",
    "/api/stats",
    "/api/health",
    "/api/x",
]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=300),
    st.sampled_from(["consult", "report", "13905951234", "true", "on", "", " ", "\x00", "字" * 120]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
documents = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), values, max_size=14)
mutated = st.builds(lambda base, extra: {**base, **extra}, st.just(valid_petition()), documents)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'fuzz.db'}"


@pytest.fixture
def api(serve_petitions):
    return serve_petitions(rate="off")


def check(answer) -> None:
    assert answer.status < 500, answer.text
    if answer.status >= 400 and answer.headers.get("content-type", "").startswith(
        "application/json"
    ):
        errors = answer.json()["errors"]
        assert errors and all(e["field"] and e["message"] for e in errors)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=st.sampled_from(PATHS), body=st.one_of(documents, mutated))
def test_json_documents_never_500(api, path, body):
    check(api.post_json(path, body))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(PATHS),
    method=st.sampled_from(["POST", "GET", "PUT", "OPTIONS", "DELETE"]),
    body=st.binary(max_size=2000) | st.text(max_size=500).map(str.encode),
    media=st.sampled_from(
        [
            "application/json",
            "application/x-www-form-urlencoded",
            "text/plain",
            "",
            "application/json; charset=latin-1",
        ]
    ),
    origin=st.sampled_from([ORIGIN, "", "https://evil.example.com", "null"]),
    key=st.text(max_size=30).filter(lambda k: k.isprintable() and "\n" not in k),
)
def test_raw_requests_never_500(api, path, method, body, media, origin, key):
    headers = {"Content-Type": media, "Accept": "application/json"}
    if origin:
        headers["Origin"] = origin
    if key.strip():
        headers["Idempotency-Key"] = key.encode("utf-8").decode("latin-1")
    check(api.request(method, path, body, headers))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=mutated)
def test_form_posts_never_500(api, body):
    fields = {k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}
    check(api.post_form("/api/petitions", fields))
