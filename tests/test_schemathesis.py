"""Every operation of the published OpenAPI answers generated requests without a server error.

Schemathesis reads ``/openapi.json`` of the app on a store holding the bundled corpus and sends
requests generated from each operation's parameters and bodies (valid and invalid ones). Each answer
must be below 500 and, where the operation documents a response schema for its status, match it.
``ZWGK_SCHEMATHESIS_EXAMPLES`` sets the examples per operation (default 20, with a fixed seed so the
ordinary suite is repeatable).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from api.app import create_app
from bench.load import prepare_store, uvicorn_thread
from graph.settings import load_settings

EXAMPLES = int(os.environ.get("ZWGK_SCHEMATHESIS_EXAMPLES", "20"))


# The schema is read when the module is collected, so the app exists then, on an empty temporary store;
# the corpus is put in before the first request (the app rebuilds its graph when the store changes).
# Requests go over HTTP to a uvicorn server of this app, as a client's would.
_DATA_DIR = Path(tempfile.mkdtemp(prefix="zwgk-schemathesis-"))
atexit.register(shutil.rmtree, _DATA_DIR, True)
APP = create_app(load_settings(environ={}, data_dir=_DATA_DIR, query_timeout_s=5.0))
OPENAPI = APP.openapi()
schema = schemathesis.openapi.from_dict(OPENAPI)
#: Operations that answer whole files in several formats, chosen by ``?format=`` (checked below too).
FILE_OPERATIONS = ("/api/export",)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    prepare_store(_DATA_DIR)
    with uvicorn_thread(APP) as base:
        yield base
    APP.state.service.close()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="ZWGK_SCHEMATHESIS_EXAMPLES" not in os.environ,
    suppress_health_check=list(HealthCheck),
)
def test_generated_requests_get_no_server_error_and_documented_shapes(
    base_url: str, case: schemathesis.Case
) -> None:
    """Whatever a client sends to an operation, the answer is not a 5xx and matches what the API documents."""
    case.call_and_validate(
        base_url=base_url, checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
    )


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_cypher_on_an_engine_without_it_is_a_client_error_not_a_server_error(
    base_url: str, method: str
) -> None:
    """Asking the embedded engine for Cypher is the client's mistake (4xx), not the server failing (5xx)."""
    statement = "MATCH (n) RETURN count(n)"
    if method == "GET":
        response = httpx.get(f"{base_url}/api/cypher", params={"query": statement})
    else:
        response = httpx.post(f"{base_url}/api/cypher", json={"statement": statement})
    assert response.json()["error"]["code"] == "A010"
    assert 400 <= response.status_code < 500, response.status_code


@pytest.mark.parametrize("path", FILE_OPERATIONS)
def test_file_answers_have_their_media_types_documented(base_url: str, path: str) -> None:
    """A client generated from the description knows every media type the operation can answer with."""
    documented = set(OPENAPI["paths"][path]["get"]["responses"]["200"]["content"])
    served = {
        httpx.get(f"{base_url}{path}", params={"format": fmt}).headers["content-type"].split(";")[0]
        for fmt in ("csv", "ttl", "jsonld", "graphml")
    }
    assert served <= documented, served - documented


def test_every_operation_has_its_own_operation_id() -> None:
    """Code generators name client methods by operationId: GET and POST of one route need two names."""
    ids = [
        op.get("operationId")
        for item in OPENAPI["paths"].values()
        for op in item.values()
        if isinstance(op, dict)
    ]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []
