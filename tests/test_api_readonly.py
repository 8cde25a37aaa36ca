"""Read-only SPARQL and Cypher: every write form refused, time and row limits enforced with a clear error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.readonly import check_cypher, check_sparql
from tests import api_support
from tests.api_support import assert_error, settings_for

client = api_support.client  # shared fixture
corpus_dir = api_support.corpus_dir  # shared fixture

ZWGK = "PREFIX zwgk: <https://zwgk.example.org/ontology#>\n"

SPARQL_WRITES = [
    pytest.param("INSERT DATA { <urn:a> <urn:b> <urn:c> }", id="insert-data"),
    pytest.param("insert data { <urn:a> <urn:b> 'x' }", id="lower-case"),
    pytest.param("InSeRt DaTa { <urn:a> <urn:b> 'x' }", id="mixed-case"),
    pytest.param("DELETE WHERE { ?s ?p ?o }", id="delete-where"),
    pytest.param("DELETE { ?s ?p ?o } INSERT { ?s ?p 'x' } WHERE { ?s ?p ?o }", id="modify"),
    pytest.param("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", id="with"),
    pytest.param("LOAD <http://example.org/data.ttl>", id="load"),
    pytest.param("CLEAR ALL", id="clear"),
    pytest.param("DROP GRAPH <urn:g>", id="drop"),
    pytest.param("CREATE GRAPH <urn:g>", id="create"),
    pytest.param("COPY DEFAULT TO <urn:g>", id="copy"),
    pytest.param("MOVE <urn:a> TO <urn:b>", id="move"),
    pytest.param("ADD <urn:a> TO <urn:b>", id="add"),
    pytest.param("SELECT * WHERE { ?s ?p ?o } ;\nDROP ALL", id="query-then-update"),
    pytest.param("# a comment\nCLEAR DEFAULT", id="after-comment"),
    pytest.param(
        "PREFIX ex: <http://e/> # SELECT\nINSERT DATA { ex:a ex:b ex:c }", id="comment-hides-select"
    ),
    pytest.param("\\u0049NSERT DATA { <urn:a> <urn:b> <urn:c> }", id="unicode-escape"),
    pytest.param("SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }", id="service"),
    pytest.param("SELECT * WHERE { service   silent <http://x/> { ?s ?p ?o } }", id="service-silent"),
]

SPARQL_READS = [
    pytest.param("SELECT * WHERE { ?s ?p ?o } LIMIT 1", id="select"),
    pytest.param("ASK { ?s ?p ?o }", id="ask"),
    pytest.param("SELECT ?s WHERE { ?s ?p 'insert data delete where' } LIMIT 1", id="keywords-in-string"),
    pytest.param("SELECT ?s WHERE { ?s <http://x/y#drop> ?o } LIMIT 1", id="keyword-in-iri"),
    pytest.param(
        "PREFIX load: <http://x/>\nSELECT ?clear WHERE { ?clear load:add ?o } LIMIT 1", id="keyword-names"
    ),
    pytest.param("SELECT * WHERE { ?s ?p ?o } # then DELETE everything\nLIMIT 1", id="keyword-in-comment"),
    pytest.param('SELECT ?s WHERE { ?s ?p """multi\nline INSERT""" } LIMIT 1', id="long-string"),
]

CYPHER_WRITES = [
    pytest.param("CREATE (n:Node {id: 'x'})", id="create"),
    pytest.param("create (n)", id="lower-case"),
    pytest.param("MATCH (n) MeRgE (m {id: n.id})", id="merge-mixed-case"),
    pytest.param("MATCH (n) DELETE n", id="delete"),
    pytest.param("MATCH (n) DETACH DELETE n", id="detach-delete"),
    pytest.param("MATCH (n) SET n.x = 1 RETURN n", id="set"),
    pytest.param("MATCH (n) REMOVE n.x RETURN n", id="remove"),
    pytest.param("DROP INDEX zwgk_task_directive", id="drop"),
    pytest.param("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", id="load-csv"),
    pytest.param("MATCH (n) FOREACH (x IN [1] | SET n.y = x)", id="foreach"),
    pytest.param("CALL apoc.create.node(['X'], {})", id="write-procedure"),
    pytest.param("CALL `apoc`.create.node(['X'], {})", id="quoted-procedure"),
    pytest.param("CALL dbms.security.createUser('x', 'y')", id="admin-procedure"),
    pytest.param("MATCH (n) RETURN n /* harmless */ ; CREATE (m)", id="after-comment"),
    pytest.param("MATCH (n) // comment\nSET n.a = 1", id="after-line-comment"),
    pytest.param("CALL { CREATE (n) RETURN n } RETURN 1", id="subquery-write"),
    pytest.param("ALTER USER neo4j SET PASSWORD 'x'", id="alter-user"),
    pytest.param("GRANT ROLE admin TO x", id="grant"),
]

CYPHER_READS = [
    pytest.param("MATCH (n:Unit) RETURN n.name LIMIT 3", id="match"),
    pytest.param("MATCH (n) WHERE n.name STARTS WITH 'CREATE' RETURN n.name LIMIT 1", id="keyword-in-string"),
    pytest.param("MATCH (n:Node) RETURN n.set, n.`delete` LIMIT 1", id="keyword-properties"),
    pytest.param("MATCH (t:Task)-[r:ASSIGNED {role: 'lead'}]->(u) RETURN count(*) AS n", id="pattern"),
    pytest.param("MATCH (n) RETURN n.id // DELETE later\nLIMIT 1", id="keyword-in-comment"),
    pytest.param("CALL db.labels() YIELD label RETURN label", id="read-procedure"),
    pytest.param("CALL { MATCH (n:Unit) RETURN n } RETURN count(n) AS units", id="read-subquery"),
]


@pytest.mark.parametrize("query", SPARQL_WRITES)
def test_sparql_write_forms_are_refused(query: str) -> None:
    refusal = check_sparql(query)
    assert refusal is not None and refusal.keyword in refusal.message


@pytest.mark.parametrize("query", SPARQL_READS)
def test_sparql_read_queries_pass_the_check(query: str) -> None:
    assert check_sparql(query) is None


@pytest.mark.parametrize("statement", CYPHER_WRITES)
def test_cypher_write_forms_are_refused(statement: str) -> None:
    assert check_cypher(statement) is not None


@pytest.mark.parametrize("statement", CYPHER_READS)
def test_cypher_read_statements_pass_the_check(statement: str) -> None:
    assert check_cypher(statement) is None


@pytest.mark.parametrize("query", SPARQL_WRITES)
def test_sparql_endpoint_refuses_writes_in_every_protocol_form(client: TestClient, query: str) -> None:
    """GET ?query=, POST form and POST application/sparql-query are all refused with 403 A008."""
    assert_error(client.get("/api/sparql", params={"query": query}), 403, "A008")
    assert_error(client.post("/api/sparql", data={"query": query}), 403, "A008")
    body = client.post(
        "/api/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert_error(body, 403, "A008")


def test_sparql_update_operation_is_refused(client: TestClient) -> None:
    """The protocol's update operation (update= or application/sparql-update) is never accepted."""
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    assert_error(client.post("/api/sparql", data={"update": update}), 403, "A008")
    sent = client.post(
        "/api/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update"}
    )
    assert_error(sent, 403, "A008")
    assert_error(client.get("/api/sparql", params={"update": update}), 403, "A008")


