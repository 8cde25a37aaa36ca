"""Neo4j outages: a query fails with one clear line within seconds, a load survives a server crash.

These tests start their own embedded Neo4j (graph/neo4j_launcher.py) on a data directory they own, so
they can SIGKILL the JVM in the middle of a load and start a new one on the same directory and port:
the engine's retries carry the load over the outage, and MERGE on stable ids means the batches that were
committed before the crash and re-sent after it are not duplicated. The graph is the one the bundled
corpus builds.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j.exceptions import ServiceUnavailable

from api.app import create_app
from graph.builder import build_model
from graph.errors import EngineUnavailable
from graph.model import GraphModel
from graph.neo4j_engine import Neo4jEngine
from graph.neo4j_launcher import Neo4jProcess, free_port, start_embedded_neo4j
from graph.neo4j_retry import READS, WRITES, RetryPolicy, run_with_retries
from ingest.pipeline import iter_extract
from ingest.records import ExtractedDocument
from tests import api_support
from tests.api_support import assert_error, settings_for

pytestmark = pytest.mark.neo4j
corpus_dir = api_support.corpus_dir  # shared fixture

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


@pytest.fixture(scope="module")
def model() -> GraphModel:
    docs = [d for d in iter_extract(sorted(CORPUS.rglob("*.txt"))) if isinstance(d, ExtractedDocument)]
    return build_model(docs)


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Neo4jProcess]]:
    """Servers these tests may kill and replace; the last one is current, every one is stopped at the end."""
    started: list[Neo4jProcess] = []
    try:
        yield started
    finally:
        for server in started:
            server.stop()


@pytest.fixture()
def own_server(servers: list[Neo4jProcess], tmp_path_factory: pytest.TempPathFactory) -> Neo4jProcess:
    """A running server of this module (started only when the last one was killed)."""
    if not servers or not servers[-1].running:
        servers.append(start_embedded_neo4j(tmp_path_factory.mktemp("neo4j"), port=free_port()))
    return servers[-1]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _expected_counts(model: GraphModel) -> tuple[dict[str, int], dict[str, int]]:
    return dict(Counter(n.type for n in model.nodes)), dict(Counter(e.type for e in model.edges))


def _distinct(engine: Neo4jEngine) -> tuple[int, int, int, int]:
    """Nodes, distinct node ids, relationships, distinct relationship ids: equal pairs mean no duplicates."""
    [nodes] = engine._read("MATCH (n:Node) RETURN count(n) AS n, count(DISTINCT n.id) AS ids")
    [rels] = engine._read("MATCH (:Node)-[r]->(:Node) RETURN count(r) AS n, count(DISTINCT r.id) AS ids")
    return nodes["n"], nodes["ids"], rels["n"], rels["ids"]


def _assert_one_clear_line(message: str, uri: str, what: str) -> None:
    assert message.startswith("[G005]") and "\n" not in message
    assert uri in message and what in message and "ZWGK_NEO4J_URI" in message
    assert "1 attempts" not in message


def test_unavailable_server_is_retried_with_exponential_back_off_within_the_budget() -> None:
    """Attempts are spaced 0.25 s, 0.5 s, 1 s, 2 s, 2 s … until the budget is spent, then one clear line."""
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    waits: list[float] = []
    now = [0.0]

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    def refused() -> None:
        now[0] += 0.01
        raise ServiceUnavailable("Couldn't connect to 127.0.0.1\nFailed to establish connection (refused)")

    policy = RetryPolicy(budget_s=10.0, first_wait_s=0.25, max_wait_s=2.0)
    with pytest.raises(EngineUnavailable) as caught:
        run_with_retries(refused, policy, uri=uri, what="the query", sleep=sleep, clock=lambda: now[0])
    assert waits[:4] == [0.25, 0.5, 1.0, 2.0] and set(waits[4:-1]) == {2.0}
    assert 9.9 <= sum(waits) <= 10.0
    _assert_one_clear_line(str(caught.value), uri, f"the query failed after {len(waits) + 1} attempts")


def test_connecting_to_a_closed_port_fails_within_the_budget_with_the_driver_reason() -> None:
    """A real refused connection: the error comes within the budget and keeps the driver's reason, on one line."""
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    with pytest.raises(EngineUnavailable) as caught:
        Neo4jEngine(uri, read_retry=RetryPolicy(budget_s=1.0))
    assert time.monotonic() - started < 10
    _assert_one_clear_line(str(caught.value), uri, "the connection failed after")
    assert "Connection refused" in str(caught.value)


