"""The query routes: one per function of :mod:`graph.queries`, each a thin shell over it.

A route parses its parameters, calls the same core function as ``zwgk query``,
and renders the result as JSON (default), CSV, Excel or a graph format. Lists
are paged with ``limit``/``offset``; every row keeps its evidence (document,
section, lines, characters and the words themselves).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import Limit, Offset, Service
from api.errors import ApiError
from api.formats import GRAPH, TABLE, TABLE_XLSX, Page, choose_format
from api.graph_export import render_graph, submodel
from api.ledger import plan_ledger, responsibilities_ledger
from api.render import csv_response, envelope, file_response, safe_stem
from graph import queries
from ingest.records import LEVELS, ROLES

router = APIRouter(prefix="/api", tags=["queries"])


@dataclass(frozen=True)
class SearchPage(Page):
    """A page of search hits whose ``total`` may be a lower bound ("10,000+" for a common word)."""

    total_is_lower_bound: bool = False

    def as_json(self, request: Request) -> dict[str, Any]:
        shown = super().as_json(request)
        if self.total_is_lower_bound and shown["next"] is None:  # more matched than were counted
            following = self.offset + self.limit
            shown["next"] = str(request.url.include_query_params(offset=following, limit=self.limit))
        return {**shown, "total_is_lower_bound": self.total_is_lower_bound}


RoleParam = Annotated[str | None, Query(description=f"One of: {', '.join(ROLES)}.")]


@router.get("/stats", summary="Counts of what the graph holds")
def stats(request: Request, service: Service) -> Response:
    fmt = choose_format(request, TABLE)
    result = queries.stats(service.engine())
    if fmt == "csv":
        rows = [
            {"kind": kind, "key": key, "count": count}
            for kind, table in (("node", result.nodes), ("edge", result.edges), ("role", result.roles))
            for key, count in table.items()
        ]
        return csv_response(rows, "stats.csv")
    return envelope(request, "stats", {}, result)


@router.get("/search", summary="Directives, tasks and units whose words contain the text")
def search(
    request: Request,
    service: Service,
    q: Annotated[str, Query(min_length=1, description="Words to find (simplified or traditional).")],
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    fmt = choose_format(request, TABLE)
    result = queries.search(service.engine(), q, limit=limit, offset=offset)
    if fmt == "csv":
        return csv_response(result.hits, f"search-{safe_stem(q)}.csv")
    page = SearchPage(result.total, limit, offset, result.total_is_lower_bound)
    return envelope(request, "search", {"q": q}, result.hits, page)


@router.get("/responsibilities", summary="Every task of a unit, with its role and the words it rests on")
def responsibilities(
    request: Request,
    service: Service,
    unit: Annotated[str, Query(min_length=1, description="Unit id, canonical name or name as written.")],
    role: RoleParam = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    fmt = choose_format(request, TABLE_XLSX)
    if fmt == "xlsx":  # the 工作台账 lists every task of the unit
        every = queries.responsibilities(service.engine(), unit, role, limit=None)
        content = responsibilities_ledger(unit, role, list(every.rows))
        return file_response(content, "xlsx", f"工作台账-{safe_stem(unit, role)}.xlsx")
    result = queries.responsibilities(service.engine(), unit, role, limit=limit, offset=offset)
    if fmt == "csv":
        return csv_response(result.rows, f"responsibilities-{safe_stem(unit, role)}.csv")
    page = Page(result.total, limit, offset)
    return envelope(request, "responsibilities", {"unit": unit, "role": role}, result.rows, page)


@router.get("/units-for", summary="Units assigned to tasks of a domain, by unit and by unit function")
def units_for(
    request: Request,
    service: Service,
    domain: Annotated[
        str | None, Query(description="Domain concept (id, 中文 or English label); omit for all.")
    ] = None,
    role: RoleParam = None,
    region: Annotated[str | None, Query(description="Directives of this region or below it.")] = None,
    level: Annotated[str | None, Query(description=f"Directive level: {', '.join(LEVELS)}.")] = None,
    year: Annotated[int | None, Query(description="Directive year.")] = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    fmt = choose_format(request, TABLE)
    params = {"domain": domain, "role": role, "region": region, "level": level, "year": year}
    result = queries.units_for(
        service.engine(), domain, role, region, level, year, limit=limit, offset=offset
    )
    if fmt == "csv":
        return csv_response(result.hits, f"units-for-{safe_stem(domain or 'all', role)}.csv")
    return envelope(request, "units_for", params, result, Page(result.total_hits, limit, offset))


@router.get("/lineage", summary="Directives a directive carries out (up) or that carry it out (down)")
def lineage(
    request: Request,
    service: Service,
    directive: Annotated[
        str, Query(min_length=1, description="Directive id, 发文字号 (any variant) or title.")
    ],
    direction: Literal["up", "down"] = "up",
    depth: Annotated[int, Query(ge=1, le=20)] = 5,
    include_mentions: bool = False,
    limit: Limit = queries.DEFAULT_LINEAGE_LIMIT,
    offset: Offset = 0,
) -> Response:
    fmt = choose_format(request, GRAPH)
    view = service.view()
    result = queries.lineage(view.engine, directive, direction, depth, include_mentions, limit, offset)
    stem = f"lineage-{safe_stem(result.root.doc_number or result.root.id, direction)}"
    if fmt == "csv":
        return csv_response(result.nodes, f"{stem}.csv")
    if fmt in ("graphml", "ttl", "jsonld"):
        kinds = {
            "implements": "IMPLEMENTS",
            "mentions": "CITES",
            "inferred_implements": "INFERRED_IMPLEMENTS",
        }
        part = submodel(
            view.model,
            # the page's nodes and the far end of each link reaching them
            [n.directive.id for n in result.nodes]
            + [e for link in result.links for e in (link.src, link.dst)],
            [(link.src, link.dst, kinds[link.kind]) for link in result.links],
        )
        return file_response(render_graph(part, fmt), fmt, f"{stem}.{fmt}")
    params = {
        "directive": directive,
        "direction": direction,
        "depth": depth,
        "include_mentions": include_mentions,
    }
    return envelope(request, "lineage", params, result, Page(result.total_nodes, limit, offset))


@router.get("/aligned-tasks", summary="Tasks of the plans above that a task plausibly carries out")
def aligned_tasks(
    request: Request,
    service: Service,
    task: Annotated[str, Query(min_length=1, description="Task id.")],
    limit: Annotated[int, Query(ge=1, le=100)] = 5,
) -> Response:
    fmt = choose_format(request, TABLE)
    rows = queries.aligned_tasks(service.engine(), task, limit)
    if fmt == "csv":
        return csv_response(rows, f"aligned-{safe_stem(task)}.csv")
    return envelope(request, "aligned_tasks", {"task": task, "limit": limit}, rows)


@router.get("/coverage", summary="How much of a parent plan a child plan takes up, task by task")
def coverage(
    request: Request,
    service: Service,
    parent: Annotated[str, Query(min_length=1, description="The higher-level directive.")],
    child: Annotated[str, Query(min_length=1, description="The lower-level directive.")],
    threshold: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> Response:
    fmt = choose_format(request, TABLE)
    result = queries.coverage(service.engine(), parent, child, threshold)
    if fmt == "csv":
        return csv_response(result.rows, f"coverage-{safe_stem(result.parent.id, result.child.id)}.csv")
    return envelope(request, "coverage", {"parent": parent, "child": child, "threshold": threshold}, result)


@router.get("/neighbourhood", summary="Nodes and edges within some hops of a node (the explorer's data)")
def neighbourhood(
    request: Request,
    service: Service,
    node: Annotated[str, Query(min_length=1, description="Node id (from search or another answer).")],
    depth: Annotated[int, Query(ge=0, le=4)] = 1,
    limit: Annotated[int, Query(ge=1, le=2000)] = 200,
) -> Response:
    fmt = choose_format(request, GRAPH)
    view = service.view()
    result = queries.neighbourhood(view.engine, node, depth, limit)
    stem = f"neighbourhood-{safe_stem(node)}"
    if fmt == "csv":
        return csv_response(result.nodes, f"{stem}.csv")
    if fmt in ("graphml", "ttl", "jsonld"):
        part = submodel(
            view.model, [n.id for n in result.nodes], [(e.src, e.dst, e.type) for e in result.edges]
        )
        return file_response(render_graph(part, fmt), fmt, f"{stem}.{fmt}")
    return envelope(request, "neighbourhood", {"node": node, "depth": depth, "limit": limit}, result)


@router.get("/tasks", summary="Tasks matching every given filter, each with all its units and roles")
def find_tasks(
    request: Request,
    service: Service,
    directive: Annotated[str | None, Query(description="One plan: id, 发文字号 or title.")] = None,
    region: Annotated[str | None, Query(description="Plans of this region or below it.")] = None,
    year: int | None = None,
    level: Annotated[str | None, Query(description=f"Plan level: {', '.join(LEVELS)}.")] = None,
    domain: Annotated[str | None, Query(description="Domain concept (and narrower ones).")] = None,
    unit: Annotated[str | None, Query(description="A unit named in the task.")] = None,
    role: RoleParam = None,
    missing_role: Annotated[str | None, Query(description="Keep tasks with no unit in this role.")] = None,
    due_before: Annotated[str | None, Query(description="Deadline on or before this ISO date.")] = None,
    due_after: Annotated[str | None, Query(description="Deadline on or after this ISO date.")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    fmt = choose_format(request, TABLE_XLSX)
    params = {
        "directive": directive,
        "region": region,
        "year": year,
        "level": level,
        "domain": domain,
        "unit": unit,
        "role": role,
        "missing_role": missing_role,
        "due_before": due_before,
        "due_after": due_after,
    }
    rows = queries.find_tasks(service.engine(), **params)
    stem = safe_stem(*(v for v in params.values() if v is not None)) if any(params.values()) else "all"
    if fmt == "xlsx":
        title = " ".join(str(v) for v in params.values() if v is not None) or "全部任务"
        return file_response(plan_ledger(title, rows), "xlsx", f"工作台账-{stem}.xlsx")
    page = Page(len(rows), limit, offset)
    if fmt == "csv":
        return csv_response(page.slice(rows), f"tasks-{stem}.csv")
    return envelope(request, "find_tasks", params, page.slice(rows), page)


@router.get("/cited-by", summary="Documents whose text cites a directive, and the tasks that name it")
def cited_by(
    request: Request,
    service: Service,
    directive: Annotated[
        str, Query(min_length=1, description="Directive id, 发文字号 (any variant) or title.")
    ],
) -> Response:
    fmt = choose_format(request, TABLE)
    rows = queries.cited_by(service.engine(), directive)
    if fmt == "csv":
        return csv_response(rows, f"cited-by-{safe_stem(directive)}.csv")
    return envelope(request, "cited_by", {"directive": directive}, rows)


@router.get("/ask", summary="A question in words (中文 or English): how it was understood, and the answer")
def ask(
    request: Request,
    service: Service,
    q: Annotated[str, Query(min_length=1, description="e.g. 哪些单位牵头财政信息公开工作？")],
) -> Response:
    fmt = choose_format(request, TABLE)
    try:
        from graph.ask import ask as ask_question
    except ImportError:
        raise ApiError(
            501, "A010", "Questions in words are not available in this build (graph.ask)."
        ) from None
    result = ask_question(service.engine(), q)
    if fmt == "csv":
        answer = result.answer
        rows = getattr(answer, "hits", None) or getattr(answer, "rows", None) or answer
        if not isinstance(rows, list | tuple):
            rows = [answer]
        return csv_response(rows, f"ask-{safe_stem(q)}.csv")
    return envelope(request, "ask", {"q": q}, result)
