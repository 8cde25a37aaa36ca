"""Read-only query endpoints for people who write SPARQL or Cypher themselves.

``/sparql`` follows the SPARQL 1.1 protocol for queries (GET ``?query=``, POST
form ``query=``, POST ``application/sparql-query``); updates (POST ``update=``
or ``application/sparql-update``) are refused, and so is every update
keyword or ``SERVICE`` in a query. ``/cypher`` exists when the Neo4j engine is
active and runs statements in a READ session after refusing write clauses.
Both have the time limit ``ZWGK_QUERY_TIMEOUT_S`` and the row limit
``ZWGK_QUERY_ROW_LIMIT``; a query over either is refused as too expensive.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from api.deps import Service
from api.errors import ApiError
from api.readonly import check_cypher, check_sparql
from api.render import file_response
from api.service import GraphService
from api.sparql import SparqlAnswer
from api.tables import to_csv

router = APIRouter(prefix="/api", tags=["endpoints"])

_SPARQL_GET_DOC: dict[str, Any] = {
    "parameters": [
        {
            "name": "query",
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
            "description": "SPARQL query (GET).",
        }
    ],
}
_SPARQL_POST_DOC: dict[str, Any] = {
    "requestBody": {
        "required": False,
        "content": {
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "properties": {"query": {"type": "string"}}}
            },
        },
    },
}
_CYPHER_GET_DOC: dict[str, Any] = {
    "parameters": [
        {
            "name": "query",
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
            "description": "Cypher statement (GET; also accepted as ?statement=).",
        }
    ],
}
_CYPHER_POST_DOC: dict[str, Any] = {
    "requestBody": {
        "required": False,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"statement": {"type": "string"}, "parameters": {"type": "object"}},
                }
            }
        },
    }
}


def _refused(refusal: Any) -> ApiError:
    return ApiError(403, "A008", refusal.message, {"keyword": refusal.keyword, "position": refusal.position})


async def _sparql_text(request: Request) -> str:
    if request.method == "GET":
        if "update" in request.query_params:
            raise ApiError(
                403, "A008", "Refused: SPARQL updates are not accepted; this endpoint is read-only."
            )
        return request.query_params.get("query", "")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/sparql-update":
        raise ApiError(403, "A008", "Refused: SPARQL updates are not accepted; this endpoint is read-only.")
    if media == "application/sparql-query":
        return (await request.body()).decode("utf-8", errors="replace")
    if media == "application/x-www-form-urlencoded":
        form = await request.form()
        if "update" in form:
            raise ApiError(
                403, "A008", "Refused: SPARQL updates are not accepted; this endpoint is read-only."
            )
        return str(form.get("query") or "")
    raise ApiError(
        415,
        "A001",
        "Send the query as ?query=, a form field 'query', or a body of type application/sparql-query.",
    )


def _sparql_format(request: Request, kind: str) -> str:
    asked = (request.query_params.get("format") or "").lower()
    accept = request.headers.get("accept", "").lower()
    if kind == "graph":
        return "ttl" if asked in ("ttl", "turtle") or "text/turtle" in accept else "nt"
    if asked == "csv" or (not asked and "text/csv" in accept):
        return "csv"
    return "srj"


def _run_sparql(service: GraphService, text: str) -> SparqlAnswer:
    view = service.view()
    return service.sparql.query(text, view.revision, view.model)


# One operation per method, each with its own operationId: client generators name methods after it.
@router.get(
    "/sparql",
    operation_id="sparql_get",
    summary="Read-only SPARQL 1.1 endpoint over the graph's RDF (SELECT, ASK, CONSTRUCT, DESCRIBE)",
    openapi_extra=_SPARQL_GET_DOC,
)
@router.post(
    "/sparql",
    operation_id="sparql_post",
    summary="Read-only SPARQL 1.1 endpoint over the graph's RDF (SELECT, ASK, CONSTRUCT, DESCRIBE)",
    openapi_extra=_SPARQL_POST_DOC,
)
async def sparql(request: Request, service: Service) -> Response:
    text = await _sparql_text(request)
    if not text.strip():
        raise ApiError(400, "A001", "No query given: use ?query=SELECT … or POST one.")
    refusal = check_sparql(text)
    if refusal:
        raise _refused(refusal)
    answer = await run_in_threadpool(_run_sparql, service, text)
    fmt = _sparql_format(request, answer.kind)
    headers = {"X-Query-Seconds": str(answer.seconds)}
    if answer.kind == "graph":
        body = answer.ntriples
        if fmt == "ttl":
            from rdflib import Graph

            body = Graph().parse(data=answer.ntriples, format="nt").serialize(format="turtle")
        response = file_response(body, fmt, f"sparql.{fmt}")
        response.headers.update(headers)
        return response
    if answer.kind == "ask":
        return JSONResponse(
            {"head": {}, "boolean": answer.boolean},
            media_type="application/sparql-results+json",
            headers=headers,
        )
    if fmt == "csv":
        rows = [{v: row.get(v, {}).get("value", "") for v in answer.variables} for row in answer.rows]
        response = Response(
            to_csv(rows).encode("utf-8"), media_type="text/csv; charset=utf-8", headers=headers
        )
        return response
    return JSONResponse(
        {"head": {"vars": list(answer.variables)}, "results": {"bindings": list(answer.rows)}},
        media_type="application/sparql-results+json",
        headers=headers,
    )


def _run_cypher(
    service: GraphService, statement: str, params: dict[str, Any]
) -> tuple[list[str], list[dict[str, Any]], bool]:
    engine = service.engine()
    settings = service.settings
    try:
        return engine.read_cypher(  # type: ignore[attr-defined]
            statement, params, timeout_s=settings.query_timeout_s, limit=settings.query_row_limit
        )
    except Exception as exc:
        mapped = _cypher_error(exc, settings.query_timeout_s)
        if mapped is exc:
            raise
        raise mapped from exc


def _cypher_error(exc: Exception, timeout_s: float) -> Exception:
    code = getattr(exc, "code", "") or ""
    message = getattr(exc, "message", None) or str(exc)
    if "AccessMode" in code or "WriteOnReadOnlyAccess" in code:
        return ApiError(403, "A008", f"Refused by the database: the statement would write ({message}).")
    if "TransactionTimedOut" in code or "Terminated" in code or "timed out" in message.lower():
        return ApiError(
            422,
            "A009",
            f"Query too expensive: stopped after {timeout_s:g} s (ZWGK_QUERY_TIMEOUT_S). Narrow the pattern or add LIMIT.",
            {"limit_s": timeout_s},
        )
    if "SyntaxError" in code or "Statement" in code:
        return ApiError(400, "A011", f"Cypher error: {message}", {"neo4j_code": code})
    return exc  # GraphError (e.g. EngineUnavailable) and bugs keep their own handlers


# One operation per method, each with its own operationId: client generators name methods after it.
@router.get(
    "/cypher",
    operation_id="cypher_get",
    summary="Read-only Cypher endpoint (only when the Neo4j engine is active)",
    openapi_extra=_CYPHER_GET_DOC,
)
@router.post(
    "/cypher",
    operation_id="cypher_post",
    summary="Read-only Cypher endpoint (only when the Neo4j engine is active)",
    openapi_extra=_CYPHER_POST_DOC,
)
async def cypher(request: Request, service: Service) -> JSONResponse:
    if service.settings.engine != "neo4j" or not hasattr(service.engine(), "read_cypher"):
        raise ApiError(
            404,  # the endpoint does not exist on this engine: the client's request, not a server failure
            "A010",
            f"Cypher needs the Neo4j engine; this server runs {service.settings.engine!r} (ZWGK_ENGINE).",
        )
    params: dict[str, Any] = {}
    if request.method == "GET":
        statement = request.query_params.get("query") or request.query_params.get("statement") or ""
    else:
        try:
            payload = await request.json()
        except ValueError:
            raise ApiError(
                400, "A001", 'POST a JSON object {"statement": "MATCH …", "parameters": {}}.'
            ) from None
        statement = (
            str(payload.get("statement") or payload.get("query") or "") if isinstance(payload, dict) else ""
        )
        params = payload.get("parameters") or {} if isinstance(payload, dict) else {}
    if not statement.strip():
        raise ApiError(400, "A001", 'No statement given: use ?query=MATCH … or POST {"statement": …}.')
    refusal = check_cypher(statement)
    if refusal:
        raise _refused(refusal)
    keys, rows, truncated = await run_in_threadpool(_run_cypher, service, statement, params)
    if truncated:
        limit = service.settings.query_row_limit
        raise ApiError(
            422,
            "A009",
            f"Query too expensive: more than {limit} rows (ZWGK_QUERY_ROW_LIMIT). Add LIMIT {limit} or narrow the pattern.",
            {"row_limit": limit},
        )
    return JSONResponse(jsonable_rows(keys, rows))


def jsonable_rows(keys: list[str], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Cypher rows as JSON: nodes and relationships become their properties, temporals ISO strings."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if hasattr(value, "iso_format"):
            return value.iso_format()
        return str(value)

    return {"columns": keys, "rows": [plain(r) for r in rows]}
