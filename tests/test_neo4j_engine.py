"""The Neo4j engine answers exactly as the embedded engine, reads in READ mode and survives outages.

The graph is built by :func:`graph.builder.build_model` from the hand-checked extraction of the five
seed documents (tests/gold/seeds), so the comparison runs on real unit, domain and directive names
without depending on the extractor's accuracy. These tests compare the engine's fetches one by one;
tests/test_graph_contract.py compares the answers of every query on the bundled corpus.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j.exceptions import ClientError

from graph.builder import build_model
from graph.embedded import EmbeddedEngine
from graph.engine import AssignmentFilter, Engine
from graph.errors import EngineUnavailable, InvalidArgument
from graph.model import Edge, GraphModel, Node
from graph.neo4j_engine import Neo4jEngine
from graph.neo4j_retry import RetryPolicy
from ingest.records import (
    ROLES,
    Citation,
    DocumentMeta,
    DomainTag,
    ExtractedDocument,
    Source,
    Span,
    Task,
    UnitMention,
)

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "seeds"
SEEDS = ROOT / "data" / "corpus" / "seeds"


def _span(name: str, text: str, start: int, end: int) -> Span:
    return Span(
        name, text.count("\n", 0, start) + 1, text.count("\n", 0, max(start, end - 1)) + 1, start, end
    )


def _gold_document(gold_path: Path) -> ExtractedDocument:
    """An ExtractedDocument holding exactly what the gold file says about its seed."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SEEDS / gold["file"]).read_text(encoding="utf-8")
    name, doc = gold["file"], gold["document"]
    source = Source(str(SEEDS / name), name, gold_path.stem, "txt", "utf-8", len(text.encode()))
    meta = DocumentMeta(
        doc["title"], doc["doc_number"], doc["doc_number"], doc["issuer"], doc["region"], doc["province"],
        None, doc["level"], doc["year"], doc["date"], doc["kind"],
    )  # fmt: skip
    head = _span(name, text, 0, min(len(text), 40))
    cites = tuple(
        Citation(c["doc_number"], c["doc_number"], c["title"], c["relation"], head) for c in gold["cites"]
    )
    tasks, cursor = [], 0
    for item in gold["tasks"]:
        start = text.find(item["text_start"], cursor)
        end = text.find(item["text_end"], max(start, 0))
        span = _span(name, text, start, end + len(item["text_end"])) if start >= 0 and end >= 0 else head
        cursor = max(cursor, start)
        units = tuple(
            UnitMention(unit, role, unit, doc["region"], None, unit.startswith("各"), span)
            for role in ROLES
            for unit in item.get(role, [])
        )
        domains = tuple(DomainTag(d, ()) for d in item["domains"])
        tasks.append(
            Task(
                item["n"],
                "table",
                tuple(item["section"]),
                text[span.char_start : span.char_end],
                units,
                item["deadline_text"],
                item["deadline"],
                domains,
                span,
            )  # fmt: skip
        )
    return ExtractedDocument(source, meta, cites, tuple(tasks), text=text)


@pytest.fixture(scope="module")
def model() -> GraphModel:
    gold_files = sorted(p for p in GOLD.glob("*.json") if p.name != "questions.json")
    return build_model([_gold_document(p) for p in gold_files])


@pytest.fixture(scope="module")
def embedded(model: GraphModel) -> EmbeddedEngine:
    engine = EmbeddedEngine()
    engine.load(model)
    return engine


@pytest.fixture(scope="module")
def neo4j(neo4j_uri: str, neo4j_auth: tuple[str, str] | None, model: GraphModel) -> Iterator[Neo4jEngine]:
    user, password = neo4j_auth or (None, None)
    engine = Neo4jEngine(neo4j_uri, user, password)
    engine.load(model)
    yield engine
    engine.close()


def _node_key(nodes: list[Node]) -> list[tuple[str, str, str]]:
    return sorted((n.id, n.type, repr(sorted(n.props.items()))) for n in nodes)


def _edge_key(edges: list[Edge]) -> list[tuple[str, ...]]:
    return sorted((e.id, e.src, e.dst, e.type, repr(sorted(e.props.items()))) for e in edges)


def _of_type(model: GraphModel, *types: str) -> list[str]:
    return [n.id for n in model.nodes if n.type in types]


def test_every_node_and_edge_reads_back_unchanged(model: GraphModel, neo4j: Neo4jEngine) -> None:
    """Ids, types and props (lists, ints, Chinese text) survive the trip through Neo4j."""
    ids = [n.id for n in model.nodes]
    assert _node_key(neo4j.nodes(ids)) == _node_key(list(model.nodes))
    assert _edge_key(neo4j.edges(ids, direction="out")) == _edge_key(list(model.edges))


@pytest.mark.parametrize("direction", ["out", "in", "both"])
@pytest.mark.parametrize(
    "edge_types",
    [
        pytest.param(None, id="any-type"),
        pytest.param(["ASSIGNED"], id="assigned"),
        pytest.param(["CITES", "IMPLEMENTS", "INFERRED_IMPLEMENTS"], id="citations"),
        pytest.param([], id="no-type"),
    ],
)
def test_edges_fetch_matches_embedded(
    model: GraphModel,
    embedded: EmbeddedEngine,
    neo4j: Neo4jEngine,
    direction: str,
    edge_types: list[str] | None,
) -> None:
    """Expanding from directives, tasks and units gives the same edges on both engines."""
    start = _of_type(model, "Directive", "Task", "Unit")[::3]
    assert _edge_key(neo4j.edges(start, edge_types, direction)) == _edge_key(
        embedded.edges(start, edge_types, direction)  # type: ignore[arg-type]
    )


