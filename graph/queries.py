"""The queries of the product, one core function each, for any engine.

The CLI, the HTTP routes, the web UI and :func:`graph.ask.ask` all call these
functions and only format what they return (see :mod:`graph.results`). Each
function resolves names (unit, domain, region, doc number) against the graph's
own dictionaries, asks the engine for facts, and ranks and groups them here, so
that every engine gives the same answer.

``responsibilities``, ``units_for`` and ``lineage`` are defined here;
``aligned_tasks`` and ``coverage`` (:mod:`graph.alignment`), ``neighbourhood``,
``search`` and ``stats`` (:mod:`graph.explore`), ``find_tasks`` and ``cited_by``
(:mod:`graph.task_queries`) are re-exported, so callers import them all from here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from graph import resolve
from graph.concepts import narrower_closure
from graph.engine import AssignmentFact, AssignmentFilter, Engine
from graph.errors import InvalidArgument
from graph.model import CITATION_EDGE_TYPES, Edge
from graph.results import (
    Direction,
    FunctionSummary,
    LineageLink,
    LineageNode,
    LineageResult,
    ResponsibilityRow,
    UnitHit,
    UnitsForResult,
    UnitSummary,
)
from graph.rows import (
    LEVEL_ORDER,
    ROLE_ORDER,
    directive_order,
    directive_ref,
    evidence,
    task_ref,
)
from ingest.records import LEVELS, ROLES


def _check_role(role: str | None) -> None:
    if role is not None and role not in ROLES:
        raise InvalidArgument(f"Unknown role {role!r}; use one of: {', '.join(ROLES)}.")


def _fact_order(fact: AssignmentFact) -> tuple[object, ...]:
    return (
        *directive_order(fact.directive),
        int(fact.task.get("n")),
        ROLE_ORDER.get(fact.edge.get("role"), 9),
        fact.unit.id,
    )


def responsibilities(engine: Engine, unit: str, role: str | None = None) -> list[ResponsibilityRow]:
    """Every task of ``unit`` (id, canonical name or name as written), optionally in one role.

    Rows are ordered by directive (year, level, id), task order and role.
    """
    _check_role(role)
    unit_ids = [n.id for n in resolve.units(engine, unit)]
    facts = engine.assignments(AssignmentFilter(unit_ids=unit_ids, roles=[role] if role else None))
    return [
        ResponsibilityRow(
            unit_id=f.unit.id,
            unit=f.unit.get("name"),
            written=f.edge.get("written") or f.unit.get("name"),
            region=f.unit.get("region"),
            role=f.edge.get("role"),
            task=task_ref(f.task),
            text=f.task.get("text") or "",
            deadline=f.task.get("deadline"),
            deadline_text=f.task.get("deadline_text"),
            domains=tuple(f.task.get("domains") or ()),
            directive=directive_ref(f.directive),
            evidence=evidence(f.directive.id, f.task),
        )
        for f in sorted(facts, key=_fact_order)
    ]


def domain_closure(engine: Engine, domain_id: str) -> set[str]:
    """A domain concept and every narrower one (财政信息公开 → 财政预决算 …)."""
    all_domains = [n.id for n in engine.nodes_of_type("Domain")]
    broader: dict[str, tuple[str, ...]] = defaultdict(tuple)
    for edge in engine.edges(all_domains, ["BROADER"], "out"):
        broader[edge.src] += (edge.dst,)
    return narrower_closure([domain_id], dict(broader))


def _summaries(facts: Iterable[AssignmentFact]) -> list[UnitSummary]:
    grouped: dict[str, list[AssignmentFact]] = defaultdict(list)
    for fact in facts:
        grouped[fact.unit.id].append(fact)
    out = []
    for unit_id, group in grouped.items():
        unit = group[0].unit
        tasks = {f.task.id: f.task for f in group}
        out.append(
            UnitSummary(
                unit_id=unit_id,
                unit=unit.get("name"),
                written=tuple(sorted({f.edge.get("written") or unit.get("name") for f in group})),
                region=unit.get("region"),
                function=unit.get("function"),
                is_group=bool(unit.get("is_group")),
                roles=tuple(sorted({f.edge.get("role") for f in group}, key=lambda r: ROLE_ORDER.get(r, 9))),
                tasks=tuple(
                    task_ref(t)
                    for t in sorted(tasks.values(), key=lambda t: (t.get("directive"), int(t.get("n"))))
                ),
            )
        )
    return sorted(out, key=lambda s: (s.region or "", s.unit, s.unit_id))


def units_for(
    engine: Engine,
    domain: str | None,
    role: str | None = None,
    region: str | None = None,
    level: str | None = None,
    year: int | None = None,
) -> UnitsForResult:
    """Units assigned to tasks of ``domain`` (and its narrower concepts), by unit and by function.

    ``domain=None`` means any task. ``region`` selects directives of that region or
    below it; ``level`` and ``year`` select by the directive's level and year.
    """
    _check_role(role)
    if level is not None and level not in LEVELS:
        raise InvalidArgument(f"Unknown level {level!r}; use one of: {', '.join(LEVELS)}.")
    concept = resolve.domain(engine, domain) if domain else None
    domains = sorted(domain_closure(engine, concept.id)) if concept else None
    regions = resolve.region_and_below(engine, region) if region else None
    flt = AssignmentFilter(
        roles=[role] if role else None,
        domain_ids=domains,
        region_ids=regions,
        levels=[level] if level else None,
        years=[year] if year is not None else None,
    )
    facts = sorted(engine.assignments(flt), key=_fact_order)
    hits = tuple(
        UnitHit(
            unit_id=f.unit.id,
            unit=f.unit.get("name"),
            written=f.edge.get("written") or f.unit.get("name"),
            region=f.unit.get("region"),
            function=f.unit.get("function"),
            is_group=bool(f.unit.get("is_group")),
            role=f.edge.get("role"),
            task=task_ref(f.task),
            domains=tuple(f.task.get("domains") or ()),
            evidence=evidence(f.directive.id, f.task),
        )
        for f in facts
    )
    by_unit = _summaries(facts)
    labels = {n.get("concept"): n.get("label") for n in engine.nodes_of_type("UnitFunction")}
    by_function: dict[str, list[UnitSummary]] = defaultdict(list)
    documents: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        function = fact.unit.get("function")
        if function and not fact.unit.get("is_group"):
            documents[function].add(fact.directive.id)
    for summary in by_unit:
        if summary.function and not summary.is_group:
            by_function[summary.function].append(summary)
    functions = tuple(
        FunctionSummary(
            function=function,
            label=labels.get(function) or function,
            units=tuple(units),
            regions=tuple(sorted({u.region or "" for u in units})),
            documents=tuple(sorted(documents[function])),
        )
        for function, units in sorted(by_function.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )
    return UnitsForResult(
        domain=concept.id if concept else None,
        domains=tuple(domains or ()),
        role=role,
        region=region,
        level=level,
        year=year,
        hits=hits,
        by_unit=tuple(by_unit),
        by_function=functions,
    )


def _link(edge: Edge) -> LineageLink:
    kind = {"IMPLEMENTS": "implements", "CITES": "mentions", "INFERRED_IMPLEMENTS": "inferred_implements"}
    inferred = edge.type == "INFERRED_IMPLEMENTS"
    return LineageLink(
        src=edge.src,
        dst=edge.dst,
        kind=kind[edge.type],  # type: ignore[arg-type]
        inferred=inferred,
        reason=edge.get("reason"),
        evidence=None if inferred else evidence(edge.src, edge),
    )


def lineage(
    engine: Engine,
    directive: str,
    direction: Direction = "up",
    depth: int = 5,
    include_mentions: bool = False,
) -> LineageResult:
    """Directives ``directive`` carries out (``up``) or that carry it out (``down``).

    ``directive`` may be an id, a doc number in any variant, or a title. Cited
    documents that were not ingested appear as stubs; inferred links say why.
    Links that only mention a directive are followed when ``include_mentions``.
    """
    if direction not in ("up", "down"):
        raise InvalidArgument(f"direction must be 'up' or 'down', not {direction!r}.")
    if depth < 1:
        raise InvalidArgument("depth must be at least 1.")
    root = resolve.directive(engine, directive)
    types = list(CITATION_EDGE_TYPES) if include_mentions else ["IMPLEMENTS", "INFERRED_IMPLEMENTS"]
    distance = {root.id: 0}
    links: dict[str, Edge] = {}
    frontier = [root.id]
    for level in range(1, depth + 1):
        edges = engine.edges(frontier, types, "out" if direction == "up" else "in")
        following = set()
        for edge in edges:
            nxt = edge.dst if direction == "up" else edge.src
            links[edge.id] = edge
            if nxt not in distance:
                distance[nxt] = level
                following.add(nxt)
        frontier = sorted(following)
        if not frontier:
            break
    nodes = {n.id: n for n in engine.nodes(list(distance))}
    ordered = sorted(nodes.values(), key=lambda n: (distance[n.id], LEVEL_ORDER.get(n.get("level"), 9), n.id))
    return LineageResult(
        root=directive_ref(root),
        direction=direction,
        depth=depth,
        nodes=tuple(LineageNode(directive_ref(n), distance[n.id]) for n in ordered),
        links=tuple(_link(e) for e in sorted(links.values(), key=lambda e: (e.src, e.dst, e.type))),
    )


# Queries kept in their own modules are part of this API too.
from graph.alignment import aligned_tasks, coverage  # noqa: E402
from graph.explore import neighbourhood, search, stats  # noqa: E402
from graph.task_queries import cited_by, find_tasks  # noqa: E402

__all__ = [
    "aligned_tasks",
    "cited_by",
    "coverage",
    "domain_closure",
    "find_tasks",
    "lineage",
    "neighbourhood",
    "responsibilities",
    "search",
    "stats",
    "units_for",
]
