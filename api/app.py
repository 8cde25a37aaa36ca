"""The HTTP service: ``create_app(settings)`` builds the FastAPI app that serves the API and the web UI.

Routes are thin shells over the same core functions as the ``zwgk`` command
line (:mod:`graph.queries`, :mod:`ingest.pipeline`); they live in small
routers under :mod:`api.routes`. Every failure leaves in the one JSON error
shape of :mod:`api.errors`. The OpenAPI description is at ``/openapi.json``
and browsable at ``/docs``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.errors import install_error_handlers
from api.routes import documents, endpoints, queries, ui, views
from api.service import GraphService
from api.static_files import STATIC_DIR
from graph.engine import Engine
from graph.settings import Settings, load_settings

DESCRIPTION = """
政务公开规划文件知识图谱 — knowledge graph of Chinese government-disclosure (政务公开) plans.

Every answer points back to its source: document, section, lines and the exact words.
JSON by default; add `?format=csv` (tables), `?format=xlsx` (工作台账), or
`?format=graphml|ttl|jsonld` (graph answers), or send an `Accept` header.
Errors always have the shape `{"error": {"code", "message", "detail"}}`.
Writes (upload, delete) need `Authorization: Bearer <ZWGK_WRITE_TOKEN>`.
"""


class _Lent:
    """An engine handed to :func:`create_app`: its owner closes it, so the app can be served again."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def close(self) -> None:
        """Left open: the caller that made the engine closes it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The app for ``settings`` (default: the ``ZWGK_*`` environment); ``engine`` overrides the configured one.

    The service (store, engine, SPARQL cache) is open from here until the lifespan ends, so a caller can
    build the graph before serving; each later start of the lifespan opens a fresh one, so the same app
    object can be served (or entered by a test client) again after it was shut down. A handed-in
    ``engine`` stays open: whoever created it closes it.
    """
    settings = settings or load_settings()
    lent = cast(Engine, _Lent(engine)) if engine is not None else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.service is None:  # a previous lifespan closed it
            app.state.service = GraphService(settings, lent)
        try:
            yield
        finally:
            service, app.state.service = app.state.service, None
            service.close()

    app = FastAPI(
        title="zwgk 政务公开知识图谱",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=[
            {"name": "queries", "description": "One route per query of graph.queries."},
            {"name": "documents", "description": "Documents and tasks; upload and retract (token)."},
            {"name": "endpoints", "description": "Read-only SPARQL and Cypher."},
            {"name": "views", "description": "Matrix, vocabularies and health for the web UI."},
        ],
    )
    app.state.service = GraphService(settings, lent)
    install_error_handlers(app)
    for module in (queries, documents, views, endpoints, ui):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    return app
