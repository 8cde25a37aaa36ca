"""Queries that return tasks and citing documents: ``find_tasks`` and ``cited_by``.

``find_tasks`` is the table behind most questions about a plan ("which 赣州
tasks are due before 2021-10-31", "which 广丰 tasks have no lead unit", "what
does 区信息中心 do in the 2020 青云谱 plan"): every filter is optional and all
given filters must hold. ``cited_by`` answers "which documents cite X, and in
which tasks". Both are re-exported by :mod:`graph.queries`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from graph import resolve
from graph.engine import AssignmentFilter, Engine
from graph.errors import InvalidArgument
from graph.model import Node
from graph.results import AssignmentRef, CitingRow, TaskRow
from graph.rows import ROLE_ORDER, directive_order, directive_ref, evidence, task_ref
from graph.text import search_form
from ingest.records import LEVELS, ROLES


def _check_date(name: str, value: str | None) -> None:
    if value is None:
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        raise InvalidArgument(f"{name} must be an ISO date such as 2021-10-31, not {value!r}.") from None


def _directives(
    engine: Engine, directive: str | None, region: str | None, year: int | None, level: str | None
) -> list[str] | None:
    """Directive ids selected by directive/region/year/level, or None when none of them is given."""
    if directive is None and region is None and year is None and level is None:
        return None
    if directive is not None:
        pool = [resolve.directive(engine, directive)]
    else:
        pool = engine.nodes_of_type("Directive")
    pool = [
        d
        for d in pool
        if (year is None or d.get("year") == year) and (level is None or d.get("level") == level)
    ]
    if region is not None:
        regions = resolve.region_and_below(engine, region)
        inside = {e.src for e in engine.edges([d.id for d in pool], ["IN_REGION"], "out") if e.dst in regions}
        pool = [d for d in pool if d.id in inside]
    return [d.id for d in pool]


def find_tasks(
    engine: Engine,
    *,
    directive: str | None = None,
    region: str | None = None,
    year: int | None = None,
    level: str | None = None,
    domain: str | None = None,
    unit: str | None = None,
    role: str | None = None,
    missing_role: str | None = None,
    due_before: str | None = None,
    due_after: str | None = None,
) -> list[TaskRow]:
    """Tasks matching every given filter, in plan order, each with all its units and roles.

    ``role`` alone keeps tasks that have a unit in that role; with ``unit`` it is the
    unit's role. ``missing_role`` keeps tasks with no unit in that role. ``due_before``
    and ``due_after`` are inclusive ISO dates; tasks without a dated deadline drop out.
    """
    for name, value in (("role", role), ("missing_role", missing_role)):
        if value is not None and value not in ROLES:
            raise InvalidArgument(f"Unknown {name} {value!r}; use one of: {', '.join(ROLES)}.")
    if level is not None and level not in LEVELS:
        raise InvalidArgument(f"Unknown level {level!r}; use one of: {', '.join(LEVELS)}.")
    _check_date("due_before", due_before)
    _check_date("due_after", due_after)
    candidates: set[str] | None = None

    def narrow(ids: set[str]) -> None:
        nonlocal candidates
        candidates = ids if candidates is None else candidates & ids

    directives = _directives(engine, directive, region, year, level)
    if directives is not None:
        narrow({t.id for t in engine.tasks_of(directives)})
    if unit is not None:
        unit_ids = [n.id for n in resolve.units(engine, unit)]
        facts = engine.assignments(AssignmentFilter(unit_ids=unit_ids, roles=[role] if role else None))
        narrow({f.task.id for f in facts})
    elif role is not None:
        narrow({f.task.id for f in engine.assignments(AssignmentFilter(roles=[role]))})
    if domain is not None:
        from graph.queries import domain_closure

        concepts = domain_closure(engine, resolve.domain(engine, domain).id)
        narrow({e.src for e in engine.edges(sorted(concepts), ["IN_DOMAIN"], "in")})
    if candidates is None:
        every = [d.id for d in engine.nodes_of_type("Directive")]
        candidates = {t.id for t in engine.tasks_of(every)}
    tasks = engine.nodes(sorted(candidates))
    if due_before is not None or due_after is not None:
        tasks = [t for t in tasks if _due_within(t, due_before, due_after)]
    assigned: dict[str, list[AssignmentRef]] = defaultdict(list)
    directives_by_id: dict[str, Node] = {}
    facts = engine.assignments(AssignmentFilter(task_ids=[t.id for t in tasks])) if tasks else []
    for fact in facts:
        directives_by_id[fact.directive.id] = fact.directive
        assigned[fact.task.id].append(
            AssignmentRef(
                role=fact.edge.get("role"),
                unit_id=fact.unit.id,
                unit=fact.unit.get("name"),
                written=fact.edge.get("written") or fact.unit.get("name"),
                region=fact.unit.get("region"),
            )
        )
    if missing_role is not None:
        tasks = [t for t in tasks if all(a.role != missing_role for a in assigned[t.id])]
    missing = sorted({t.get("directive") for t in tasks} - set(directives_by_id))
    directives_by_id.update({d.id: d for d in engine.nodes(missing)})
    rows = [_task_row(t, directives_by_id[t.get("directive")], assigned[t.id]) for t in tasks]
    return sorted(rows, key=lambda r: (*directive_order(directives_by_id[r.directive.id]), r.task.n))


def _due_within(task: Node, before: str | None, after: str | None) -> bool:
    deadline = task.get("deadline")
    if not deadline or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(deadline)):
        return False
    return (before is None or deadline <= before) and (after is None or deadline >= after)


def _task_row(task: Node, directive: Node, assignments: list[AssignmentRef]) -> TaskRow:
    ordered = sorted(assignments, key=lambda a: (ROLE_ORDER.get(a.role, 9), a.unit_id))
    return TaskRow(
        task=task_ref(task),
        text=task.get("text") or "",
        deadline=task.get("deadline"),
        deadline_text=task.get("deadline_text"),
        row_no=task.get("row_no"),
        section=tuple(task.get("section") or ()),
        domains=tuple(task.get("domains") or ()),
        assignments=tuple(ordered),
        directive=directive_ref(directive),
        evidence=evidence(directive.id, task),
    )


def cited_by(engine: Engine, directive: str) -> list[CitingRow]:
    """Documents whose text cites ``directive`` (id, any doc-number variant or title), with the tasks naming it."""
    target = resolve.directive(engine, directive)
    edges = engine.edges([target.id], ["CITES", "IMPLEMENTS"], "in")
    citing = {n.id: n for n in engine.nodes(sorted({e.src for e in edges}))}
    names = [
        search_form(x)
        for x in (target.get("title"), target.get("doc_number"), *target.get("alt_titles", []))
        if x
    ]
    rows = []
    for edge in sorted(edges, key=lambda e: (directive_order(citing[e.src]), e.type)):
        naming = [
            t
            for t in engine.tasks_of([edge.src])
            if any(name and name in (t.get("search") or "") for name in names)
        ]
        rows.append(
            CitingRow(
                directive=directive_ref(citing[edge.src]),
                relation="implements" if edge.type == "IMPLEMENTS" else "mentions",
                tasks=tuple(task_ref(t) for t in sorted(naming, key=lambda t: int(t.get("n")))),
                evidence=evidence(edge.src, edge),
            )
        )
    return rows
