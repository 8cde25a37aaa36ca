"""An app can be served again after its lifespan ended: each start opens the store and engine afresh."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.embedded import EmbeddedEngine
from tests import api_support
from tests.api_support import settings_for

corpus_dir = api_support.corpus_dir  # shared fixture

URLS = [
    pytest.param("/api/stats", id="stats"),
    pytest.param("/api/search?q=政务公开", id="search"),
    pytest.param("/api/matrix", id="matrix"),
    pytest.param("/api/health", id="health"),
]


def _answers(client: TestClient) -> dict[str, object]:
    out: dict[str, object] = {}
    for param in URLS:
        url = param.values[0]
        response = client.get(url)
        assert response.status_code == 200, (url, response.text)
        out[url] = response.json()
    return out


@pytest.mark.parametrize(
    "engine", [pytest.param(None, id="configured"), pytest.param("lent", id="handed-in")]
)
def test_same_app_serves_the_same_answers_after_a_restart(corpus_dir: Path, engine: str | None) -> None:
    """Entering the app's lifespan a second time answers as the first time (the first exit closed it)."""
    lent = EmbeddedEngine() if engine == "lent" else None
    app = create_app(settings_for(corpus_dir), engine=lent)
    with TestClient(app) as client:
        first = _answers(client)
    assert app.state.service is None  # shut down: store and engine closed
    with TestClient(app) as client:
        second = _answers(client)
    assert second == first
