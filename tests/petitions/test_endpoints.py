"""endpoints: the one table the handler routes by and the OpenAPI document describes."""

from __future__ import annotations

import re

from generator.petitions.app import PetitionApp
from generator.petitions.endpoints import ENDPOINTS
from generator.petitions.openapi import build_openapi


def test_the_openapi_document_has_exactly_the_tables_paths_and_methods():
    paths = build_openapi()["paths"]
    assert {path: list(ops) for path, ops in paths.items()} == {
        e.path: [e.method.lower()] for e in ENDPOINTS
    }
    for endpoint in ENDPOINTS:
        operation = paths[endpoint.path][endpoint.method.lower()]
        assert operation["operationId"] == endpoint.operation_id
        assert callable(getattr(PetitionApp, f"_{endpoint.handler}"))


def test_every_endpoint_refuses_another_method_with_its_allow_header(serve_petitions):
    api = serve_petitions(rate="off")
    for endpoint in ENDPOINTS:
        other = "GET" if endpoint.method == "POST" else "POST"
        path = re.sub(r"\{\w+\}", "some-draft", endpoint.path)  # a parameter takes an id
        answer = api.request(other, path)
        assert answer.status == 405, endpoint.path
        assert answer.headers["allow"] == endpoint.allowed
