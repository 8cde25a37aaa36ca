"""Pytest plugin: a real Neo4j server for tests marked ``@pytest.mark.neo4j``.

With ``ZWGK_NEO4J_URI`` set (a docker-compose service, a cluster, Aura) the tests use that server and
``ZWGK_NEO4J_USER`` / ``ZWGK_NEO4J_PASSWORD``. Otherwise one embedded Neo4j 5.26 (graph/neo4j_server,
built with Maven on first use) is started for the whole test session in a temporary directory and
stopped when the session ends, whether the tests passed or failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from graph.neo4j_launcher import start_embedded_neo4j
from graph.settings import load_settings

if TYPE_CHECKING:
    from neo4j import Driver


@pytest.fixture(scope="session")
def neo4j_auth() -> tuple[str, str] | None:
    """Credentials for the server of :func:`neo4j_uri`; the embedded server needs none."""
    settings = load_settings()
    if settings.neo4j_uri and settings.neo4j_password:
        return (settings.neo4j_user, settings.neo4j_password)
    return None


@pytest.fixture(scope="session")
def neo4j_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Bolt URI of a running Neo4j: the configured one, or an embedded server for this session."""
    configured = load_settings().neo4j_uri
    if configured:
        yield configured
        return
    server = start_embedded_neo4j(tmp_path_factory.mktemp("neo4j"))
    try:
        yield server.uri
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_uri: str, neo4j_auth: tuple[str, str] | None) -> Iterator[Driver]:
    """A ``neo4j.Driver`` connected to :func:`neo4j_uri`, closed at the end of the session."""
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(neo4j_uri, auth=neo4j_auth)
    try:
        yield driver
    finally:
        driver.close()
