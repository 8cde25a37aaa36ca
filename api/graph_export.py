"""A graph answer (a neighbourhood, a lineage) as GraphML, Turtle or JSON-LD.

The RDF forms use the RDF engine's own mapping (:func:`graph.rdf_mapping.model_to_rdf`)
on the part of the model the answer covers, so the triples are exactly those a
SPARQL query over the whole graph would see. GraphML keeps every node and edge
property, for Gephi, yEd or networkx.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable
from typing import Any

import networkx as nx

from graph.model import GraphModel


def submodel(
    model: GraphModel, node_ids: Collection[str], edge_keys: Iterable[tuple[str, str, str]]
) -> GraphModel:
    """The nodes ``node_ids`` and the edges named by (src, dst, type) of ``model``."""
    wanted_nodes = set(node_ids)
    wanted_edges = set(edge_keys)
    return GraphModel(
        nodes=tuple(n for n in model.nodes if n.id in wanted_nodes),
        edges=tuple(e for e in model.edges if (e.src, e.dst, e.type) in wanted_edges),
    )


def _graphml_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "；".join(str(v) for v in value)
    return value


def to_graphml(model: GraphModel) -> str:
    graph = nx.MultiDiGraph()
    for node in model.nodes:
        graph.add_node(node.id, type=node.type, **{k: _graphml_value(v) for k, v in node.props.items()})
    for edge in model.edges:
        props = {k: _graphml_value(v) for k, v in edge.props.items()}
        graph.add_edge(edge.src, edge.dst, key=edge.id, type=edge.type, **props)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def to_rdf(model: GraphModel, fmt: str) -> str:
    """Turtle (``ttl``) or JSON-LD (``jsonld``) of ``model``."""
    from graph.rdf_mapping import model_to_rdf

    graph = model_to_rdf(model)
    return graph.serialize(format="turtle" if fmt == "ttl" else "json-ld")


def render_graph(model: GraphModel, fmt: str) -> str:
    if fmt == "graphml":
        return to_graphml(model)
    return to_rdf(model, fmt)
