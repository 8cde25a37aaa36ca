"""Fixtures of the HTTP API tests: a data directory holding the bundled corpus, and apps over it.

The corpus goes through the real pipeline once per session (see
:func:`tests.graph_support.corpus_documents`) into a SQLite store; read-only
tests share one app over it, tests that write get a copy of that store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings, load_settings
from graph.store import open_store
from tests.graph_support import corpus_documents

TOKEN = "s3cret-token-for-tests"


def settings_for(data_dir: Path, **overrides: Any) -> Settings:
    """Settings that ignore the environment: only what a test names differs from the defaults."""
    return load_settings({}, data_dir=data_dir, **overrides)


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose store holds every readable document of the bundled corpus."""
    data_dir = tmp_path_factory.mktemp("api-corpus")
    with open_store(data_dir) as store:
        store.put_many(corpus_documents())
    return data_dir


@pytest.fixture(scope="session")
def client(corpus_dir: Path) -> Iterator[TestClient]:
    """A read-only app over the corpus (no write token configured)."""
    with TestClient(create_app(settings_for(corpus_dir, query_timeout_s=20.0))) as test_client:
        yield test_client


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response is the common error shape with this status and code; returns the error."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]
    return body["error"]
