"""Query routes: thin shells over graph.queries, in JSON, CSV, Excel and graph formats, paged."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from rdflib import Graph

from api.app import create_app
from api.tables import LEDGER_COLUMNS
from graph import queries
from graph.results import to_jsonable
from tests import api_support
from tests.api_support import settings_for

client = api_support.client  # shared fixture
corpus_dir = api_support.corpus_dir  # shared fixture

UNITS = [
    pytest.param("赣州市财政局", id="ganzhou-finance"),
    pytest.param("江门市财政局", id="jiangmen-finance"),
]


def engine(client: TestClient):
    return client.app.state.service.engine()


def csv_rows(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "CSV starts with a BOM so Excel/WPS read the Chinese correctly"
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.mark.parametrize("unit", UNITS)
def test_responsibilities_route_returns_the_core_functions_rows(client: TestClient, unit: str) -> None:
    """The JSON data is exactly what zwgk query gets from graph.queries.responsibilities."""
    body = client.get("/api/responsibilities", params={"unit": unit, "limit": 1000}).json()
    expected = to_jsonable(queries.responsibilities(engine(client), unit, limit=1000).rows)
    assert body["data"] == expected
    assert body["query"] == {"name": "responsibilities", "params": {"unit": unit}}
    assert body["page"]["total"] == len(expected) > 0
    for row in body["data"]:
        assert row["evidence"]["file"] and row["evidence"]["text"], "every row points back to its source"


def test_units_for_is_paged_with_limit_and_offset(client: TestClient) -> None:
    """limit/offset slice the hits; total counts them all; next links to the following page."""
    core = to_jsonable(queries.units_for(engine(client), None, limit=None).hits)
    first = client.get("/api/units-for", params={"limit": 7, "offset": 3}).json()
    assert first["data"]["total_hits"] == len(core) and len(first["data"]["by_unit"]) <= 7
    assert first["data"]["hits"] == core[3:10]
    assert first["page"]["total"] == len(core)
    following = client.get(first["page"]["next"]).json()
    assert following["data"]["hits"] == core[10:17]
    last = client.get("/api/units-for", params={"limit": 5, "offset": len(core) - 2}).json()
    assert len(last["data"]["hits"]) == 2 and last["page"]["next"] is None


def test_units_for_the_fiscal_domain_includes_narrower_domains(client: TestClient) -> None:
    """Asking for 财政信息公开 also finds tasks tagged with its narrower concepts."""
    data = client.get("/api/units-for", params={"domain": "财政信息公开", "role": "lead"}).json()["data"]
    assert len(data["domains"]) > 1 and data["domain"] in data["domains"]
    assert data["hits"] and all(h["role"] == "lead" for h in data["hits"])
    assert all(set(h["domains"]) & set(data["domains"]) for h in data["hits"])


def test_search_pages_are_consecutive(client: TestClient) -> None:
    whole = client.get("/api/search", params={"q": "政务公开", "limit": 40}).json()
    page = client.get("/api/search", params={"q": "政务公开", "limit": 10, "offset": 10}).json()
    assert page["data"] == whole["data"][10:20]
    assert whole["page"]["total"] == page["page"]["total"]


def test_ids_are_stable_across_server_restarts(client: TestClient, corpus_dir) -> None:
    """The same store gives the same ids in a new process: links and bookmarks keep working."""
    first = client.get("/api/search", params={"q": "财政", "limit": 50}).json()["data"]
    with TestClient(create_app(settings_for(corpus_dir))) as again:
        second = again.get("/api/search", params={"q": "财政", "limit": 50}).json()["data"]
    assert [h["id"] for h in first] == [h["id"] for h in second]


@pytest.mark.parametrize(
    ("url", "name"),
    [
        pytest.param("/api/stats", "stats", id="stats"),
        pytest.param("/api/lineage?directive=国办发〔2019〕54号&direction=down", "lineage", id="lineage"),
        pytest.param(
            "/api/neighbourhood?node=domain/fiscal&depth=1&limit=30", "neighbourhood", id="neighbourhood"
        ),
        pytest.param("/api/matrix", "matrix", id="matrix"),
        pytest.param("/api/vocabulary", "vocabulary", id="vocabulary"),
    ],
)
def test_query_routes_answer_in_the_common_envelope(client: TestClient, url: str, name: str) -> None:
    body = client.get(url).json()
    assert set(body) == {"query", "data", "page"}
    assert body["query"]["name"] == name


def _plan_with_ingested_parent(client: TestClient) -> tuple[str, str]:
    """A plan with tasks whose lineage reaches an ingested directive one step up."""
    documents = client.get("/api/documents", params={"limit": 1000}).json()["data"]
    for document in (d for d in documents if d["tasks"]):
        up = client.get("/api/lineage", params={"directive": document["id"], "depth": 1}).json()["data"]
        for node in up["nodes"]:
            if node["depth"] == 1 and not node["directive"]["stub"]:
                return node["directive"]["id"], document["id"]
    pytest.skip("no plan of the corpus carries out an ingested directive")


def test_aligned_tasks_and_coverage_follow_the_lineage(client: TestClient) -> None:
    """A lower plan's tasks are matched against the tasks of the plan it carries out."""
    parent, child = _plan_with_ingested_parent(client)
    coverage = client.get("/api/coverage", params={"parent": parent, "child": child}).json()["data"]
    assert coverage == to_jsonable(queries.coverage(engine(client), parent, child))
    tasks = client.get(f"/api/documents/{child}/tasks").json()["data"]
    task = tasks[0]["task"]["id"]
    aligned = client.get("/api/aligned-tasks", params={"task": task}).json()["data"]
    assert aligned == to_jsonable(queries.aligned_tasks(engine(client), task))
    assert all(a["directive"]["id"] == parent for a in aligned)


