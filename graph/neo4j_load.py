"""How the neutral graph model is laid out in Neo4j, and how it is written there in batches.

Layout, chosen so that hand-written Cypher (the read-only endpoint) reads naturally:

* every node has the label ``Node`` plus its type (``(:Node:Unit {id: "unit/赣州市/赣州市财政局", …})``),
  its props as properties and its model id in ``id``; ``Node.id`` is unique, which also indexes it;
* every edge is a relationship of its type (``ASSIGNED``, ``CITES`` …) with its props and its id in ``id``;
* text indexes on ``search`` make substring search use an index, range indexes serve the filters of
  the assignment fetch (directive level and year, task directive, assignment role).

Loading creates the schema, removes the previous graph (only ``:Node`` nodes, so other data in a shared
database is left alone) and writes ``UNWIND $rows … MERGE`` batches of :data:`BATCH_SIZE` rows, one
write transaction each, so a large graph never needs one huge transaction.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from graph.errors import InvalidArgument
from graph.model import Edge, GraphModel, Node

NODE_LABEL = "Node"
BATCH_SIZE = 5000
#: Node types whose ``search`` prop the search fetch scans.
SEARCHABLE_TYPES = ("Directive", "Task", "Unit", "UnitGroup", "Region", "Domain")
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")

SCHEMA: tuple[str, ...] = (
    f"CREATE CONSTRAINT zwgk_node_id IF NOT EXISTS FOR (n:{NODE_LABEL}) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX zwgk_directive_level IF NOT EXISTS FOR (n:Directive) ON (n.level)",
    "CREATE INDEX zwgk_directive_year IF NOT EXISTS FOR (n:Directive) ON (n.year)",
    "CREATE INDEX zwgk_task_directive IF NOT EXISTS FOR (n:Task) ON (n.directive)",
    "CREATE INDEX zwgk_assigned_role IF NOT EXISTS FOR ()-[r:ASSIGNED]-() ON (r.role)",
    *(
        f"CREATE TEXT INDEX zwgk_{label.lower()}_search IF NOT EXISTS FOR (n:{label}) ON (n.search)"
        for label in SEARCHABLE_TYPES
    ),
)

#: Runs one statement with parameters in its own write transaction and returns the first column of
#: the first row (or None); the engine supplies it with its retries.
WriteRunner = Callable[[str, dict[str, Any]], Any]


def label(name: str) -> str:
    """``name`` as a back-quoted label or relationship type; refuses anything but a plain identifier."""
    if not _IDENTIFIER.match(name):
        raise InvalidArgument(f"{name!r} cannot be a Neo4j label or relationship type.")
    return f"`{name}`"


def edge_constraint(edge_type: str) -> str:
    """Relationship ids are unique per type (Neo4j constrains relationship properties per type)."""
    return (
        f"CREATE CONSTRAINT zwgk_{edge_type.lower()}_id IF NOT EXISTS "
        f"FOR ()-[r:{label(edge_type)}]-() REQUIRE r.id IS UNIQUE"
    )


def batches(rows: Sequence[dict[str, Any]], size: int = BATCH_SIZE) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


def _check(model: GraphModel) -> None:
    """Refuse a model Neo4j would store differently, before anything is deleted or written."""
    node_ids = {n.id for n in model.nodes}
    for node in model.nodes:
        label(node.type)
        if "id" in node.props:
            raise InvalidArgument(
                f"node {node.id!r} has a prop named 'id', which holds the node id in Neo4j."
            )
    for edge in model.edges:
        label(edge.type)
        if "id" in edge.props:
            raise InvalidArgument(
                f"edge {edge.id!r} has a prop named 'id', which holds the edge id in Neo4j."
            )
        for end in (edge.src, edge.dst):
            if end not in node_ids:
                raise InvalidArgument(
                    f"edge {edge.id!r} ({edge.type}) points to {end!r}, which is not a node."
                )


def node_rows(nodes: Iterable[Node]) -> dict[str, list[dict[str, Any]]]:
    """Parameter rows of the node statements, grouped by node type (one label per statement)."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        grouped[node.type].append({"id": node.id, "props": dict(node.props)})
    return grouped


def edge_rows(edges: Iterable[Edge]) -> dict[str, list[dict[str, Any]]]:
    """Parameter rows of the edge statements, grouped by edge type (one type per statement)."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        grouped[edge.type].append(
            {"id": edge.id, "src": edge.src, "dst": edge.dst, "props": dict(edge.props)}
        )
    return grouped


def load_model(run: WriteRunner, model: GraphModel, batch_size: int = BATCH_SIZE) -> None:
    """Replace the graph in Neo4j with ``model``: schema, clear, nodes by type, then edges by type."""
    _check(model)
    edge_types = sorted({e.type for e in model.edges})
    for statement in (*SCHEMA, *(edge_constraint(t) for t in edge_types)):
        run(statement, {})
    run("CALL db.awaitIndexes(300)", {})
    clear(run, batch_size)
    for node_type, rows in sorted(node_rows(model.nodes).items()):
        statement = (
            f"UNWIND $rows AS row MERGE (n:{NODE_LABEL} {{id: row.id}}) "
            f"SET n:{label(node_type)} SET n += row.props"
        )
        for batch in batches(rows, batch_size):
            run(statement, {"rows": batch})
    for edge_type, rows in sorted(edge_rows(model.edges).items()):
        statement = (
            f"UNWIND $rows AS row "
            f"MATCH (a:{NODE_LABEL} {{id: row.src}}) MATCH (b:{NODE_LABEL} {{id: row.dst}}) "
            f"MERGE (a)-[r:{label(edge_type)} {{id: row.id}}]->(b) SET r += row.props"
        )
        for batch in batches(rows, batch_size):
            run(statement, {"rows": batch})


def clear(run: WriteRunner, batch_size: int = BATCH_SIZE) -> None:
    """Delete every ``:Node`` node and its relationships, one bounded transaction at a time."""
    statement = f"MATCH (n:{NODE_LABEL}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"
    while run(statement, {"limit": batch_size}):
        pass
