"""Build, load and cold-start figures of the engines.

* embedded: cold start as a server does it — from the graph snapshot when it
  is current (stamp the store, read the snapshot, load the engine with its
  indexes), and the rebuild without one (read every document, build the
  model, load) — each in a fresh process, so that its peak RSS is its own;
* RDF: ``RdfEngine.load`` of the same model (rdflib's memory store, and
  Oxigraph behind rdflib when asked);
* Neo4j: ``Neo4jEngine.load`` (batched ``UNWIND … MERGE``) into the server
  named by ``ZWGK_NEO4J_URI`` or, without one, into an embedded Neo4j started
  for the run on loopback and stopped after it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.measure import Stopwatch, in_fresh_process
from graph.engine import Engine, create_engine, engine_available
from graph.model import GraphModel


def cold_start(data_dir: str) -> dict[str, Any]:
    """The rebuild path: store → documents → model → embedded engine, timed step by step (fresh process)."""
    from graph.builder import build_model_from_store
    from graph.embedded import EmbeddedEngine
    from graph.store import open_store

    with Stopwatch() as total:
        with open_store(data_dir) as store, Stopwatch() as build:
            documents = store.counts().documents
            model = build_model_from_store(store)
        with Stopwatch() as load:
            engine = EmbeddedEngine()
            engine.load(model)
    nodes, edges = engine.counts()
    return {
        "documents": documents,
        "tasks": nodes.get("Task", 0),
        "nodes": len(model.nodes),
        "edges": len(model.edges),
        "build_model_s": build.timing.wall_s,
        "load_engine_s": load.timing.wall_s,
        "cold_start_s": total.timing.wall_s,
        "cold_start_cpu_s": total.timing.cpu_s,
    }


def write_snapshot(data_dir: str, path: str) -> dict[str, Any]:
    """Build the model of the store and write its snapshot to ``path`` (what ``zwgk ingest`` does at the end)."""
    from graph.builder import build_model_from_store
    from graph.snapshot import store_stamp
    from graph.snapshot import write_snapshot as write
    from graph.store import open_store

    with open_store(data_dir) as store:
        stamp = store_stamp(store)
        with Stopwatch() as build:
            model = build_model_from_store(store)
    with Stopwatch() as written:
        size = write(path, model, stamp)
    return {
        "build_model_s": build.timing.wall_s,
        "write_s": written.timing.wall_s,
        "size_mb": round(size / 1e6, 1),
    }


def snapshot_start(data_dir: str, path: str) -> dict[str, Any]:
    """The service's start with a current snapshot: stamp the store, read the snapshot, load the engine."""
    from graph.embedded import EmbeddedEngine
    from graph.service import warm_engine
    from graph.snapshot import read_snapshot, store_stamp
    from graph.store import open_store

    with Stopwatch() as total:
        with open_store(data_dir) as store, Stopwatch() as stamped:
            documents = store.counts().documents
            stamp = store_stamp(store)
        with Stopwatch() as read:
            model = read_snapshot(path, stamp)
        with Stopwatch() as load:
            engine = EmbeddedEngine()
            engine.load(model)
    loaded_rss = current_rss_mb()
    with Stopwatch() as warmed:
        warm_engine(engine)
    nodes, _ = engine.counts()
    return {
        "documents": documents,
        "tasks": nodes.get("Task", 0),
        "nodes": len(model.nodes),
        "edges": len(model.edges),
        "stamp_s": stamped.timing.wall_s,
        "read_snapshot_s": read.timing.wall_s,
        "load_engine_s": load.timing.wall_s,
        "cold_start_s": total.timing.wall_s,
        "cold_start_cpu_s": total.timing.cpu_s,
        "rss_loaded_mb": loaded_rss,
        "warm_up_s": warmed.timing.wall_s,
        "warm_up_cpu_s": warmed.timing.cpu_s,
        "rss_warm_mb": current_rss_mb(),
    }


def current_rss_mb() -> float | None:
    """This process's resident memory now (Linux; None elsewhere): what the service holds while serving."""
    try:
        with open("/proc/self/statm") as f:
            return round(int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)
    except (OSError, ValueError, IndexError):
        return None


def imports_only() -> int:
    """Import what every cold start imports and nothing else: the baseline of its peak RSS."""
    import graph.embedded
    import graph.snapshot
    import graph.store

    return len(graph.snapshot.__name__ + graph.embedded.__name__ + graph.store.__name__)


@functools.cache
def baseline_rss_mb() -> float:
    """Peak RSS of a fresh process that only imported the engine (interpreter, libraries, tables)."""
    return in_fresh_process("bench.engines:imports_only")[1]


def embedded_cold_start(data_dir: Path) -> dict[str, Any]:
    """Cold start of the embedded engine, each path in a fresh process with that process's peak RSS.

    The top-level figures are the service's usual start (from a current snapshot); ``rebuild`` is
    the start without one (first start, or after the store changed), ``snapshot`` the writing of
    it. The snapshot is written to a temporary folder, so the store's folder is left as it was.
    """
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-snap-") as tmp:
        path = str(Path(tmp) / "graph.snapshot")
        written, writer_peak = in_fresh_process("bench.engines:write_snapshot", str(data_dir), path)
        figures, peak = in_fresh_process("bench.engines:snapshot_start", str(data_dir), path)
    rebuild, rebuild_peak = in_fresh_process("bench.engines:cold_start", str(data_dir))
    return {
        **figures,
        "peak_rss_mb": peak,
        "kb_per_task": _per_task(peak, figures["tasks"]),
        "rebuild": {
            **rebuild,
            "peak_rss_mb": rebuild_peak,
            "kb_per_task": _per_task(rebuild_peak, rebuild["tasks"]),
        },
        "snapshot": {**written, "peak_rss_mb": writer_peak},
    }


def _per_task(peak_mb: float, tasks: int) -> float | None:
    """Peak RSS above the import baseline, per task (KB): what each task costs the engine."""
    return round((peak_mb - baseline_rss_mb()) * 1024 / tasks, 2) if tasks else None


def load_figures(engine: Engine, model: GraphModel, warm: bool = True) -> dict[str, Any]:
    """Load ``model``, then (``warm``) build every index as a service does, so no timed query pays for it."""
    from graph.service import warm_engine

    with Stopwatch() as sw:
        engine.load(model)
    figures: dict[str, Any] = {"load_s": sw.timing.wall_s, "load_cpu_s": sw.timing.cpu_s}
    if warm:
        with Stopwatch() as warmed:
            warm_engine(engine)
        figures |= {"warm_up_s": warmed.timing.wall_s, "warm_up_cpu_s": warmed.timing.cpu_s}
    return figures


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