@pytest.mark.parametrize("unit", UNITS)
def test_responsibilities_as_csv(client: TestClient, unit: str) -> None:
    """?format=csv gives one line per row with flattened evidence columns."""
    response = client.get("/api/responsibilities", params={"unit": unit, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = csv_rows(response)
    core = queries.responsibilities(engine(client), unit).rows
    assert len(rows) == len(core)
    assert {"role", "text", "evidence.file", "evidence.line_start"} <= set(rows[0])
    assert [r["task.id"] for r in rows] == [c.task.id for c in core]


def test_csv_by_accept_header(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "财政局"}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert csv_rows(response)


@pytest.mark.parametrize("unit", UNITS)
def test_unit_ledger_is_an_excel_workbook_with_the_ledger_columns(client: TestClient, unit: str) -> None:
    """The 工作台账 of a unit: one line per task, with 出处 naming the file and lines."""
    response = client.get("/api/responsibilities", params={"unit": unit, "format": "xlsx"})
    assert response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert tuple(c.value for c in sheet[3]) == LEDGER_COLUMNS
    lines = list(sheet.iter_rows(min_row=4, values_only=True))
    core = queries.responsibilities(engine(client), unit, limit=None).rows
    assert len(lines) == len(core)
    assert all(line[6] and core[0].evidence.file for line in lines)
    assert [line[1] for line in lines] == [row.text for row in core]


def test_lineage_as_turtle_graphml_and_jsonld(client: TestClient) -> None:
    """Graph answers export to RDF (same triples as SPARQL sees) and GraphML."""
    params = {"directive": "国办发〔2019〕54号", "direction": "down"}
    data = client.get("/api/lineage", params=params).json()["data"]
    ttl = client.get("/api/lineage", params={**params, "format": "ttl"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=ttl.text, format="turtle")
    subjects = {str(s) for s in graph.subjects()}
    assert all(any(s.endswith(n["directive"]["id"]) for s in subjects) for n in data["nodes"])
    graphml = client.get("/api/lineage", params={**params, "format": "graphml"})
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    nxg = nx.read_graphml(io.BytesIO(graphml.content))
    assert set(nxg.nodes) == {n["directive"]["id"] for n in data["nodes"]}
    assert nxg.number_of_edges() == len(data["links"])
    jsonld = client.get("/api/lineage", params=params, headers={"Accept": "application/ld+json"})
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(graph)


def test_neighbourhood_graphml_keeps_node_types(client: TestClient) -> None:
    params = {"node": "domain/fiscal", "depth": 1, "limit": 40}
    data = client.get("/api/neighbourhood", params=params).json()["data"]
    nxg = nx.read_graphml(
        io.BytesIO(client.get("/api/neighbourhood", params={**params, "format": "graphml"}).content)
    )
    assert {n: d["type"] for n, d in nxg.nodes(data=True)} == {n["id"]: n["type"] for n in data["nodes"]}


def test_matrix_counts_agree_with_units_for(client: TestClient) -> None:
    """Each cell's task count is the number of distinct tasks units_for finds for that function and domain."""
    grid = client.get("/api/matrix").json()["data"]
    vocabulary = client.get("/api/vocabulary").json()["data"]
    top = vocabulary["top"]
    hits = queries.units_for(engine(client), None, limit=None).hits
    for cell in grid["cells"][:12]:
        expected = {
            h.task.id
            for h in hits
            if not h.is_group
            and (h.function or "function/-") == cell["row"]
            and any(top.get(d, d) == cell["column"] for d in h.domains)
        }
        assert cell["tasks"] == len(expected)


def test_ask_answers_the_fiscal_question_and_shows_how_it_was_understood(client: TestClient) -> None:
    """哪些单位牵头财政信息公开工作？ is understood as units_for(fiscal, lead) and answered with units."""
    pytest.importorskip("graph.ask")
    body = client.get("/api/ask", params={"q": "哪些单位牵头财政信息公开工作？"}).json()
    data = body["data"]
    assert data["understood"] and data["query"] == "units_for"
    assert data["params"].get("role") == "lead"
    assert any("财政" in u["unit"] for u in data["answer"]["by_unit"])


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = json.loads(client.get("/openapi.json").text)["paths"]
    for route in (
        "/api/stats",
        "/api/search",
        "/api/responsibilities",
        "/api/units-for",
        "/api/lineage",
        "/api/aligned-tasks",
        "/api/coverage",
        "/api/neighbourhood",
        "/api/ask",
        "/api/tasks",
        "/api/cited-by",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/tasks/{task_id}",
        "/api/sparql",
        "/api/cypher",
        "/api/matrix",
    ):
        assert route in paths, route
    assert "multipart/form-data" in paths["/api/documents"]["post"]["requestBody"]["content"]


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/api/responsibilities?unit=赣州市财政局", id="responsibilities"),
        pytest.param("/api/units-for?domain=财政信息公开&role=lead", id="units-for"),
        pytest.param("/api/lineage?directive=国办发〔2019〕54号&direction=down", id="lineage"),
        pytest.param("/api/matrix", id="matrix"),
        pytest.param("/api/search?q=财政局", id="search"),
    ],
)
def test_routes_answer_the_same_on_the_rdf_engine(
    client: TestClient, rdf_client: TestClient, url: str
) -> None:
    """ZWGK_ENGINE=rdf serves the same answers: the routes only call the engine-independent queries."""
    assert rdf_client.get(url).json() == client.get(url).json()


@pytest.fixture(scope="module")
def rdf_client(corpus_dir: Path) -> Iterator[TestClient]:
    pytest.importorskip("graph.rdf")
    with TestClient(create_app(settings_for(corpus_dir, engine="rdf"))) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"unit": "赣州市大数据管理局", "role": "lead"}, id="unit-role"),
        pytest.param({"region": "赣州市", "missing_role": "lead"}, id="region-missing-lead"),
        pytest.param({"domain": "财政信息公开"}, id="domain"),
        pytest.param({"due_before": "2021-10-31", "due_after": "2021-01-01"}, id="deadline-window"),
    ],
)
def test_tasks_route_is_find_tasks(client: TestClient, params: dict[str, str]) -> None:
    """/api/tasks answers with graph.queries.find_tasks, paged, and as a 工作台账."""
    expected = to_jsonable(queries.find_tasks(engine(client), **params))
    body = client.get("/api/tasks", params={**params, "limit": 1000}).json()
    assert body["data"] == expected and body["page"]["total"] == len(expected)
    sheet = load_workbook(
        io.BytesIO(client.get("/api/tasks", params={**params, "format": "xlsx"}).content)
    ).active
    assert [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)] == [t["text"] for t in expected]