def _filters(model: GraphModel) -> list[AssignmentFilter]:
    units, tasks = _of_type(model, "Unit", "UnitGroup"), _of_type(model, "Task")
    domains, regions = _of_type(model, "Domain"), _of_type(model, "Region")
    directives = _of_type(model, "Directive")
    return [
        AssignmentFilter(),
        AssignmentFilter(unit_ids=units[:7]),
        AssignmentFilter(task_ids=tasks[::5]),
        AssignmentFilter(roles=["lead"]),
        AssignmentFilter(domain_ids=domains[:5]),
        AssignmentFilter(region_ids=regions),
        AssignmentFilter(levels=["city", "county"]),
        AssignmentFilter(years=[2020]),
        AssignmentFilter(directive_ids=directives[:4]),
        AssignmentFilter(
            region_ids=regions[:4], domain_ids=domains, roles=["lead", "responsible"], years=[2021]
        ),
        AssignmentFilter(unit_ids=[]),
    ]


def test_assignment_fetch_matches_embedded_for_every_filter(
    model: GraphModel, embedded: EmbeddedEngine, neo4j: Neo4jEngine
) -> None:
    """Each filter criterion, alone and combined, selects the same task→unit assignments."""

    def key(engine: Engine, flt: AssignmentFilter) -> list[tuple[Any, ...]]:
        return sorted(
            (*_edge_key([f.edge]), *_node_key([f.task, f.unit, f.directive])) for f in engine.assignments(flt)
        )

    for flt in _filters(model):
        assert key(neo4j, flt) == key(embedded, flt), flt


def test_type_task_search_and_count_fetches_match_embedded(
    model: GraphModel, embedded: EmbeddedEngine, neo4j: Neo4jEngine
) -> None:
    """Dictionaries by type, tasks of directives, substring search and counts are the same."""
    for node_type in sorted({n.type for n in model.nodes}):
        assert _node_key(neo4j.nodes_of_type(node_type)) == _node_key(embedded.nodes_of_type(node_type))
    directives = _of_type(model, "Directive")
    assert _node_key(neo4j.tasks_of(directives)) == _node_key(embedded.tasks_of(directives))
    for needles in (["财政"], ["政务", "公开"], ["赣州"], [], [""]):
        types = ["Directive", "Task", "Unit", "UnitGroup", "Region", "Domain", "Section"]
        assert _node_key(neo4j.search_nodes(needles, types)) == _node_key(
            embedded.search_nodes(needles, types)
        )
    assert neo4j.counts() == embedded.counts()


def test_reloading_replaces_the_graph_instead_of_adding_to_it(model: GraphModel, neo4j: Neo4jEngine) -> None:
    """Loading the same model again leaves the same counts: MERGE on ids, previous graph removed."""
    before = neo4j.counts()
    neo4j.load(model)
    assert neo4j.counts() == before


def test_model_with_dangling_edge_is_refused_before_anything_changes(
    model: GraphModel, neo4j: Neo4jEngine
) -> None:
    """A broken model raises a clear error and the loaded graph stays as it was."""
    before = neo4j.counts()
    broken = GraphModel(
        model.nodes, (*model.edges, Edge("edge/x", model.nodes[0].id, "unit/nowhere", "ASSIGNED"))
    )
    with pytest.raises(InvalidArgument, match="unit/nowhere"):
        neo4j.load(broken)
    assert neo4j.counts() == before


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param("CREATE (:Unit {id: 'x'})", id="create"),
        pytest.param("MATCH (n:Unit) SET n.name = 'x'", id="set"),
        pytest.param("MATCH (n:Node) DETACH DELETE n", id="delete"),
    ],
)
def test_read_only_cypher_refuses_writes(neo4j: Neo4jEngine, statement: str) -> None:
    """The read-only Cypher entry point cannot change the graph: the server refuses in READ mode."""
    before = neo4j.counts()
    with pytest.raises(ClientError) as refused:
        neo4j.read_cypher(statement)
    assert refused.value.code == "Neo.ClientError.Statement.AccessMode"
    assert neo4j.counts() == before


def test_read_only_cypher_cuts_rows_at_the_limit(model: GraphModel, neo4j: Neo4jEngine) -> None:
    """A read returns at most ``limit`` rows and says it cut them."""
    keys, rows, cut = neo4j.read_cypher("MATCH (t:Task) RETURN t.id AS id ORDER BY id", limit=5)
    assert keys == ["id"]
    assert [r["id"] for r in rows] == sorted(_of_type(model, "Task"))[:5]
    assert cut
    _, rows, cut = neo4j.read_cypher("MATCH (t:Task) RETURN count(t) AS n", limit=5)
    assert rows == [{"n": len(_of_type(model, "Task"))}] and not cut


def test_unreachable_server_is_retried_then_reported() -> None:
    """No server on the port: the engine retries with back-off, then names the URI and what to check."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(EngineUnavailable, match=f"127.0.0.1:{port} is unavailable: .* after [0-9]+ attempts"):
        Neo4jEngine(f"bolt://127.0.0.1:{port}", read_retry=RetryPolicy(budget_s=0.2, first_wait_s=0.01))
