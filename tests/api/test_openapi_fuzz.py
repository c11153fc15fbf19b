"""Fuzz every operation of the OpenAPI schema with schemathesis: no request may yield a 5xx, and
every error is a problem document.

Requests go through the session's real app and driver (``client``), so the queries run on the real
Neo4j. The upload is fuzzed without a key (401) so that no job is queued for the workers.
"""

from __future__ import annotations

import pytest
import schemathesis
from danchieu.api.app import create_app
from hypothesis import HealthCheck, settings

from danchieu.config import Settings
from tests.api.conftest import API_KEY

pytestmark = pytest.mark.neo4j

schema = schemathesis.openapi.from_dict(create_app(Settings()).openapi())  # type: ignore[call-arg]


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_yields_a_server_error(case, client, seed_graph):
    is_upload = case.method.upper() == "POST" and case.path == "/v1/documents"
    headers = {} if is_upload else {"X-API-Key": API_KEY}
    kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=headers)
    kwargs.pop("timeout", None)
    response = client.request(**{k: v for k, v in kwargs.items() if k in {"method", "url", "headers", "params",
                                                                            "json", "content", "data", "files"}})
    assert response.status_code < 500, (case.method, case.path, kwargs.get("params"), response.text)
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json"), response.text
