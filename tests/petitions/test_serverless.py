"""The handler as serverless platforms call it: FC 3.0 events, AWS Lambda through apig-wsgi."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from generator.petitions import fc3, wsgi
from tests.petitions.conftest import SECRET, valid_petition

EVENTS = Path(__file__).parent / "events"


@pytest.fixture
def env_app(monkeypatch, site_path, database_url):
    """The module-level `application`, configured from the environment as on a platform."""
    monkeypatch.setenv("QINQING_CONFIG", str(site_path))
    monkeypatch.setenv("QINQING_DATABASE_URL", database_url)
    monkeypatch.setenv("QINQING_SECRET_KEY", SECRET.decode())
    monkeypatch.setenv("QINQING_RATE_LIMIT", "5/10min")
    monkeypatch.setattr(wsgi, "_apps", {})
    yield wsgi.application
    for app in wsgi._apps.values():
        app.store.close()


def event(name: str, body: dict, path: str | None = None) -> dict:
    sample = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    sample["body"] = json.dumps(body, ensure_ascii=False)
    if path:
        sample["rawPath"] = sample["requestContext"]["http"]["path"] = path
    return sample


def test_fc3_event_submit_and_lookup(env_app):
    answer = fc3.handler(json.dumps(event("fc3_http_post.json", valid_petition())).encode())
    assert answer["statusCode"] == 201 and not answer["isBase64Encoded"]
    assert answer["headers"]["Cache-Control"] == "no-store"
    made = json.loads(answer["body"])
    creds = {"receipt": made["receipt"], "code": made["code"]}
    found = fc3.handler(event("fc3_http_post.json", creds, path="/api/petitions/lookup"))
    assert found["statusCode"] == 200 and json.loads(found["body"])["status"] == "received"
    again = fc3.handler(event("fc3_http_post.json", valid_petition()))
    assert json.loads(again["body"]) == made  # same Idempotency-Key in the sample


def test_fc3_base64_body_and_bad_json(env_app):
    sample = event("fc3_http_post.json", {})
    sample["body"] = base64.b64encode(b"\xff{").decode()
    sample["isBase64Encoded"] = True
    answer = fc3.handler(sample)
    assert (
        answer["statusCode"] == 400 and json.loads(answer["body"])["errors"][0]["field"] == "body"
    )


def test_lambda_api_gateway_v2_through_apig_wsgi(env_app):
    from apig_wsgi import make_lambda_handler

    handler = make_lambda_handler(env_app)
    answer = handler(event("apigw_v2_post.json", valid_petition()), None)
    assert answer["statusCode"] == 201, answer
    made = json.loads(answer["body"])
    assert set(made) >= {"receipt", "code", "acknowledge_by"}
    foreign = event("apigw_v2_post.json", valid_petition())
    foreign["headers"]["origin"] = "https://evil.example.com"
    assert handler(foreign, None)["statusCode"] == 403


def test_bad_setting_answers_503_naming_it(monkeypatch, site_path, database_url):
    monkeypatch.setenv("QINQING_CONFIG", str(site_path))
    monkeypatch.setenv("QINQING_DATABASE_URL", database_url)
    monkeypatch.setenv("QINQING_SECRET_KEY", "short")
    monkeypatch.setattr(wsgi, "_apps", {})
    answer = fc3.call_wsgi(wsgi.application, event("fc3_http_post.json", valid_petition()))
    assert answer["statusCode"] == 503
    assert json.loads(answer["body"])["errors"][0]["field"] == "QINQING_SECRET_KEY"
    assert wsgi.main() == 1


def test_a_cold_start_reads_no_content_files(site_path, database_url, tmp_path):
    """The first request of a fresh process (a serverless cold start) builds the handler without
    the content layer: consultations and related items are read when a request needs them."""
    import os
    import subprocess
    import sys

    probe = (
        "import io, sys\n"
        "from generator.petitions.wsgi import application\n"
        "env = {'REQUEST_METHOD': 'GET', 'PATH_INFO': '/api/health', 'wsgi.input': io.BytesIO()}\n"
        "statuses = []\n"
        "application(env, lambda status, headers: statuses.append(status))\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('generator.content.sources',"
        " 'generator.models.consultations', 'generator.models.front_matter')))\n"
        "print(statuses[0], loaded)\n"
    )
    environ = {
        **os.environ,
        "QINQING_CONFIG": str(site_path),
        "QINQING_DATABASE_URL": database_url,
        "QINQING_SECRET_KEY": SECRET.decode(),
    }
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, env=environ, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "200 OK []"
