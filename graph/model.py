"""The neutral graph model: typed nodes and edges that every engine loads unchanged.

Ingest records become :class:`Node` and :class:`Edge` values here, once; the
embedded (networkx), RDF and Neo4j engines each load exactly this model, which
is why their answers agree.

Assignments are *edges* ``Task -ASSIGNED-> Unit`` carrying ``role``, the unit
as written and the evidence span, each with its own deterministic id (task +
unit + role). Property graphs carry edge properties natively, so a reified
Assignment node would only add a hop to every responsibility query; the RDF
engine, which cannot put properties on a triple, reifies exactly these edges as
``Assignment`` resources named by the same id, so nothing is lost either way.

Props hold only str, int, float, bool and non-empty lists of str (what Neo4j
and RDF literals can store); ``None`` and empty lists are left out rather than
stored, so read them with ``node.get(key) or default``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

NODE_TYPES: Final = (
    "Directive",
    "Section",
    "Task",
    "Unit",
    "UnitGroup",
    "Region",
    "Domain",
    "UnitFunction",
)

EDGE_TYPES: Final = (
    "CONTAINS",  # Directive→Section, Section→Section (heading tree)
    "HAS_TASK",  # Directive→Task, Section→Task
    "ASSIGNED",  # Task→Unit|UnitGroup, props: role, written, evidence
    "CITES",  # Directive→Directive, relation "mentions"
    "IMPLEMENTS",  # Directive→Directive, the document says it carries the target out
    "INFERRED_IMPLEMENTS",  # Directive→Directive, not written; props: reason
    "IN_DOMAIN",  # Task→Domain, props: words
    "BROADER",  # Domain→Domain (SKOS broader)
    "HAS_FUNCTION",  # Unit→UnitFunction
    "IN_REGION",  # Directive|Unit|UnitGroup→Region
    "PARENT_REGION",  # Region→Region
    "ISSUED_BY",  # Directive→Unit
)

#: Edge types that link two directives, from the citing one to the cited one.
CITATION_EDGE_TYPES: Final = ("CITES", "IMPLEMENTS", "INFERRED_IMPLEMENTS")

#: Evidence props every edge/node read from text carries (see graph.results.Evidence).
EVIDENCE_KEYS: Final = ("file", "section", "line_start", "line_end", "char_start", "char_end", "text")


@dataclass(frozen=True)
class Node:
    """A node: deterministic id (see graph.ids), one type, flat props."""

    id: str
    type: str
    props: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)


@dataclass(frozen=True)
class Edge:
    """A directed, typed edge with its own deterministic id."""

    id: str
    src: str
    dst: str
    type: str
    props: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)


@dataclass(frozen=True)
class GraphModel:
    """All nodes and edges, each id once, in a deterministic order."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def node_index(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}


def clean_props(props: Mapping[str, Any]) -> dict[str, Any]:
    """Drop ``None`` and empty lists, turn tuples into lists: what every engine can store alike."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None or (isinstance(value, list | tuple) and not value):
            continue
        out[key] = list(value) if isinstance(value, tuple) else value
    return out
