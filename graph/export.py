"""The whole graph as a file: Turtle, JSON-LD, GraphML or CSV.

Turtle and JSON-LD carry the RDF of :mod:`graph.rdf_mapping` (the ontology's
terms), so they re-import into an isomorphic graph. GraphML is the property
graph for tools such as Gephi or yEd (list props as JSON strings, since
GraphML has no lists). CSV is one table of nodes and edges with their props as
JSON, lossless and easy to load into a spreadsheet or a dataframe.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Literal

import networkx as nx

from graph.engine import Engine
from graph.errors import InvalidArgument
from graph.model import EDGE_TYPES, NODE_TYPES, GraphModel
from graph.rdf_mapping import model_to_rdf

Format = Literal["ttl", "jsonld", "graphml", "csv"]
FORMATS: tuple[str, ...] = ("ttl", "jsonld", "graphml", "csv")
MEDIA_TYPES = {
    "ttl": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "graphml": "application/graphml+xml",
    "csv": "text/csv; charset=utf-8",
}
CSV_COLUMNS = ("record", "id", "type", "src", "dst", "label", "props")


def model_of(source: Engine | GraphModel) -> GraphModel:
    """The model an engine holds, read back through the engine interface (or the model itself)."""
    if isinstance(source, GraphModel):
        return source
    held = getattr(source, "model", None)
    if callable(held):  # an in-process engine keeps the model it was loaded from
        model = held()
        if isinstance(model, GraphModel):
            return model
    nodes = [n for node_type in NODE_TYPES for n in source.nodes_of_type(node_type)]
    edges = source.edges([n.id for n in nodes], list(EDGE_TYPES), "out")
    return GraphModel(tuple(sorted(nodes, key=lambda n: n.id)), tuple(sorted(edges, key=lambda e: e.id)))


def _graphml(model: GraphModel) -> str:
    """GraphML through a networkx graph made for this export only (engines keep no networkx copy)."""
    graph = nx.MultiDiGraph()

    def flat(props: Any) -> dict[str, Any]:
        return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in props.items()}

    for node in model.nodes:
        graph.add_node(node.id, type=node.type, **flat(node.props))
    for edge in model.edges:
        graph.add_edge(edge.src, edge.dst, key=edge.id, type=edge.type, **flat(edge.props))
    return "\n".join(nx.generate_graphml(graph, named_key_ids=True))


def _csv(model: GraphModel) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for node in model.nodes:
        props = json.dumps(dict(node.props), ensure_ascii=False, sort_keys=True)
        writer.writerow(("node", node.id, node.type, "", "", node.get("label", ""), props))
    for edge in model.edges:
        props = json.dumps(dict(edge.props), ensure_ascii=False, sort_keys=True)
        writer.writerow(("edge", edge.id, edge.type, edge.src, edge.dst, "", props))
    return buffer.getvalue()


def export(source: Engine | GraphModel, format: str) -> str:
    """The graph held by ``source`` serialised as ``format`` (ttl, jsonld, graphml or csv)."""
    if format not in FORMATS:
        raise InvalidArgument(f"Unknown export format {format!r}; use one of: {', '.join(FORMATS)}.")
    model = model_of(source)
    if format == "ttl":
        return model_to_rdf(model).serialize(format="turtle")
    if format == "jsonld":
        graph = model_to_rdf(model)
        context = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
        return graph.serialize(format="json-ld", context=context, indent=1, ensure_ascii=False)
    if format == "graphml":
        return _graphml(model)
    return _csv(model)
