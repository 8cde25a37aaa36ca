"""Cypher of the Neo4j engine's assignment fetch, built from an :class:`AssignmentFilter`.

Only the criteria that are given appear in the statement, so the planner can start from an index
seek on whatever is most selective (an id list, a domain, a region) instead of scanning every
``ASSIGNED`` relationship behind ``$x IS NULL OR …`` guards. Values always travel as parameters.
"""

from __future__ import annotations

from typing import Any

from graph.engine import AssignmentFilter
from graph.neo4j_load import NODE_LABEL


def assignments_query(flt: AssignmentFilter) -> tuple[str, dict[str, Any]]:
    """Statement and parameters returning one row per matching ``Task -ASSIGNED-> Unit`` edge.

    Each row holds the edge (``id, src, dst, type, props``) and the id of the directive that has the
    task; the engine fetches the task, unit and directive nodes once each rather than once per row (a
    unit may carry thousands of assignments). An empty collection in the filter matches nothing,
    ``None`` matches anything, as in the embedded engine.
    """
    params: dict[str, Any] = {}
    stages: list[str] = []
    where: list[str] = []
    if flt.region_ids is not None:
        params["region_ids"] = list(flt.region_ids)
        stages.append(
            f"MATCH (g:{NODE_LABEL})<-[:IN_REGION]-(d:{NODE_LABEL}:Directive) WHERE g.id IN $region_ids "
            "WITH DISTINCT d"
        )
    if flt.domain_ids is not None:
        params["domain_ids"] = list(flt.domain_ids)
        in_domain = f"(t)-[:IN_DOMAIN]->(x:{NODE_LABEL}) WHERE x.id IN $domain_ids"
        if flt.region_ids is not None:  # expand from the directives already chosen
            stages.append(
                f"MATCH (d)-[:HAS_TASK]->(t:{NODE_LABEL}:Task) WHERE EXISTS {{ {in_domain} }} WITH DISTINCT d, t"
            )
        else:  # start from the domain concepts
            stages.append(f"MATCH {in_domain.replace('(t)', f'(t:{NODE_LABEL}:Task)')} WITH DISTINCT t")
    for key, expression in (
        ("directive_ids", "d.id"),
        ("levels", "d.level"),
        ("years", "d.year"),
        ("task_ids", "t.id"),
        ("unit_ids", "u.id"),
        ("roles", "r.role"),
    ):
        values = getattr(flt, key)
        if values is not None:
            params[key] = list(values)
            where.append(f"{expression} IN ${key}")
    match = (
        f"MATCH (d:{NODE_LABEL}:Directive)-[:HAS_TASK]->(t:{NODE_LABEL}:Task)-[r:ASSIGNED]->(u:{NODE_LABEL})"
    )
    statement = " ".join(
        [
            *stages,
            match,
            f"WHERE {' AND '.join(where)}" if where else "",
            "RETURN r.id AS id, t.id AS src, u.id AS dst, type(r) AS type, properties(r) AS props, "
            "d.id AS directive",
        ]
    )
    return statement, params
