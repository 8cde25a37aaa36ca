"""An engine ready to answer: the store's documents, built into the model, loaded into the chosen engine.

The CLI and the web server both start here, so they serve the same graph:
``open_engine()`` reads the settings (``ZWGK_ENGINE``, ``ZWGK_DATA_DIR``,
``ZWGK_NEO4J_*``), builds the model from the durable store and loads it.
"""

from __future__ import annotations

from typing import Any

from graph.builder import build_model
from graph.engine import Engine, create_engine
from graph.model import GraphModel
from graph.settings import Settings, load_settings
from graph.store import open_store


def engine_options(name: str, settings: Settings) -> dict[str, Any]:
    """Constructor options of engine ``name`` taken from the settings."""
    if name == "neo4j":
        return {"uri": settings.neo4j_uri, "user": settings.neo4j_user, "password": settings.neo4j_password}
    return {}


def store_model(settings: Settings) -> GraphModel:
    """The model of every document in the store of ``settings.data_dir``."""
    with open_store(settings.data_dir) as store:
        return build_model(store.documents())


def open_engine(settings: Settings | None = None, name: str | None = None) -> Engine:
    """The engine named ``name`` (default: ``settings.engine``) holding the store's graph."""
    settings = settings or load_settings()
    chosen = name or settings.engine
    engine = create_engine(chosen, **engine_options(chosen, settings))
    engine.load(store_model(settings))
    return engine
