"""Neo4j outages: a clear error after exponential back-off, and a load that survives a server crash.

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

from graph.builder import build_model
from graph.errors import EngineUnavailable
from graph.model import GraphModel
from graph.neo4j_engine import Neo4jEngine
from graph.neo4j_launcher import Neo4jProcess, free_port, start_embedded_neo4j
from ingest.pipeline import iter_extract
from ingest.records import ExtractedDocument

pytestmark = pytest.mark.neo4j

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


def test_unreachable_server_backs_off_exponentially_then_says_what_to_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With nothing on the port, the engine waits 0.5 s, 1 s, 2 s … between attempts, then one clear error."""
    waits: list[float] = []
    monkeypatch.setattr("graph.neo4j_engine.time.sleep", waits.append)
    port = _closed_port()
    started = time.monotonic()
    with pytest.raises(EngineUnavailable) as caught:
        Neo4jEngine(f"bolt://127.0.0.1:{port}", retries=4, backoff_s=0.5)
    assert waits == [0.5, 1.0, 2.0, 4.0]
    message = str(caught.value)
    assert f"bolt://127.0.0.1:{port}" in message and "5 attempts" in message and "ZWGK_NEO4J_URI" in message
    assert message.startswith("[G005]") and "Connection refused" in message
    assert time.monotonic() - started < 30, "each attempt must fail fast when nothing listens"


def test_load_survives_a_server_crash_and_restart_without_duplicates(
    own_server: Neo4jProcess, servers: list[Neo4jProcess], model: GraphModel
) -> None:
    """SIGKILL the server mid-load, start a new one on the same data: the load finishes with each id once."""
    first = own_server
    engine = Neo4jEngine(first.uri, batch_size=25, retries=9, backoff_s=0.5)
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


def test_server_gone_mid_session_gives_the_same_clear_error_in_bounded_time(own_server: Neo4jProcess) -> None:
    """A query after the server died is retried, then reported as unavailable — never a hang or a raw trace."""
    engine = Neo4jEngine(own_server.uri, retries=2, backoff_s=0.2)
    try:
        engine.counts()
        own_server.process.kill()
        own_server.process.wait()
        started = time.monotonic()
        with pytest.raises(EngineUnavailable, match="unavailable after 3 attempts"):
            engine.counts()
        assert time.monotonic() - started < 60
    finally:
        engine.close()
