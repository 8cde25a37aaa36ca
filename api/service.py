"""The graph a running server answers from: the durable store, the model built from it, the engine.

The store (:mod:`graph.store`) is the source of truth; the engine is a view of
it. :meth:`GraphService.engine` compares the store's revision with the one the
engine was built from and rebuilds when they differ, so a document uploaded
through the API — or ingested by ``zwgk ingest`` in another process — is in the
answers of the next request. The new engine is built beside the old one and
swapped in whole, so a request never sees half a graph.

The first engine is built in a background thread as soon as the service
exists, and after every build the embedded engine's indexes are warmed in a background thread
(:func:`graph.service.warm_engine`): requests are answered at once (an index a
request needs before the warm-up reaches it is built by that request, once),
and the log says when the warm-up ended and how long it took.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from api.sparql import SparqlRunner
from graph.engine import Engine, create_engine
from graph.model import GraphModel
from graph.service import current_model, engine_options, warm_engine
from graph.settings import Settings
from graph.store import PutOutcome, Store, open_store
from ingest.records import ExtractedDocument

log = logging.getLogger("zwgk.api")


@dataclass(frozen=True)
class GraphView:
    """One consistent state: the engine, the model it was loaded from and the store revision."""

    engine: Engine
    model: GraphModel
    revision: int


class GraphService:
    """Store + engine of one server process; thread-safe for the thread pool FastAPI runs routes in."""

    def __init__(self, settings: Settings, engine: Engine | None = None, warm: bool = True) -> None:
        self.settings = settings
        self.store: Store = open_store(settings.data_dir)
        self._lock = threading.RLock()
        self._view: GraphView | None = None
        # A server engine (Neo4j, or one handed in) is reloaded in place; in-process ones are rebuilt.
        self._shared_engine = engine
        self.sparql = SparqlRunner(
            settings.data_dir / "cache", settings.query_timeout_s, settings.query_row_limit
        )
        self._warm = warm
        self._closed = False
        self.warmed = threading.Event()  # set when the current view's indexes are all built
        if warm:
            threading.Thread(target=self._start, name="zwgk-graph-start", daemon=True).start()

    def _start(self) -> None:
        """Load the graph before the first request asks for it (the thread ends with the load)."""
        try:
            with self._lock:  # a service closed before this thread ran is left closed
                if not self._closed:
                    self.view()
        except Exception:  # noqa: BLE001 - the first request then reports the same failure itself
            log.exception("graph not loaded in the background")

    # -- the current view ----------------------------------------------------------------------

    def view(self) -> GraphView:
        """The engine for this request, rebuilt first when the store has changed."""
        view = self._view
        if view is not None and view.revision == self.store.revision():
            return view
        with self._lock:
            if self._view is None or self._view.revision != self.store.revision():
                self._view = self._build()
                # Only the embedded engine is warmed aside: rdflib's SPARQL parser (the RDF engine)
                # must not be first used by two threads at once, and Neo4j keeps its own caches.
                if self._warm and self._view.engine.name == "embedded":
                    self.warmed.clear()
                    threading.Thread(
                        target=self._warm_view, args=(self._view,), name="zwgk-graph-warm", daemon=True
                    ).start()
            return self._view

    def _warm_view(self, view: GraphView) -> None:
        """Build ``view``'s indexes; a view replaced or closed meanwhile is left as it is."""
        try:
            warm_engine(view.engine)
        except Exception:  # noqa: BLE001 - a failed warm-up only means the requests build indexes
            log.exception("graph indexes not warmed")
            return
        if self._view is view:
            self.warmed.set()

    def engine(self) -> Engine:
        return self.view().engine

    def model(self) -> GraphModel:
        return self.view().model

    def _build(self) -> GraphView:
        revision = self.store.revision()
        # the snapshot when current (written by `zwgk ingest`); a server only reads it
        model = current_model(self.store, self.settings.data_dir, write=False)
        if self._shared_engine is None and self.settings.engine == "neo4j":
            self._shared_engine = create_engine("neo4j", **engine_options("neo4j", self.settings))
        engine = self._shared_engine or create_engine(
            self.settings.engine, **engine_options(self.settings.engine, self.settings)
        )
        engine.load(model)
        log.info(
            "graph at store revision %d: %d nodes, %d edges", revision, len(model.nodes), len(model.edges)
        )
        return GraphView(engine, model, revision)

    # -- writing -------------------------------------------------------------------------------

    def put(self, doc: ExtractedDocument) -> PutOutcome:
        """Store one extracted document and make it visible to the next query at once."""
        with self._lock:  # one writer at a time on the shared SQLite connection
            outcome = self.store.put(doc)
        self.view()
        return outcome

    def remove(self, path: str) -> bool:
        """Retract the document stored under ``path``."""
        with self._lock:
            removed = self.store.remove(path)
        self.view()
        return removed

    @property
    def upload_dir(self) -> Path:
        """Where uploaded files are kept, inside the data directory."""
        return self.settings.data_dir / "uploads"

    def close(self) -> None:
        self.sparql.close()
        with self._lock:
            self._closed = True
            engines = {
                id(e): e for e in (self._shared_engine, self._view.engine if self._view else None) if e
            }
            for engine in engines.values():
                engine.close()
            self._view = None
            self.store.close()
