"""The queries of the product, one core function each, for any engine.

The CLI, the HTTP routes, the web UI and :func:`graph.ask.ask` all call these
functions and only format what they return (see :mod:`graph.results`). Each
function resolves names (unit, domain, region, doc number) against the graph's
own dictionaries, asks the engine for facts, and ranks and groups them here, so
that every engine gives the same answer.

``responsibilities`` and ``units_for`` are defined here; ``lineage`` (:mod:`graph.lineage`),
``aligned_tasks`` and ``coverage`` (:mod:`graph.alignment`), ``neighbourhood``,
``search`` and ``stats`` (:mod:`graph.explore`), ``find_tasks`` and ``cited_by``
(:mod:`graph.task_queries`) are re-exported, so callers import them all from here.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable

from graph import lookups, resolve
from graph.aggregates import fact_order, fold
from graph.engine import AssignmentFact, AssignmentFilter, Engine
from graph.errors import InvalidArgument
from graph.results import (
    FunctionSummary,
    ResponsibilitiesResult,
    ResponsibilityRow,
    UnitHit,
    UnitsForResult,
    UnitSummary,
)
from graph.rows import ROLE_ORDER, check_page, directive_ref, evidence, page_window, task_ref
from ingest.records import LEVELS, ROLES

DEFAULT_LIMIT = 50
TASK_SAMPLE = 20  # tasks named per unit summary (task_count has them all)


def _check_role(role: str | None) -> None:
    if role is not None and role not in ROLES:
        raise InvalidArgument(f"Unknown role {role!r}; use one of: {', '.join(ROLES)}.")


def _of_role(facts: list[AssignmentFact], role: str | None) -> list[AssignmentFact]:
    """Facts in ``role``: filtered here, since a role alone selects a third of every assignment."""
    return facts if role is None else [f for f in facts if f.edge.get("role") == role]


def _row(f: AssignmentFact) -> ResponsibilityRow:
    return ResponsibilityRow(
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


def responsibilities(
    engine: Engine,
    unit: str,
    role: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> ResponsibilitiesResult:
    """The tasks of ``unit`` (id, canonical name or name as written), optionally in one role, one page.

    Rows are ordered by directive (year, level, id), task order and role; ``total``
    counts every row, ``limit=None`` returns them all.
    """
    _check_role(role)
    check_page(limit, offset)
    unit_ids = [n.id for n in resolve.units(engine, unit)]
    facts = _of_role(engine.assignments(AssignmentFilter(unit_ids=unit_ids)), role)
    window = page_window(limit, offset)
    if limit is not None and offset + limit < len(facts) // 4:
        page = heapq.nsmallest(offset + limit, facts, key=fact_order)[window]
    else:
        page = sorted(facts, key=fact_order)[window]
    return ResponsibilitiesResult(
        unit=unit,
        unit_ids=tuple(unit_ids),
        role=role,
        rows=tuple(_row(f) for f in page),
        total=len(facts),
        limit=limit,
        offset=offset,
    )


def domain_closure(engine: Engine, domain_id: str) -> set[str]:
    """A domain concept and every narrower one (财政信息公开 → 财政预决算 …)."""
    closures = lookups.of(engine).closures
    if domain_id in closures:
        return set(closures[domain_id])
    return {domain_id}


def _hit(f: AssignmentFact) -> UnitHit:
    return UnitHit(
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


def _summary(group: list[AssignmentFact]) -> UnitSummary:
    unit = group[0].unit
    tasks = {f.task.id: f.task for f in group}
    ordered = sorted(tasks.values(), key=lambda t: (t.get("directive"), int(t.get("n"))))
    return UnitSummary(
        unit_id=unit.id,
        unit=unit.get("name"),
        written=tuple(sorted({f.edge.get("written") or unit.get("name") for f in group})),
        region=unit.get("region"),
        function=unit.get("function"),
        is_group=bool(unit.get("is_group")),
        roles=tuple(sorted({f.edge.get("role") for f in group}, key=lambda r: ROLE_ORDER.get(r, 9))),
        tasks=tuple(task_ref(t) for t in ordered[:TASK_SAMPLE]),
        task_count=len(tasks),
    )


def _summaries(facts: Iterable[AssignmentFact], unit_ids: Iterable[str]) -> dict[str, UnitSummary]:
    """Summaries of ``unit_ids`` from ``facts`` (facts of other units are ignored)."""
    wanted = set(unit_ids)
    grouped: dict[str, list[AssignmentFact]] = defaultdict(list)
    for fact in facts:
        if fact.unit.id in wanted:
            grouped[fact.unit.id].append(fact)
    return {unit_id: _summary(group) for unit_id, group in grouped.items()}


def _facts_of_units(
    engine: Engine, unit_ids: list[str], role: str | None, domains: set[str] | None
) -> list[AssignmentFact]:
    """The assignments of a few units that a domain question (no region/level/year) counts."""
    if not unit_ids:
        return []
    facts = _of_role(engine.assignments(AssignmentFilter(unit_ids=unit_ids)), role)
    if domains is None:
        return facts
    # A task's ``domains`` prop holds the concepts' tags (fiscal), its IN_DOMAIN edges their ids.
    tags = domains | {d.removeprefix("domain/") for d in domains}
    return [f for f in facts if not tags.isdisjoint(f.task.get("domains") or ())]


def units_for(
    engine: Engine,
    domain: str | None,
    role: str | None = None,
    region: str | None = None,
    level: str | None = None,
    year: int | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> UnitsForResult:
    """Units assigned to tasks of ``domain`` (and its narrower concepts), by unit and by function.

    ``domain=None`` means any task. ``region`` selects directives of that region or
    below it; ``level`` and ``year`` select by the directive's level and year.
    ``hits`` and ``by_unit`` are pages (``limit`` rows from ``offset``; ``None``: all);
    ``total_hits``, ``total_units`` and the function counts cover every assignment.
    """
    _check_role(role)
    check_page(limit, offset)
    if level is not None and level not in LEVELS:
        raise InvalidArgument(f"Unknown level {level!r}; use one of: {', '.join(LEVELS)}.")
    concept = resolve.domain(engine, domain) if domain else None
    closure = domain_closure(engine, concept.id) if concept else None
    regions = resolve.region_and_below(engine, region) if region else None
    window = page_window(limit, offset)
    look = lookups.of(engine)
    if regions is None and level is None and year is None:
        aggregates = look.assignments
        key = (concept.id if concept else None, role)
        positions = aggregates.positions(key)
        folded = aggregates.fold(key)
        hits = aggregates.facts(positions[window])
        total_hits = len(positions)
    else:
        flt = AssignmentFilter(
            roles=[role] if role else None,
            domain_ids=sorted(closure) if closure else None,
            region_ids=regions,
            levels=[level] if level else None,
            years=[year] if year is not None else None,
        )
        facts = sorted(engine.assignments(flt), key=fact_order)
        folded = fold((f.unit, f.directive.id) for f in facts)
        hits = facts[window]
        total_hits = len(facts)
    page_units = list(folded.units[window])
    sampled = [u for f in folded.functions for u in f.units]
    wanted = list(dict.fromkeys(page_units + sampled))
    if regions is None and level is None and year is None:
        summaries = _summaries(_facts_of_units(engine, wanted, role, closure), wanted)
    else:
        summaries = _summaries(facts, wanted)
    labels = {n.get("concept"): n.get("label") for n in engine.nodes_of_type("UnitFunction")}
    functions = tuple(
        FunctionSummary(
            function=f.function,
            label=labels.get(f.function) or f.function,
            units=tuple(summaries[u] for u in f.units),
            unit_count=f.unit_count,
            regions=f.regions,
            region_count=f.region_count,
            documents=f.documents,
            document_count=f.document_count,
        )
        for f in folded.functions
    )
    return UnitsForResult(
        domain=concept.id if concept else None,
        domains=tuple(sorted(closure or ())),
        role=role,
        region=region,
        level=level,
        year=year,
        hits=tuple(_hit(f) for f in hits),
        by_unit=tuple(summaries[u] for u in page_units),
        by_function=functions,
        total_hits=total_hits,
        total_units=len(folded.units),
        limit=limit,
        offset=offset,
    )


# Queries kept in their own modules are part of this API too.
from graph.alignment import aligned_tasks, coverage  # noqa: E402
from graph.explore import neighbourhood, search, stats  # noqa: E402
from graph.lineage import DEFAULT_LINEAGE_LIMIT, lineage  # noqa: E402
from graph.task_queries import cited_by, find_tasks  # noqa: E402

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_LINEAGE_LIMIT",
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
