"""The queries of the product, one core function each, for any engine.

The CLI, the HTTP routes, the web UI and :func:`graph.ask.ask` all call these
functions and only format what they return (see :mod:`graph.results`). Each
function resolves names (unit, domain, region, doc number) against the graph's
own dictionaries, asks the engine for facts, and ranks and groups them here, so
that every engine gives the same answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from graph import resolve
from graph.concepts import narrower_closure
from graph.engine import AssignmentFact, AssignmentFilter, Engine
from graph.errors import InvalidArgument, NotFound
from graph.model import CITATION_EDGE_TYPES, Edge, Node
from graph.results import (
    AlignedTask,
    CoverageResult,
    CoverageRow,
    Direction,
    EdgeView,
    FunctionSummary,
    LineageLink,
    LineageNode,
    LineageResult,
    Neighbourhood,
    NodeView,
    ResponsibilityRow,
    SearchHit,
    Stats,
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
    visible_props,
)
from graph.similarity import rank
from graph.text import search_form, simplified
from ingest.records import LEVELS, ROLES

DEFAULT_COVERAGE_THRESHOLD = 0.25
SEARCH_TYPES = ("Directive", "Task", "Unit", "UnitGroup")


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


def _ancestor_plans(engine: Engine, directive_id: str, depth: int = 5) -> list[Node]:
    up = lineage(engine, directive_id, "up", depth)
    ids = [n.directive.id for n in up.nodes if n.depth > 0 and not n.directive.stub]
    return engine.nodes(ids)


def aligned_tasks(engine: Engine, task_id: str, limit: int = 5) -> list[AlignedTask]:
    """Tasks of the plans above the task's plan that it plausibly carries out, best first."""
    task = resolve.task(engine, task_id)
    parents = {n.id: n for n in _ancestor_plans(engine, task.get("directive"))}
    candidates = sorted(engine.tasks_of(list(parents)), key=lambda t: t.id)
    scored = rank(
        task.get("text") or "",
        task.get("domains") or (),
        [(c.get("text") or "", c.get("domains") or ()) for c in candidates],
    )
    out = []
    for s in scored[:limit]:
        if s.score <= 0:
            break
        cand = candidates[s.index]
        out.append(
            AlignedTask(
                task=task_ref(cand),
                text=cand.get("text") or "",
                directive=directive_ref(parents[cand.get("directive")]),
                score=s.score,
                text_score=s.text_score,
                shared_domains=s.shared_domains,
                shared_tokens=s.shared_tokens,
                evidence=evidence(cand.get("directive"), cand),
            )
        )
    return out


def coverage(engine: Engine, parent: str, child: str, threshold: float | None = None) -> CoverageResult:
    """For each task of ``parent``, the best-matching task of ``child`` and whether it is covered."""
    limit = DEFAULT_COVERAGE_THRESHOLD if threshold is None else threshold
    parent_node = resolve.directive(engine, parent)
    child_node = resolve.directive(engine, child)
    child_tasks = sorted(engine.tasks_of([child_node.id]), key=lambda t: int(t.get("n")))
    rows = []
    for ptask in sorted(engine.tasks_of([parent_node.id]), key=lambda t: int(t.get("n"))):
        best = rank(
            ptask.get("text") or "",
            ptask.get("domains") or (),
            [(c.get("text") or "", c.get("domains") or ()) for c in child_tasks],
        )[:1]
        top = best[0] if best and best[0].score > 0 else None
        match = child_tasks[top.index] if top else None
        rows.append(
            CoverageRow(
                parent_task=task_ref(ptask),
                parent_text=ptask.get("text") or "",
                child_task=task_ref(match) if match else None,
                child_text=match.get("text") if match else None,
                score=top.score if top else 0.0,
                covered=bool(top and top.score >= limit),
            )
        )
    return CoverageResult(
        parent=directive_ref(parent_node),
        child=directive_ref(child_node),
        threshold=limit,
        rows=tuple(rows),
        covered=sum(r.covered for r in rows),
        total=len(rows),
    )


