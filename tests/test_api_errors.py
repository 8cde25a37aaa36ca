"""Every failure of the HTTP service has one JSON shape: {"error": {"code", "message", "detail"}}."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.errors import error_body
from graph import queries
from tests import api_support
from tests.api_support import assert_error, settings_for

client = api_support.client  # shared fixture
corpus_dir = api_support.corpus_dir  # shared fixture


def test_error_body_shape_is_pinned() -> None:
    """Clients branch on this exact shape; changing it breaks them."""
    assert error_body("G001", "No unit matches 'x'.", {"kind": "unit"}) == {
        "error": {"code": "G001", "message": "No unit matches 'x'.", "detail": {"kind": "unit"}}
    }
    assert error_body("A001", "bad") == {"error": {"code": "A001", "message": "bad", "detail": None}}


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        pytest.param("/api/responsibilities?unit=不存在的单位局", 404, "G001", id="unknown-unit"),
        pytest.param("/api/units-for?domain=没有这个领域", 404, "G001", id="unknown-domain"),
        pytest.param("/api/units-for?role=boss", 400, "G002", id="unknown-role"),
        pytest.param("/api/units-for?level=galactic", 400, "G002", id="unknown-level"),
        pytest.param("/api/lineage?directive=国办发〔1999〕999号", 404, "G001", id="unknown-directive"),
        pytest.param("/api/lineage?directive=x&direction=sideways", 400, "A001", id="bad-direction"),
        pytest.param("/api/lineage?directive=x&depth=0", 400, "A001", id="depth-zero"),
        pytest.param("/api/search", 400, "A001", id="missing-q"),
        pytest.param("/api/search?q=财政&limit=0", 400, "A001", id="limit-zero"),
        pytest.param("/api/search?q=财政&offset=-1", 400, "A001", id="negative-offset"),
        pytest.param("/api/neighbourhood?node=unit/nowhere/nobody", 404, "G001", id="unknown-node"),
        pytest.param("/api/tasks/task/nothing/1", 404, "G001", id="unknown-task"),
        pytest.param("/api/documents/directive/nothing-here", 404, "G001", id="unknown-document"),
        pytest.param("/api/search?q=财政&format=pdf", 406, "A005", id="unknown-format"),
        pytest.param("/api/stats?format=xlsx", 406, "A005", id="format-not-offered"),
        pytest.param("/api/no-such-route", 404, "A004", id="unknown-route"),
    ],
)
def test_failures_render_the_common_error_shape(client: TestClient, url: str, status: int, code: str) -> None:
    """A wrong name, parameter or format is answered with a stable code and a message, never a stack trace."""
    assert_error(client.get(url), status, code)


def test_not_found_names_close_matches(client: TestClient) -> None:
    """An unknown unit suggests the units the user probably meant."""
    error = assert_error(client.get("/api/responsibilities?unit=赣州财政局局"), 404, "G001")
    assert error["detail"]["kind"] == "unit"
    assert any("财政" in s for s in error["detail"]["suggestions"])


def test_unacceptable_accept_header_is_406(client: TestClient) -> None:
    """Asking for a media type the route cannot give is refused, not answered in JSON anyway."""
    assert_error(client.get("/api/stats", headers={"Accept": "image/png"}), 406, "A005")


def test_wrong_method_is_405_in_the_common_shape(client: TestClient) -> None:
    assert_error(client.put("/api/stats"), 405, "A012")


def test_internal_error_is_500_without_details_leaking(corpus_dir, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug gives code A500 and a message naming only the exception type."""

    def broken(engine: object) -> None:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(queries, "stats", broken)
    with TestClient(create_app(settings_for(corpus_dir)), raise_server_exceptions=False) as test_client:
        error = assert_error(test_client.get("/api/stats"), 500, "A500")
    assert "RuntimeError" in error["message"]
    assert "/etc/passwd" not in error["message"]
