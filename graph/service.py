"""An engine ready to answer: the store's graph, read from its snapshot or built, loaded into the chosen engine.

The CLI and the web server both start here, so they serve the same graph:
``open_engine()`` reads the settings (``ZWGK_ENGINE``, ``ZWGK_DATA_DIR``,
``ZWGK_NEO4J_*``) and loads :func:`current_model` into the engine.

:func:`current_model` is the start-up path at national scale: when the data
directory holds a snapshot (:mod:`graph.snapshot`) stamped with the store's
current content it is read (seconds); otherwise the model is rebuilt from the
documents (minutes at 1.5M tasks), the reason is logged, and a fresh snapshot
is written for the next start.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from graph.builder import build_model_from_store
from graph.engine import Engine, create_engine
from graph.model import GraphModel
from graph.settings import Settings, load_settings
from graph.snapshot import (
    SnapshotMiss,
    read_header,
    read_snapshot,
    snapshot_path,
    store_stamp,
    write_snapshot,
)
from graph.store import Store, open_store

log = logging.getLogger("zwgk.graph")


def engine_options(name: str, settings: Settings) -> dict[str, Any]:
    """Constructor options of engine ``name`` taken from the settings."""
    if name == "neo4j":
        return {"uri": settings.neo4j_uri, "user": settings.neo4j_user, "password": settings.neo4j_password}
    return {}


def current_model(store: Store, data_dir: Path | str | None = None, write: bool = True) -> GraphModel:
    """The model of everything in ``store``: its snapshot when current, else rebuilt (and snapshotted).

    ``data_dir`` is where the snapshot lives (default: beside the store's file); ``write=False``
    leaves the disk untouched.
    """
    path = snapshot_path(data_dir if data_dir is not None else store.path.parent)
    stamp = store_stamp(store)
    started = time.perf_counter()
    try:
        model = read_snapshot(path, stamp)
    except SnapshotMiss as miss:
        log.info("graph snapshot not used (%s): rebuilding from the store", miss)
    else:
        log.info("graph read from snapshot %s in %.1f s", path, time.perf_counter() - started)
        return model
    model = build_model_from_store(store)
    log.info("graph rebuilt from the store in %.1f s", time.perf_counter() - started)
    if write:
        save_snapshot(store, model, path, stamp)
    return model


def save_snapshot(store: Store, model: GraphModel, path: Path, stamp: str) -> bool:
    """Write ``model`` as the snapshot of ``store`` unless the store moved on while it was built."""
    if store_stamp(store) != stamp:
        log.info("store changed during the build: no snapshot written")
        return False
    try:
        size = write_snapshot(path, model, stamp)
    except OSError as exc:  # a read-only data directory still serves, it only starts slower
        log.warning("cannot write the graph snapshot %s: %s", path, exc)
        return False
    log.info("graph snapshot written: %s (%.1f MB)", path, size / 1e6)
    return True


def refresh_snapshot(data_dir: Path | str) -> bool:
    """Make the data directory's snapshot current (after an ingest); True when one was (re)written."""
    with open_store(data_dir) as store:
        stamp = store_stamp(store)
        path = snapshot_path(data_dir)
        try:
            if read_header(path).get("stamp") == stamp:
                return False
        except SnapshotMiss:
            pass
        return save_snapshot(store, build_model_from_store(store), path, stamp)


def store_model(settings: Settings) -> GraphModel:
    """The model of every document in the store of ``settings.data_dir``."""
    with open_store(settings.data_dir) as store:
        return current_model(store, settings.data_dir)


def warm_engine(engine: Engine) -> float:
    """Build every per-load index of ``engine`` now (see :func:`graph.lookups.warm`); seconds taken.

    A long-running service calls this after each load so that no user question pays for an index;
    a one-shot command does not, and builds only the indexes its question needs.
    """
    from graph import lookups

    started = time.perf_counter()
    lookups.warm(engine)
    took = time.perf_counter() - started
    log.info("graph indexes warmed in %.1f s", took)
    return took


def open_engine(settings: Settings | None = None, name: str | None = None, warm: bool = False) -> Engine:
    """The engine named ``name`` (default: ``settings.engine``) holding the store's graph.

    ``warm=True`` (a service) builds every index before returning; one-shot commands leave it off.
    """
    settings = settings or load_settings()
    chosen = name or settings.engine
    engine = create_engine(chosen, **engine_options(chosen, settings))
    engine.load(store_model(settings))
    if warm:
        warm_engine(engine)
    return engine