def neighbourhood(engine: Engine, node_id: str, depth: int = 1, limit: int = 200) -> Neighbourhood:
    """Nodes and edges within ``depth`` hops of ``node_id``, at most ``limit`` nodes (nearest first)."""
    if depth < 0 or limit < 1:
        raise InvalidArgument("depth must be >= 0 and limit >= 1.")
    start = engine.nodes([node_id])
    if not start:
        raise NotFound("node", node_id)
    kept = [node_id]
    seen = {node_id}
    truncated = False
    frontier = [node_id]
    for _ in range(depth):
        edges = engine.edges(frontier, None, "both")
        following = sorted({end for e in edges for end in (e.src, e.dst)} - seen)
        room = limit - len(kept)
        if len(following) > room:
            following, truncated = following[: max(room, 0)], True
        kept.extend(following)
        seen.update(following)
        frontier = following
        if truncated or not frontier:
            break
    nodes = sorted(engine.nodes(kept), key=lambda n: n.id)
    edges = [e for e in engine.edges(kept, None, "both") if e.src in seen and e.dst in seen]
    return Neighbourhood(
        center=node_id,
        depth=depth,
        nodes=tuple(
            NodeView(n.id, n.type, str(n.get("label") or n.id), visible_props(n.props)) for n in nodes
        ),
        edges=tuple(
            EdgeView(e.id, e.src, e.dst, e.type, visible_props(e.props))
            for e in sorted(edges, key=lambda e: e.id)
        ),
        truncated=truncated,
    )


def _snippet(node: Node, needle: str, width: int = 30) -> str:
    text = str(node.get("text") or node.get("title") or node.get("label") or "")
    for haystack in (simplified(text), text):
        at = haystack.lower().find(needle)
        if at >= 0:
            return text[max(0, at - width) : at + len(needle) + width]
    return text[: 2 * width]


def search(engine: Engine, text: str, limit: int = 20) -> list[SearchHit]:
    """Directives, tasks and units whose words contain ``text`` (simplified/traditional, any width).

    Whitespace separates words that must all occur. Exact names rank first, then
    names that start with the text, then shorter labels.
    """
    needles = [search_form(part) for part in text.split() if search_form(part)]
    if not needles:
        return []
    whole = "".join(needles)
    type_rank = {t: i for i, t in enumerate(SEARCH_TYPES)}
    hits = []
    for node in engine.search_nodes(needles, SEARCH_TYPES):
        label = str(node.get("label") or node.id)
        form = node.get("search") or ""
        score = (
            1.0 + (2.0 if form == whole else 1.0 if form.startswith(whole) else 0.0) + 1.0 / (1 + len(form))
        )
        has_text = node.get("char_start") is not None
        document = node.get("directive") or node.id
        hits.append(
            SearchHit(
                id=node.id,
                type=node.type,
                label=label,
                snippet=_snippet(node, needles[0]),
                score=round(score, 6),
                evidence=evidence(document, node) if has_text else None,
            )
        )
    hits.sort(key=lambda h: (-h.score, type_rank.get(h.type, 9), h.id))
    return hits[:limit]


def stats(engine: Engine) -> Stats:
    """Counts of nodes, edges, roles, documents, stubs, tasks and units."""
    nodes, edges = engine.counts()
    directives = engine.nodes_of_type("Directive")
    roles: dict[str, int] = defaultdict(int)
    for fact in engine.assignments(AssignmentFilter()):
        roles[fact.edge.get("role")] += 1
    stubs = sum(1 for d in directives if d.get("stub"))
    return Stats(
        nodes=dict(sorted(nodes.items())),
        edges=dict(sorted(edges.items())),
        roles={r: roles[r] for r in ROLES if roles.get(r)},
        documents=len(directives) - stubs,
        stub_directives=stubs,
        tasks=nodes.get("Task", 0),
        units=nodes.get("Unit", 0) + nodes.get("UnitGroup", 0),
    )


# Task tables and citing documents live in their own module; they are queries of this API too.
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