def test_default_policies_report_queries_fast_and_let_loads_wait_for_a_restart() -> None:
    """Queries give up within a few seconds; loads keep trying for minutes, the time a server restart takes."""
    assert sum(READS.waits()) <= 3.0
    assert sum(WRITES.waits()) >= 120.0 and max(WRITES.waits()) <= 10.0


def test_load_survives_a_server_crash_and_restart_without_duplicates(
    own_server: Neo4jProcess, servers: list[Neo4jProcess], model: GraphModel
) -> None:
    """SIGKILL the server mid-load, start a new one on the same data: the load finishes with each id once."""
    first = own_server
    engine = Neo4jEngine(first.uri, batch_size=25)  # the default write policy must carry the load over
    failure: list[BaseException] = []

    def load() -> None:
        try:
            engine.load(model)
        except BaseException as error:  # noqa: BLE001 - reported by the test thread
            failure.append(error)

    loader = threading.Thread(target=load, daemon=True)
    try:
        loader.start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and loader.is_alive():
            if _distinct(engine)[0] >= len(model.nodes) // 3:
                break
            time.sleep(0.05)
        assert loader.is_alive(), "the load finished before the crash: use smaller batches"
        first.process.kill()
        first.process.wait()
        servers.append(start_embedded_neo4j(first.data_dir, port=first.port))
        loader.join(timeout=300)
        assert not loader.is_alive() and not failure, failure
        assert engine.counts() == _expected_counts(model)
        nodes, node_ids, rels, rel_ids = _distinct(engine)
        assert (nodes, rels) == (node_ids, rel_ids) == (len(model.nodes), len(model.edges))
        engine.load(model)  # loading again replaces, never adds
        assert _distinct(engine) == (nodes, node_ids, rels, rel_ids)
    finally:
        engine.close()


_FETCHES = {
    "counts": lambda engine: engine.counts(),
    "nodes_of_type": lambda engine: sorted(n.id for n in engine.nodes_of_type("Directive")),
    "cypher": lambda engine: engine.read_cypher("MATCH (n:Node) RETURN count(n) AS n"),
}
_HTTP_CYPHER = "/api/cypher?query=MATCH (d:Directive) RETURN count(d) AS n"


def test_queries_against_a_stopped_server_fail_within_seconds_and_work_after_restart(
    own_server: Neo4jProcess, servers: list[Neo4jProcess], corpus_dir: Path
) -> None:
    """Stop the server: fetches and the HTTP API give one-line G005 errors (HTTP 503) in seconds, not a
    minute; start it again on the same data: the same engine and app answer as before."""
    app = create_app(settings_for(corpus_dir, engine="neo4j", neo4j_uri=own_server.uri))
    with TestClient(app) as client:
        assert client.get(_HTTP_CYPHER).status_code == 200
        engine = app.state.service.engine()
        before = {name: fetch(engine) for name, fetch in _FETCHES.items()}
        http_before = client.get(_HTTP_CYPHER).json()
        own_server.stop()
        for name, fetch in _FETCHES.items():
            started = time.monotonic()
            with pytest.raises(EngineUnavailable) as caught:
                fetch(engine)
            assert time.monotonic() - started < 15, name
            _assert_one_clear_line(str(caught.value), own_server.uri, "query failed after")
        started = time.monotonic()
        error = assert_error(client.get(_HTTP_CYPHER), 503, "G005")
        assert time.monotonic() - started < 15
        _assert_one_clear_line(f"[G005] {error['message']}", own_server.uri, "query failed after")
        servers.append(start_embedded_neo4j(own_server.data_dir, port=own_server.port))
        assert {name: fetch(engine) for name, fetch in _FETCHES.items()} == before
        assert client.get(_HTTP_CYPHER).json() == http_before
