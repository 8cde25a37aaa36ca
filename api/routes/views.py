"""Routes the web UI needs beyond the queries: the matrix, the vocabularies, the server's health."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from api.deps import Service
from api.formats import MEDIA_TYPES, TABLE, choose_format
from api.matrix import build_matrix, top_domains
from api.render import csv_response, envelope, file_response
from api.static_files import vendor_status
from graph import queries
from ingest.records import LEVELS, ROLES

router = APIRouter(prefix="/api", tags=["views"])


@router.get("/matrix", summary="Responsibility matrix: unit functions (or units) × domains, counts by role")
def matrix(
    request: Request,
    service: Service,
    rows: Literal["function", "unit"] = "function",
    role: Annotated[str | None, Query(description=f"One of: {', '.join(ROLES)}.")] = None,
    region: str | None = None,
    level: str | None = None,
    year: int | None = None,
) -> Response:
    fmt = choose_format(request, TABLE)
    engine = service.engine()
    result = queries.units_for(engine, None, role, region, level, year, limit=None)  # every assignment
    grid = build_matrix(engine, result, rows)
    params = {"rows": rows, "role": role, "region": region, "level": level, "year": year}
    if fmt == "csv":
        labels = {a.id: a.label for a in (*grid.rows, *grid.columns)}
        table = [
            {
                "row": labels[c.row],
                "row_id": c.row,
                "domain": labels[c.column],
                "domain_id": c.column,
                "tasks": c.tasks,
                **c.roles,
            }
            for c in grid.cells
        ]
        return csv_response(table, f"matrix-{rows}.csv")
    return envelope(request, "matrix", params, grid)


@router.get("/vocabulary", summary="Domains, unit functions, roles and levels (labels for filters)")
def vocabulary(request: Request, service: Service) -> JSONResponse:
    engine = service.engine()

    def concepts(node_type: str) -> list[dict[str, object]]:
        return [
            {"id": n.id, "label": n.get("label"), "label_en": n.get("label_en")}
            for n in sorted(engine.nodes_of_type(node_type), key=lambda n: n.id)
        ]

    years = sorted(
        {n.get("year") for n in engine.nodes_of_type("Directive") if n.get("year") and not n.get("stub")}
    )
    return envelope(
        request,
        "vocabulary",
        {},
        {
            "domains": concepts("Domain"),
            "functions": concepts("UnitFunction"),
            "roles": list(ROLES),
            "levels": list(LEVELS),
            "years": years,
            "top": top_domains(engine),
        },
    )


ExportFormat = Literal["ttl", "jsonld", "graphml", "csv"]


@router.get(
    "/export",
    summary="The whole graph as Turtle, JSON-LD, GraphML or CSV (as `zwgk export`)",
    response_class=Response,
    # Each format's media type is listed, so a client generated from the description accepts the file.
    responses={
        200: {
            "description": "The graph as a file in the format asked for.",
            "content": {
                MEDIA_TYPES[fmt]: {"schema": {"type": "object"} if fmt == "jsonld" else {"type": "string"}}
                for fmt in get_args(ExportFormat)
            },
        }
    },
)
def export_graph(
    service: Service,
    format: Annotated[ExportFormat, Query(description="File format.")] = "ttl",
) -> Response:
    from graph.export import export

    return file_response(export(service.model(), format), format, f"zwgk-graph.{format}")


@router.get("/health", summary="Is the server ready: engine, store revision, web UI files, writes")
def health(service: Service) -> JSONResponse:
    view = service.view()
    counts = service.store.counts()
    return JSONResponse(
        {
            "status": "ok",
            "engine": service.settings.engine,
            "revision": view.revision,
            "documents": counts.documents,
            "nodes": len(view.model.nodes),
            "edges": len(view.model.edges),
            "writes_enabled": service.settings.writes_enabled,
            # False while the indexes are still being built after a start or an upload: answers are
            # already right, only slower until then
            "indexes_warm": service.warmed.is_set(),
            "ui": vendor_status(),
        }
    )
