"""Every engine gives the same answers as the embedded engine, for every query, on the bundled corpus.

The embedded engine is the reference; the RDF engine (rdflib memory store and
Oxigraph) and the Neo4j engine load the same model and must return equal
results. Query inputs are drawn from the graph itself (its units, domains,
regions, directives, tasks), so the suite follows whatever the corpus holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from graph import queries
from graph.builder import build_model
from graph.embedded import EmbeddedEngine
from graph.engine import Engine, create_engine, engine_available
from graph.model import GraphModel
from graph.text import simplified
from tests.graph_support import corpus_documents

ENGINES = [
    pytest.param("rdf", id="rdf"),
    pytest.param("rdf-oxigraph", id="rdf-oxigraph"),
    pytest.param("neo4j", id="neo4j", marks=pytest.mark.neo4j),
]


def _every(items: list[Any], count: int) -> list[Any]:
    """``count`` items spread evenly over a sorted list (deterministic sample)."""
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


@pytest.fixture(scope="session")
def model() -> GraphModel:
    return build_model(corpus_documents())


@pytest.fixture(scope="session")
def reference(model: GraphModel) -> EmbeddedEngine:
    engine = EmbeddedEngine()
    engine.load(model)
    return engine


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest, model: GraphModel) -> Iterator[Engine]:
    name = request.param
    if name == "neo4j":
        if not engine_available("neo4j"):
            pytest.skip("graph/neo4j_engine.py is not in this build")
        uri = request.getfixturevalue("neo4j_uri")
        auth = request.getfixturevalue("neo4j_auth")
        user, password = auth if auth else (None, None)
        built = create_engine("neo4j", uri=uri, user=user, password=password)
    elif name == "rdf-oxigraph":
        built = create_engine("rdf", store="oxigraph")
    else:
        built = create_engine(name)
    built.load(model)
    yield built
    built.close()


def _inputs(model: GraphModel) -> dict[str, list[Any]]:
    """Arguments for each query, taken from the graph."""
    by_type: dict[str, list[Any]] = {}
    for node in model.nodes:
        by_type.setdefault(node.type, []).append(node)
    assigned = sorted({e.dst for e in model.edges if e.type == "ASSIGNED"})
    used_domains = sorted({e.dst for e in model.edges if e.type == "IN_DOMAIN"})
    top_domains = sorted(
        {n.id for n in by_type.get("Domain", [])} - {e.src for e in model.edges if e.type == "BROADER"}
    )
    directives = sorted(n.id for n in by_type.get("Directive", []))
    plans = sorted({e.src for e in model.edges if e.type == "HAS_TASK"})
    regions = sorted({n.get("name") for n in by_type.get("Region", [])})
    years = sorted({n.get("year") for n in by_type.get("Directive", []) if n.get("year")})
    lineage_types = ("IMPLEMENTS", "INFERRED_IMPLEMENTS")
    children = {e.src for e in model.edges if e.type in lineage_types and e.dst in set(plans)}
    tasks = sorted(e.dst for e in model.edges if e.type == "HAS_TASK" and e.src in children)
    labels = sorted({str(n.get("label")) for t in ("Unit", "Directive") for n in by_type.get(t, [])})
    return {
        "units": _every(assigned, 25),
        "domains": _every(used_domains, 12) + top_domains[:6],
        "directives": _every(directives, 25),
        "plans": plans,
        "regions": _every(regions, 8),
        "years": years,
        "tasks": _every(tasks, 12),
        "plan_pairs": sorted(
            (e.dst, e.src)
            for e in model.edges
            if e.type in lineage_types and e.src in plans and e.dst in plans
        )[:4]
        + list(zip(plans[:2], plans[-2:], strict=True)),
        "nodes": _every(sorted(n.id for n in model.nodes), 12),
        "words": [w[:3] for w in _every(labels, 8)] + [w[-4:] for w in _every(labels, 4)],
    }


def _responsibilities(e: Engine, a: dict[str, list[Any]]) -> list[Any]:
    out = [queries.responsibilities(e, u, role) for u in a["units"] for role in (None, "lead")]
    return out + [queries.responsibilities(e, u, limit=2, offset=1) for u in a["units"]]


def _units_for(e: Engine, a: dict[str, list[Any]]) -> list[Any]:
    out = [queries.units_for(e, d) for d in a["domains"]]
    out += [queries.units_for(e, d, role="lead") for d in a["domains"]]
    out += [queries.units_for(e, a["domains"][0], region=r) for r in a["regions"]]
    out += [queries.units_for(e, None, year=y) for y in a["years"]]
    out += [
        queries.units_for(e, None, level=lv, role="responsible") for lv in ("city", "county", "provincial")
    ]
    out += [queries.units_for(e, d, limit=3, offset=2) for d in a["domains"]]
    out += [queries.units_for(e, None, year=y, limit=3, offset=1) for y in a["years"]]
    return out


def _lineage(e: Engine, a: dict[str, list[Any]]) -> list[Any]:
    return [
        queries.lineage(e, d, direction, 3, include_mentions=mentions)
        for d in a["directives"]
        for direction in ("up", "down")
        for mentions in (False, True)
    ] + [queries.lineage(e, d, "down", 3, limit=2, offset=1) for d in a["directives"]]


def _aligned(e: Engine, a: dict[str, list[Any]]) -> list[Any]:
    return [queries.aligned_tasks(e, t) for t in a["tasks"]]


def _coverage(e: Engine, a: dict[str, list[Any]]) -> list[Any]:
    return [queries.coverage(e, p, c) for p, c in a["plan_pairs"]]


def _neighbourhood(e: Engine, a: dict[str, list[Any]]) -> list[Any]:
    return [queries.neighbourhood(e, n, depth, 40) for n in a["nodes"] for depth in (1, 2)]


def _search(e: Engine, a: dict[str, list[Any]]) -> list[Any]:
    return (
        [queries.search(e, w) for w in a["words"]]
        + [queries.search(e, w, 3, 2) for w in a["words"]]
        + [queries.search(e, simplified(w)) for w in a["words"][:3]]
    )


def _stats(e: Engine, a: dict[str, list[Any]]) -> list[Any]:
    return [queries.stats(e)]


QUERIES: list[Any] = [
    pytest.param(_responsibilities, id="responsibilities"),
    pytest.param(_units_for, id="units_for"),
    pytest.param(_lineage, id="lineage"),
    pytest.param(_aligned, id="aligned_tasks"),
    pytest.param(_coverage, id="coverage"),
    pytest.param(_neighbourhood, id="neighbourhood"),
    pytest.param(_search, id="search"),
    pytest.param(_stats, id="stats"),
]


@pytest.mark.parametrize("run", QUERIES)
def test_engine_answers_like_the_embedded_engine(
    run: Callable[[Engine, dict[str, list[Any]]], list[Any]],
    engine: Engine,
    reference: EmbeddedEngine,
    model: GraphModel,
) -> None:
    """A user gets the same rows, in the same order, whichever engine serves the graph."""
    args = _inputs(model)
    expected = run(reference, args)
    assert any(expected), "the corpus gives this query nothing to compare"
    assert run(engine, args) == expected


def test_engine_holds_every_node_and_edge_of_the_model(engine: Engine, model: GraphModel) -> None:
    """Nothing is lost or altered when the model is loaded into another engine."""
    for node_type in sorted({n.type for n in model.nodes}):
        got = {n.id: n for n in engine.nodes_of_type(node_type)}
        want = {n.id: n for n in model.nodes if n.type == node_type}
        assert got == want, node_type
    directives = [n.id for n in model.nodes if n.type == "Directive"]
    got_edges = {e.id: e for e in engine.edges(directives, None, "out")}
    want_edges = {e.id: e for e in model.edges if e.src in set(directives)}
    assert got_edges == want_edges
