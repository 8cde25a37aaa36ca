"""One JSON shape for every failure of the HTTP service, rendered by one helper.

Every error a client can see — an unknown unit, a bad parameter, a refused
write, a document that cannot be read, a query that is too expensive, a bug —
leaves the service as::

    {"error": {"code": "G001", "message": "No unit matches '市财政'. …", "detail": {…}}}

``code`` is stable: the graph layer's ``G0xx``, the ingest layer's ``E1xx``, or
one of the service's own ``A0xx`` codes below, so clients (and the web UI)
branch on it rather than on the wording. :func:`error_body` is the only place
that builds the shape, and a test pins it.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import (
    EngineUnavailable,
    GraphError,
    InvalidArgument,
    NotFound,
    SettingsError,
    StoreError,
)
from ingest.errors import FileTooLargeError, IngestError, UnsupportedFormatError

log = logging.getLogger("zwgk.api")

#: The service's own error codes (graph errors keep G0xx, ingest errors E1xx).
API_CODES: dict[str, str] = {
    "A001": "bad request",
    "A002": "authentication required",
    "A003": "writes are disabled",
    "A004": "not found",
    "A005": "format not acceptable",
    "A006": "upload too large",
    "A007": "unsafe file name",
    "A008": "read-only: the query would write",
    "A009": "query too expensive",
    "A010": "not available in this build or engine",
    "A011": "query syntax error",
    "A012": "method not allowed",
    "A500": "internal error",
}


class ApiError(Exception):
    """An error raised by a route: HTTP status, stable code, message that says what to do next."""

    def __init__(self, status: int, code: str, message: str, detail: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail


def error_body(code: str, message: str, detail: Any = None) -> dict[str, Any]:
    """The JSON body of every error response."""
    return {"error": {"code": code, "message": message, "detail": detail}}


def error_response(
    status: int, code: str, message: str, detail: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(code, message, detail), status_code=status, headers=headers)


def _graph_status(exc: GraphError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, InvalidArgument):
        return 400
    if isinstance(exc, EngineUnavailable):
        return 503
    if isinstance(exc, SettingsError | StoreError):
        return 500
    return 500


def _graph_detail(exc: GraphError) -> dict[str, Any] | None:
    if isinstance(exc, NotFound):
        return {"kind": exc.kind, "name": exc.name, "suggestions": list(exc.suggestions)}
    return None


def _ingest_status(exc: IngestError) -> int:
    if isinstance(exc, FileTooLargeError):
        return 413
    if isinstance(exc, UnsupportedFormatError) or exc.code == "E103":
        return 415
    return 422


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception type to :func:`error_response`."""

    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error_response(exc.status, exc.code, exc.message, exc.detail, headers)

    @app.exception_handler(GraphError)
    async def _graph(_: Request, exc: GraphError) -> JSONResponse:
        return error_response(_graph_status(exc), exc.code, exc.message, _graph_detail(exc))

    @app.exception_handler(IngestError)
    async def _ingest(_: Request, exc: IngestError) -> JSONResponse:
        return error_response(
            _ingest_status(exc), exc.code, exc.reason, {"file": exc.file, "error": str(exc)}
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"where": ".".join(str(p) for p in err.get("loc", ())), "problem": err.get("msg", "")}
            for err in exc.errors()
        ]
        names = ", ".join(p["where"] for p in problems)
        return error_response(400, "A001", f"Invalid or missing parameter(s): {names}.", problems)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "A004", 405: "A012"}.get(exc.status_code, "A001")
        return error_response(exc.status_code, code, str(exc.detail), None)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(
            500, "A500", f"Internal error ({type(exc).__name__}); the server log has the details.", None
        )
