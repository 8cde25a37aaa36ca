"""Exports are complete and faithful: Turtle/JSON-LD re-import isomorphic, the RDF obeys the SHACL shapes."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pyshacl
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.builder import build_model
from graph.embedded import EmbeddedEngine
from graph.errors import InvalidArgument
from graph.export import export, model_of
from graph.model import GraphModel
from graph.rdf_mapping import model_to_rdf
from ontology.load import shapes_graph
from tests.graph_support import corpus_documents


@pytest.fixture(scope="module")
def model() -> GraphModel:
    return build_model(corpus_documents())


@pytest.fixture(scope="module")
def engine(model: GraphModel) -> EmbeddedEngine:
    built = EmbeddedEngine()
    built.load(model)
    return built


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [pytest.param("ttl", "turtle", id="turtle"), pytest.param("jsonld", "json-ld", id="json-ld")],
)
def test_rdf_export_reimports_to_an_isomorphic_graph(
    engine: EmbeddedEngine, model: GraphModel, fmt: str, parser: str
) -> None:
    """A user who exports Turtle or JSON-LD and loads it elsewhere gets exactly the graph we hold."""
    text = export(engine, fmt)
    assert isomorphic(Graph().parse(data=text, format=parser), model_to_rdf(model))


def test_engine_gives_back_the_model_it_loaded(engine: EmbeddedEngine, model: GraphModel) -> None:
    assert model_of(engine) == model


def test_rdf_of_the_corpus_conforms_to_the_shacl_shapes(model: GraphModel) -> None:
    """Every directive, task, assignment, unit and region satisfies the ontology's SHACL shapes."""
    conforms, _report, text = pyshacl.validate(model_to_rdf(model), shacl_graph=shapes_graph())
    assert conforms, text[:2000]


def test_graphml_export_holds_every_node_and_edge(engine: EmbeddedEngine, model: GraphModel) -> None:
    graph = nx.parse_graphml(export(engine, "graphml"), force_multigraph=True)
    assert graph.number_of_nodes() == len(model.nodes)
    assert graph.number_of_edges() == len(model.edges)
    some = model.nodes[0]
    assert graph.nodes[some.id]["type"] == some.type


def test_csv_export_round_trips_props(engine: EmbeddedEngine, model: GraphModel) -> None:
    rows = list(csv.DictReader(io.StringIO(export(engine, "csv"))))
    assert len(rows) == len(model.nodes) + len(model.edges)
    by_id = {r["id"]: r for r in rows}
    for node in model.nodes[:50]:
        assert json.loads(by_id[node.id]["props"]) == dict(node.props)
    for edge in model.edges[:50]:
        row = by_id[edge.id]
        assert (row["src"], row["dst"], row["type"]) == (edge.src, edge.dst, edge.type)


def test_unknown_export_format_is_refused_with_the_choices(engine: EmbeddedEngine) -> None:
    with pytest.raises(InvalidArgument, match="ttl, jsonld, graphml, csv"):
        export(engine, "xlsx")