def test_cited_by_route_is_the_core_query(client: TestClient) -> None:
    body = client.get("/api/cited-by", params={"directive": "国办发〔2019〕54号"}).json()
    assert body["data"] == to_jsonable(queries.cited_by(engine(client), "国办发〔2019〕54号"))
    assert body["data"] and all(row["evidence"]["file"] for row in body["data"])


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "graphml", "csv"])
def test_whole_graph_export_is_what_zwgk_export_writes(client: TestClient, fmt: str) -> None:
    """/api/export gives the same file as `zwgk export --format …` on the same store."""
    from graph.export import MEDIA_TYPES, export

    response = client.get("/api/export", params={"format": fmt})
    assert response.headers["content-type"].split(";")[0] == MEDIA_TYPES[fmt].split(";")[0]
    assert response.content.decode("utf-8") == export(client.app.state.service.model(), fmt)


@pytest.mark.parametrize(
    ("route", "params", "field"),
    [
        pytest.param("/api/responsibilities", {"unit": "赣州市财政局"}, None, id="responsibilities"),
        pytest.param("/api/units-for", {"domain": "财政信息公开"}, "by_unit", id="units-for-units"),
        pytest.param(
            "/api/lineage",
            {"directive": "国办发〔2019〕54号", "direction": "down"},
            "nodes",
            id="lineage-down",
        ),
        pytest.param("/api/search", {"q": "财政"}, None, id="search"),
    ],
)
def test_following_next_links_gives_the_whole_answer(
    client: TestClient, route: str, params: dict[str, str], field: str | None
) -> None:
    """Pages of 2 rows, read by following page.next, are the one-page answer; page.total counts it."""

    def rows(body: dict) -> list:
        return body["data"] if field is None else body["data"][field]

    whole = client.get(route, params={**params, "limit": 1000}).json()
    assert len(rows(whole)) > 2, "the answer spans several pages"
    body = client.get(route, params={**params, "limit": 2}).json()
    collected = rows(body)
    while body["page"]["next"]:
        body = client.get(body["page"]["next"]).json()
        collected += rows(body)
    assert collected == rows(whole)
    if field != "by_unit":
        assert whole["page"]["total"] == len(rows(whole))
