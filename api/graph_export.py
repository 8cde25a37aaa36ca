"""The part of the graph an answer covers (a neighbourhood, a lineage), as a model to export.

Serialising is :func:`graph.export.export`, the same as ``zwgk export``: Turtle
and JSON-LD carry the RDF engine's own triples, GraphML the property graph.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from graph.export import export
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


def render_graph(model: GraphModel, fmt: str) -> str:
    """``model`` as ``graphml``, ``ttl`` or ``jsonld``."""
    return export(model, fmt)
