"""Build, load and cold-start figures of the engines.

* embedded: cold start as a server does it — open the store, read every
  document, build the model, load the engine with its indexes — in a fresh
  process, so that its peak RSS is the engine's own;
* RDF: ``RdfEngine.load`` of the same model (rdflib's memory store, and
  Oxigraph behind rdflib when asked);
* Neo4j: ``Neo4jEngine.load`` (batched ``UNWIND … MERGE``) into the server
  named by ``ZWGK_NEO4J_URI`` or, without one, into an embedded Neo4j started
  for the run on loopback and stopped after it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.measure import Stopwatch, in_fresh_process
from graph.engine import Engine, create_engine, engine_available
from graph.model import GraphModel


def cold_start(data_dir: str) -> dict[str, Any]:
    """Store → documents → model → embedded engine, timed step by step (run in a fresh process)."""
    from graph.builder import build_model
    from graph.embedded import EmbeddedEngine
    from graph.store import open_store

    with Stopwatch() as total:
        with Stopwatch() as read, open_store(data_dir) as store:
            docs = list(store.documents())
        with Stopwatch() as build:
            model = build_model(docs)
        with Stopwatch() as load:
            engine = EmbeddedEngine()
            engine.load(model)
    nodes, edges = engine.counts()
    return {
        "documents": len(docs),
        "tasks": nodes.get("Task", 0),
        "nodes": len(model.nodes),
        "edges": len(model.edges),
        "read_store_s": read.timing.wall_s,
        "build_model_s": build.timing.wall_s,
        "load_engine_s": load.timing.wall_s,
        "cold_start_s": total.timing.wall_s,
        "cold_start_cpu_s": total.timing.cpu_s,
    }


def imports_only() -> int:
    """Import what a cold start imports and nothing else: the baseline of its peak RSS."""
    import graph.builder
    import graph.embedded
    import graph.store

    return len(graph.builder.__name__ + graph.embedded.__name__ + graph.store.__name__)


def baseline_rss_mb() -> float:
    """Peak RSS of a fresh process that only imported the engine (interpreter, libraries, tables)."""
    return in_fresh_process("bench.engines:imports_only")[1]


def embedded_cold_start(data_dir: Path) -> dict[str, Any]:
    """:func:`cold_start` in a fresh process, with that process's peak RSS."""
    figures, peak = in_fresh_process("bench.engines:cold_start", str(data_dir))
    return {**figures, "peak_rss_mb": peak}


def load_figures(engine: Engine, model: GraphModel) -> dict[str, Any]:
    with Stopwatch() as sw:
        engine.load(model)
    return {"load_s": sw.timing.wall_s, "load_cpu_s": sw.timing.cpu_s}


@contextlib.contextmanager
def neo4j_engine() -> Iterator[Engine]:
    """A Neo4j engine: on ``ZWGK_NEO4J_URI`` if set, else on an embedded server started for the run."""
    uri = os.environ.get("ZWGK_NEO4J_URI")
    if uri:
        engine = create_engine("neo4j")
        try:
            yield engine
        finally:
            engine.close()
        return
    from graph.neo4j_launcher import EmbeddedNeo4j

    with tempfile.TemporaryDirectory(prefix="zwgk-bench-neo4j-") as tmp, EmbeddedNeo4j(Path(tmp)) as server:
        engine = create_engine("neo4j", uri=server.uri)
        try:
            yield engine
        finally:
            engine.close()


@contextlib.contextmanager
def open_engine(name: str) -> Iterator[Engine]:
    """The engine called ``name`` ('embedded', 'rdf', 'rdf-oxigraph', 'neo4j'), closed afterwards."""
    if name == "neo4j":
        with neo4j_engine() as engine:
            yield engine
        return
    base, _, store = name.partition("-")
    if not engine_available(base):
        raise RuntimeError(f"engine {base!r} is not in this build")
    engine = create_engine(base, **({"store": store} if store else {}))
    try:
        yield engine
    finally:
        engine.close()