def test_sparql_answers_agree_with_the_graph(client: TestClient) -> None:
    """The SPARQL view holds the same graph: it counts as many directives as the stats route."""
    stats = client.get("/api/stats").json()["data"]
    query = ZWGK + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a zwgk:Directive }"
    response = client.get("/api/sparql", params={"query": query})
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    body = response.json()
    assert body["head"]["vars"] == ["n"]
    assert int(body["results"]["bindings"][0]["n"]["value"]) == stats["nodes"]["Directive"]


@pytest.mark.parametrize(
    ("query", "accept", "media"),
    [
        pytest.param("ASK { ?s ?p ?o }", None, "application/sparql-results+json", id="ask-json"),
        pytest.param("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", "text/csv", "text/csv", id="select-csv"),
        pytest.param(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3",
            None,
            "application/n-triples",
            id="construct-nt",
        ),
        pytest.param(
            "DESCRIBE <https://zwgk.example.org/id/domain/fiscal>",
            "text/turtle",
            "text/turtle",
            id="describe-ttl",
        ),
    ],
)
def test_sparql_result_formats(client: TestClient, query: str, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.post(
        "/api/sparql", content=query.encode(), headers={**headers, "Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)


def test_sparql_syntax_error_is_400(client: TestClient) -> None:
    assert_error(client.get("/api/sparql", params={"query": "SELEKT * WHERE {"}), 400, "A011")
    assert_error(client.get("/api/sparql"), 400, "A001")


@pytest.fixture()
def strict(corpus_dir: Path) -> Iterator[TestClient]:
    """An app with a 1-second time limit and a 5-row limit."""
    app = create_app(settings_for(corpus_dir, query_timeout_s=1.0, query_row_limit=5))
    with TestClient(app) as test_client:
        yield test_client


def test_sparql_query_over_the_time_limit_is_stopped(strict: TestClient) -> None:
    """A runaway cross product is ended after ZWGK_QUERY_TIMEOUT_S, and the endpoint keeps working."""
    import time

    strict.get("/api/sparql", params={"query": "ASK { ?s ?p ?o }"})  # the worker is up
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    error = assert_error(strict.get("/api/sparql", params={"query": query}), 422, "A009")
    assert time.monotonic() - started < 5
    assert "too expensive" in error["message"].lower()
    after = strict.get("/api/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert after.status_code == 200 and after.json()["boolean"] is True


def test_sparql_query_over_the_row_limit_is_refused(strict: TestClient) -> None:
    error = assert_error(
        strict.get("/api/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}), 422, "A009"
    )
    assert error["detail"]["row_limit"] == 5
    limited = strict.get("/api/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
    assert len(limited.json()["results"]["bindings"]) == 5


def test_cypher_needs_the_neo4j_engine(client: TestClient) -> None:
    """On the embedded engine the Cypher endpoint says so instead of pretending."""
    error = assert_error(
        client.get("/api/cypher", params={"query": "MATCH (n) RETURN n LIMIT 1"}), 404, "A010"
    )
    assert "ZWGK_ENGINE" in error["message"]


@pytest.fixture(scope="module")
def neo4j_client(
    tmp_path_factory: pytest.TempPathFactory, neo4j_uri: str, neo4j_auth: tuple[str, str] | None
) -> Iterator[TestClient]:
    """An app on the Neo4j engine, over a few seed documents, with a 2 s limit and a 50-row limit."""
    from graph.store import open_store
    from tests.graph_support import corpus_documents

    data_dir = tmp_path_factory.mktemp("api-neo4j")
    with open_store(data_dir) as store:
        store.put_many(corpus_documents()[:6])
    user, password = neo4j_auth or ("neo4j", None)
    settings = settings_for(
        data_dir,
        engine="neo4j",
        neo4j_uri=neo4j_uri,
        neo4j_user=user,
        neo4j_password=password,
        query_timeout_s=2.0,
        query_row_limit=50,
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.mark.neo4j
def test_cypher_reads_on_neo4j(neo4j_client: TestClient) -> None:
    stats = neo4j_client.get("/api/stats").json()["data"]
    response = neo4j_client.post(
        "/api/cypher", json={"statement": "MATCH (d:Directive) RETURN count(d) AS n"}
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"columns": ["n"], "rows": [{"n": stats["nodes"]["Directive"]}]}


@pytest.mark.neo4j
@pytest.mark.parametrize("statement", CYPHER_WRITES[:8])
def test_cypher_writes_are_refused_on_neo4j(neo4j_client: TestClient, statement: str) -> None:
    before = neo4j_client.post("/api/cypher", json={"statement": "MATCH (n) RETURN count(n) AS n"}).json()
    assert_error(neo4j_client.post("/api/cypher", json={"statement": statement}), 403, "A008")
    after = neo4j_client.post("/api/cypher", json={"statement": "MATCH (n) RETURN count(n) AS n"}).json()
    assert before == after


@pytest.mark.neo4j
def test_neo4j_read_session_refuses_a_write_the_text_check_missed(neo4j_client: TestClient) -> None:
    """Second safeguard: the READ access mode makes the server itself refuse a write."""
    engine = neo4j_client.app.state.service.engine()
    with pytest.raises(Exception) as caught:
        engine.read_cypher("CREATE (n:Intruder) RETURN n", timeout_s=2.0, limit=5)
    assert "AccessMode" in str(getattr(caught.value, "code", "")) or "write" in str(caught.value).lower()
    rows = neo4j_client.post("/api/cypher", json={"statement": "MATCH (n:Intruder) RETURN count(n) AS n"})
    assert rows.json()["rows"] == [{"n": 0}]


@pytest.mark.neo4j
def test_cypher_limits_on_neo4j(neo4j_client: TestClient) -> None:
    """Over the row limit or the time limit: 422 A009 'too expensive'."""
    many = neo4j_client.post("/api/cypher", json={"statement": "MATCH (n) RETURN n.id"})
    assert_error(many, 422, "A009")
    slow = "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n"
    assert_error(neo4j_client.post("/api/cypher", json={"statement": slow}), 422, "A009")
