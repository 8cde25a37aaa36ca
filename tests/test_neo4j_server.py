"""The Neo4j server the tests and the product use: reachable over Bolt, enforcing constraints and
read-only sessions (the read-only Cypher endpoint relies on the server refusing writes)."""

from __future__ import annotations

import json
import shutil
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import READ_ACCESS, Driver
from neo4j.exceptions import ClientError, ConstraintError

from graph.neo4j_launcher import EmbeddedNeo4j, Neo4jLaunchError, start_embedded_neo4j
from graph.settings import load_settings

pytestmark = pytest.mark.neo4j

GOLD = Path(__file__).parent / "gold" / "seeds"
GOLD_FILES = sorted(p for p in GOLD.glob("*.json") if p.name != "questions.json")

# Against an external server (ZWGK_NEO4J_URI) the machine may have no JDK; the launcher cannot be tested there.
needs_launcher = pytest.mark.skipif(
    shutil.which("java") is None and load_settings().neo4j_uri is not None,
    reason="an external Neo4j is configured and no JDK is installed for the embedded launcher",
)


@pytest.fixture
def run_label(neo4j_driver: Driver) -> Iterator[str]:
    """A label unique to one test, so tests never see each other's nodes (nor an external server's)."""
    label = f"ZwgkTest_{uuid.uuid4().hex[:12]}"
    yield label
    neo4j_driver.execute_query(f"MATCH (n:`{label}`) DETACH DELETE n")


def _lead_units(gold: dict) -> set[str]:
    return {name for task in gold["tasks"] for name in task.get("lead", [])}


@pytest.mark.parametrize("gold_file", [pytest.param(p, id=p.stem) for p in GOLD_FILES])
def test_bolt_round_trips_chinese_nodes_and_edges_of_a_document(
    neo4j_driver: Driver, run_label: str, gold_file: Path
) -> None:
    """A document and its lead units written over Bolt read back unchanged, Chinese text intact."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    title = gold["document"]["title"]
    units = sorted(_lead_units(gold))
    neo4j_driver.execute_query(
        f"CREATE (d:`{run_label}`:Directive {{id: $file, title: $title}}) "
        f"WITH d UNWIND $units AS name "
        f"MERGE (u:`{run_label}`:Unit {{name: name}}) CREATE (d)-[:LED_BY]->(u)",
        file=gold["file"],
        title=title,
        units=units,
    )
    records, _, _ = neo4j_driver.execute_query(
        f"MATCH (d:`{run_label}`:Directive {{id: $file}}) "
        f"OPTIONAL MATCH (d)-[:LED_BY]->(u:`{run_label}`:Unit) "
        f"RETURN d.title AS title, collect(u.name) AS units",
        file=gold["file"],
    )
    assert len(records) == 1
    assert records[0]["title"] == title
    assert sorted(records[0]["units"]) == units


def test_uniqueness_constraint_rejects_a_second_node_with_the_same_id(
    neo4j_driver: Driver, run_label: str
) -> None:
    """With a uniqueness constraint on ``id``, loading the same id twice fails instead of duplicating."""
    constraint = f"{run_label}_id"
    neo4j_driver.execute_query(
        f"CREATE CONSTRAINT `{constraint}` FOR (n:`{run_label}`) REQUIRE n.id IS UNIQUE"
    )
    try:
        neo4j_driver.execute_query(f"CREATE (:`{run_label}` {{id: '赣州市财政局'}})")
        with pytest.raises(ConstraintError):
            neo4j_driver.execute_query(f"CREATE (:`{run_label}` {{id: '赣州市财政局'}})")
        records, _, _ = neo4j_driver.execute_query(f"MATCH (n:`{run_label}`) RETURN count(n) AS n")
        assert records[0]["n"] == 1
    finally:
        neo4j_driver.execute_query(f"DROP CONSTRAINT `{constraint}` IF EXISTS")


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param("CREATE (:{label} {{id: 'x'}})", id="create"),
        pytest.param("MERGE (:{label} {{id: 'x'}})", id="merge"),
        pytest.param("MATCH (n:{label}) SET n.touched = true", id="set"),
        pytest.param("MATCH (n:{label}) DETACH DELETE n", id="delete"),
    ],
)
def test_read_session_refuses_writes(neo4j_driver: Driver, run_label: str, statement: str) -> None:
    """A session opened in READ access mode cannot change the graph: the server rejects the statement."""
    neo4j_driver.execute_query(f"CREATE (:`{run_label}` {{id: 'kept'}})")
    with neo4j_driver.session(default_access_mode=READ_ACCESS) as session:
        with pytest.raises(ClientError) as refused:
            session.run(statement.format(label=f"`{run_label}`")).consume()
    assert refused.value.code == "Neo.ClientError.Statement.AccessMode"
    records, _, _ = neo4j_driver.execute_query(f"MATCH (n:`{run_label}`) RETURN collect(n.id) AS ids")
    assert records[0]["ids"] == ["kept"]


@needs_launcher
def test_failed_start_reports_the_jvm_log(tmp_path: Path) -> None:
    """When the server cannot start (port taken), the error names the cause from the JVM's own log."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(Neo4jLaunchError, match="Address already in use"):
            start_embedded_neo4j(tmp_path, port=busy.getsockname()[1], timeout=60)


@needs_launcher
def test_context_manager_stops_the_server_when_the_body_fails(tmp_path: Path) -> None:
    """A failing test body still stops the JVM, so no server outlives the test session."""
    with pytest.raises(RuntimeError, match="test body failed"):
        with EmbeddedNeo4j(tmp_path) as server:
            assert server.running
            raise RuntimeError("test body failed")
    assert not server.running
