"""Documents and tasks: list, open (text + highlighted spans), 工作台账, upload, retract.

Reads are open. Writes (upload, delete) need the bearer token of
``ZWGK_WRITE_TOKEN`` and are refused (403) when no token is configured; an
upload is visible in every query as soon as the response is sent.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from api import documents
from api.deps import Limit, Offset, Service, WriteAccess
from api.errors import ApiError
from api.formats import TABLE, TABLE_XLSX, Page, choose_format
from api.ledger import plan_ledger
from api.render import csv_response, envelope, file_response, safe_stem
from api.uploads import check_size, ingest_upload, remove_upload
from graph.errors import NotFound
from graph.results import to_jsonable
from graph.rows import directive_ref

router = APIRouter(prefix="/api", tags=["documents"])

_UPLOAD_SCHEMA: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}


@router.get("/documents", summary="Every ingested document (stubs of cited documents left out)")
def list_documents(request: Request, service: Service, limit: Limit = 100, offset: Offset = 0) -> Response:
    fmt = choose_format(request, TABLE)
    rows = documents.list_documents(service.engine(), service.store)
    page = Page(len(rows), limit, offset)
    if fmt == "csv":
        return csv_response(page.slice(rows), "documents.csv")
    return envelope(request, "documents", {}, page.slice(rows), page)


@router.get(
    "/documents/{doc_id:path}/tasks",
    summary="A plan's tasks with units by role (JSON, CSV or 工作台账 .xlsx)",
)
def document_tasks(request: Request, service: Service, doc_id: str) -> Response:
    fmt = choose_format(request, TABLE_XLSX)
    engine = service.engine()
    node = documents.directive_node(engine, doc_id)
    tasks = documents.plan_tasks(engine, node)
    ref = directive_ref(node)
    stem = safe_stem(ref.doc_number or ref.title or ref.id)
    if fmt == "xlsx":
        return file_response(
            plan_ledger(ref.title or ref.doc_number or ref.id, tasks), "xlsx", f"工作台账-{stem}.xlsx"
        )
    if fmt == "csv":
        return csv_response(tasks, f"tasks-{stem}.csv")
    return envelope(request, "document_tasks", {"id": doc_id}, tasks)


@router.get(
    "/documents/{doc_id:path}", summary="A document: metadata, tasks, original text and extracted spans"
)
def get_document(request: Request, service: Service, doc_id: str) -> Response:
    choose_format(request, ("json",))
    view = documents.document_view(service.engine(), service.store, doc_id)
    return envelope(request, "document", {"id": doc_id}, view)


@router.get(
    "/tasks/{task_id:path}", summary="A task: text, section, deadline, domains, units by role, evidence"
)
def get_task(request: Request, service: Service, task_id: str) -> Response:
    choose_format(request, ("json",))
    return envelope(request, "task", {"id": task_id}, documents.task_view(service.engine(), task_id))


async def _read_limited(request: Request, limit: int) -> bytes:
    """The request body, stopped as soon as it is larger than ``limit`` plus multipart overhead."""
    allowed = limit + 64 * 1024
    declared = request.headers.get("content-length")
    if declared and declared.isdigit():
        check_size(max(int(declared) - 64 * 1024, 0), limit)
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > allowed:
            check_size(len(body), limit)
    return bytes(body)


@router.post(
    "/documents",
    status_code=201,
    summary="Upload a document (.txt .docx .pdf .html): extracted, stored, queryable at once",
    dependencies=[WriteAccess],
    openapi_extra=_UPLOAD_SCHEMA,
)
async def upload_document(request: Request, service: Service) -> JSONResponse:
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise ApiError(415, "A001", "Send the document as multipart/form-data in a field named 'file'.")
    body = await _read_limited(request, service.settings.max_upload_bytes)
    request._body = body  # noqa: SLF001 - the form parser reads the body we already bounded
    form = await request.form(max_files=1, max_fields=5)
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise ApiError(400, "A001", "The form has no file field named 'file'.")
    content = await upload.read()
    done = await run_in_threadpool(ingest_upload, service, upload.filename, content)
    engine = service.engine()
    node = next(n for n in engine.nodes_of_type("Directive") if n.get("path") == done.path)
    return JSONResponse(
        {
            "document": to_jsonable(directive_ref(node)),
            "outcome": done.outcome,
            "tasks": len(done.document.tasks),
            "problems": to_jsonable(done.document.problems),
        },
        status_code=201,
    )


@router.delete(
    "/documents/{doc_id:path}",
    summary="Retract a document from the store and the graph",
    dependencies=[WriteAccess],
)
def delete_document(service: Service, doc_id: str) -> JSONResponse:
    node = documents.directive_node(service.engine(), doc_id)
    path = node.get("path")
    if node.get("stub") or not path:
        raise NotFound("ingested document", doc_id)
    service.remove(path)
    remove_upload(service, path)
    return JSONResponse({"deleted": to_jsonable(directive_ref(node))})
