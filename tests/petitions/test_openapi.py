"""The OpenAPI document is current, and real answers match its schemas (jsonschema_rs comes
with schemathesis)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema_rs
import pytest

from generator.petitions.openapi import build_openapi, render_openapi
from tests.petitions.conftest import valid_petition

SCHEMA_FILE = Path(__file__).parents[2] / "schemas" / "petitions.openapi.json"


def test_document_file_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render_openapi(), (
        "run: python -m generator.petitions.openapi > schemas/petitions.openapi.json"
    )


def validator(name: str):
    document = build_openapi()
    schema = {**document["components"]["schemas"][name], "components": document["components"]}
    return jsonschema_rs.Draft202012Validator(schema)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'openapi.db'}"


def test_answers_match_the_document(serve_petitions):
    api = serve_petitions(rate="off")
    submission = valid_petition(related="tech-upgrade-2026")
    validator("Submission").validate(submission)
    made = api.post_json("/api/petitions", submission)
    validator("Receipt").validate(made.json())
    creds = {"receipt": made.json()["receipt"], "code": made.json()["code"]}
    validator("LookupView").validate(api.post_json("/api/petitions/lookup", creds).json())
    validator("Stats").validate(api.request("GET", "/api/stats").json())
    bad = api.post_json("/api/petitions", {**submission, "phone": "1"})
    validator("Errors").validate(bad.json())
    document = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert set(document["paths"]) == {
        "/api/petitions",
        "/api/petitions/lookup",
        "/api/petitions/rate",
        "/api/stats",
        "/api/health",
        "/api/consultations/{consultation}/comments",
        "/api/consultations/{consultation}/comments/count",
    }
