"""Hostile Cypher through the read-only endpoint of a server on the Neo4j engine: nothing is written.

Every write clause, schema command, ``LOAD CSV`` and write procedure is refused (403 A008) in any case,
after comments, inside subqueries and with Unicode whitespace, by GET and by POST; a pathological
pattern (cartesian product, unbounded variable-length path) is stopped as too expensive (422 A009); and
the ordinary routes treat injection strings as data on this engine too. The graph's counts are compared
before and after.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from bench.load import prepare_store
from graph.settings import load_settings
from tests.test_hostile_queries import INJECTIONS, ROUTES

pytestmark = pytest.mark.neo4j

TIMEOUT_S = 2.0


@pytest.fixture(scope="module")
def client(
    tmp_path_factory: pytest.TempPathFactory, neo4j_uri: str, neo4j_auth: tuple[str, str] | None
) -> Iterator[TestClient]:
    data_dir = tmp_path_factory.mktemp("cypher")
    prepare_store(data_dir)
    user, password = neo4j_auth or ("neo4j", None)
    settings = load_settings(
        environ={},
        data_dir=data_dir,
        engine="neo4j",
        neo4j_uri=neo4j_uri,
        neo4j_user=user,
        neo4j_password=password,
        query_timeout_s=TIMEOUT_S,
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _counts(client: TestClient) -> tuple[dict[str, int], dict[str, int]]:
    return client.app.state.service.engine().counts()  # type: ignore[attr-defined]


CYPHER_WRITES = [
    pytest.param("CREATE (n:Evil) RETURN n", id="create"),
    pytest.param("create (n:Evil)", id="create-lower"),
    pytest.param("CrEaTe (n:Evil)", id="create-mixed"),
    pytest.param("MERGE (n:Evil {id: 'x'}) RETURN n", id="merge"),
    pytest.param("MATCH (n:Task) DELETE n", id="delete"),
    pytest.param("MATCH (n) DETACH DELETE n", id="detach-delete"),
    pytest.param("MATCH (n:Task) SET n.text = 'x'", id="set-property"),
    pytest.param("MATCH (n:Task) SET n:Evil", id="set-label"),
    pytest.param("MATCH (n:Task) REMOVE n.text", id="remove"),
    pytest.param("DROP CONSTRAINT zwgk_node_id", id="drop-constraint"),
    pytest.param("DROP INDEX zwgk_directive_level IF EXISTS", id="drop-index"),
    pytest.param("CREATE INDEX evil FOR (n:Task) ON (n.x)", id="create-index"),
    pytest.param("LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row", id="load-csv-http"),
    pytest.param("LOAD CSV WITH HEADERS FROM 'file:///etc/passwd' AS row RETURN row", id="load-csv-file"),
    pytest.param("CALL db.createLabel('Evil')", id="call-create-label"),
    pytest.param("CALL db.clearQueryCaches()", id="call-clear-caches"),
    pytest.param("CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", id="call-set-config"),
    pytest.param("CALL `db.createLabel`('Evil')", id="call-backticked"),
    pytest.param("CALL db.labels() YIELD label CREATE (:Evil {name: label})", id="read-call-then-create"),
    pytest.param("CALL { CREATE (n:Evil) } RETURN 1", id="subquery-create"),
    pytest.param("MATCH (n:Task) CALL { WITH n SET n.x = 1 } RETURN count(*)", id="subquery-set"),
    pytest.param("UNWIND [1] AS x FOREACH (i IN [x] | CREATE (:Evil))", id="foreach"),
    pytest.param("MATCH (n) RETURN n LIMIT 1 UNION MATCH (n) DETACH DELETE n RETURN n", id="union-delete"),
    pytest.param("// a comment\nCREATE (n:Evil)", id="after-line-comment"),
    pytest.param("/* a\ncomment */ CREATE (n:Evil)", id="after-block-comment"),
    pytest.param("MATCH (n) RETURN n /* */ ; CREATE (n:Evil)", id="second-statement"),
    pytest.param("CREATE\u00a0(n:Evil)", id="nbsp"),
    pytest.param("CREATE\u3000(n:Evil)", id="ideographic-space"),
    pytest.param("\u2028CREATE (n:Evil)", id="line-separator"),
    pytest.param("\ufeffCREATE (n:Evil)", id="bom"),
    pytest.param("CREATE DATABASE evil", id="create-database"),
    pytest.param("STOP DATABASE neo4j", id="stop-database"),
    pytest.param("ALTER CURRENT USER SET PASSWORD FROM 'a' TO 'b'", id="alter-user"),
    pytest.param("GRANT ALL ON DATABASE * TO PUBLIC", id="grant"),
    pytest.param("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", id="terminate"),
    pytest.param("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS", id="in-transactions"),
]


@pytest.mark.parametrize("transport", ["get", "post"])
@pytest.mark.parametrize("statement", CYPHER_WRITES)
def test_cypher_write_in_any_spelling_is_refused(client: TestClient, transport: str, statement: str) -> None:
    """Each write form gets 403 A008 before it reaches the database."""
    if transport == "get":
        response = client.get("/api/cypher", params={"query": statement})
    else:
        response = client.post("/api/cypher", json={"statement": statement})
    assert response.status_code == 403, response.text
    assert response.json()["error"]["code"] == "A008"


def test_hostile_cypher_leaves_the_graph_as_it_was(client: TestClient) -> None:
    """After every refused form, node and relationship counts are unchanged and no :Evil node exists."""
    before = _counts(client)
    for param in CYPHER_WRITES:
        client.post("/api/cypher", json={"statement": param.values[0]})
    assert _counts(client) == before
    evil = client.get("/api/cypher", params={"query": "MATCH (n:Evil) RETURN count(n) AS n"})
    assert evil.status_code == 200 and evil.json()["rows"] == [{"n": 0}]


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param(
            "MATCH (t:Task) WHERE t.text CONTAINS 'CREATE' RETURN count(t) AS n", id="keyword-in-string"
        ),
        pytest.param("// DETACH DELETE\nMATCH (t:Task) RETURN count(t) AS n", id="keyword-in-comment"),
        pytest.param("MATCH (t:Task) RETURN {set: 1, create: 2} AS m LIMIT 1", id="keyword-as-map-key"),
        pytest.param("MATCH (t:Task) RETURN t.delete AS d LIMIT 1", id="keyword-as-property"),
        pytest.param("CALL db.labels() YIELD label RETURN label", id="read-procedure"),
        pytest.param(
            "MATCH (d:Directive) CALL { WITH d MATCH (d)-[:HAS_TASK]->(t) RETURN count(t) AS n } RETURN n LIMIT 3",
            id="read-subquery",
        ),
        pytest.param(
            "MATCH (d:Directive) CALL (d) { MATCH (d)-[:HAS_TASK]->(t) RETURN count(t) AS n } RETURN n LIMIT 3",
            id="read-scoped-subquery",
        ),
    ],
)
def test_read_statements_that_merely_mention_a_keyword_are_answered(
    client: TestClient, statement: str
) -> None:
    """The refusal reads clauses, not substrings."""
    response = client.post("/api/cypher", json={"statement": statement})
    assert response.status_code == 200, response.text


def test_parameters_are_values_never_statement_text(client: TestClient) -> None:
    """An injection string passed as a parameter is compared as a value: no rows, no error, no change."""
    before = _counts(client)
    for param in INJECTIONS:
        response = client.post(
            "/api/cypher",
            json={
                "statement": "MATCH (u:Unit) WHERE u.name = $name RETURN count(u) AS n",
                "parameters": {"name": param.values[0]},
            },
        )
        assert response.status_code == 200 and response.json()["rows"] == [{"n": 0}], response.text
    assert _counts(client) == before


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param("MATCH (a), (b), (c) WHERE a.id < b.id < c.id RETURN count(*) AS n", id="cartesian"),
        pytest.param("MATCH p = (a)-[*]-(b) RETURN count(p) AS n", id="unbounded-path"),
        pytest.param("MATCH (a), (b) RETURN a.id, b.id", id="too-many-rows"),
    ],
)
def test_pathological_cypher_is_stopped_as_too_expensive(client: TestClient, statement: str) -> None:
    """A pattern that would run for ever or return everything gets 422 A009 within the limit."""
    started = time.monotonic()
    response = client.get("/api/cypher", params={"query": statement})
    elapsed = time.monotonic() - started
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "A009" and "too expensive" in error["message"].lower()
    assert elapsed < TIMEOUT_S + 10, f"{elapsed:.1f} s for a {TIMEOUT_S:g} s limit"
    assert client.get("/api/stats").status_code == 200


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize(("route", "param"), ROUTES)
def test_injection_strings_get_ordinary_answers_on_the_neo4j_engine(
    client: TestClient, route: str, param: str, payload: str
) -> None:
    """On Neo4j, route parameters travel as Cypher parameters: an answer or 'not found', never a fault."""
    response = client.get(route, params={param: payload})
    assert response.status_code in (200, 404), response.text


def test_injection_on_the_neo4j_engine_changes_nothing(client: TestClient) -> None:
    before = _counts(client)
    for param in INJECTIONS:
        for route in ("/api/search", "/api/responsibilities", "/api/lineage"):
            key = {"/api/search": "q", "/api/responsibilities": "unit", "/api/lineage": "directive"}[route]
            client.get(route, params={key: param.values[0]})
    assert _counts(client) == before
