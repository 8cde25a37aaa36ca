"""Settings of the product, declared once and read from ``ZWGK_*`` environment variables.

This is the only module that reads the environment. Each setting is declared
with its name, default, type and help text (the README table and ``zwgk
--help`` are generated from :data:`SETTINGS`), and every value is validated
once, in :func:`load_settings`, so a bad value fails at start-up with a message
naming the variable rather than deep inside a request.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import SettingsError

PREFIX = "ZWGK_"
ENGINE_NAMES = ("embedded", "rdf", "neo4j")


@dataclass(frozen=True)
class Setting:
    """One declared setting: ``ZWGK_<name upper>``, its default and what it is for."""

    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str
    secret: bool = False

    @property
    def env(self) -> str:
        return PREFIX + self.name.upper()


def _positive_int(raw: str) -> int:
    value = int(raw)
    if value <= 0:
        raise ValueError("must be a positive integer")
    return value


def _port(raw: str) -> int:
    value = int(raw)
    if not 0 < value < 65536:
        raise ValueError("must be a TCP port between 1 and 65535")
    return value


def _positive_float(raw: str) -> float:
    value = float(raw)
    if value <= 0:
        raise ValueError("must be a positive number of seconds")
    return value


def _engine(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ENGINE_NAMES:
        raise ValueError(f"must be one of {', '.join(ENGINE_NAMES)}")
    return value


def _optional(raw: str) -> str | None:
    return raw or None


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", Path("./var"), "Directory of the embedded store and caches.", Path),
    Setting("engine", "embedded", "Graph engine: embedded (networkx), rdf (rdflib) or neo4j.", _engine),
    Setting("neo4j_uri", None, "Bolt URI of the Neo4j server, e.g. bolt://localhost:7687.", _optional),
    Setting("neo4j_user", "neo4j", "Neo4j user name."),
    Setting("neo4j_password", None, "Neo4j password.", _optional, secret=True),
    Setting("host", "127.0.0.1", "Interface the web server listens on."),
    Setting("port", 8000, "Port the web server listens on.", _port),
    Setting(
        "write_token",
        None,
        "Bearer token that allows uploads and ingestion; unset = read-only.",
        _optional,
        True,
    ),
    Setting("max_upload_bytes", 20 * 1024 * 1024, "Largest file accepted by an upload.", _positive_int),
    Setting("query_timeout_s", 10.0, "Time limit of one SPARQL/Cypher query, in seconds.", _positive_float),
    Setting("query_row_limit", 10_000, "Most rows a read-only SPARQL/Cypher query returns.", _positive_int),
)


@dataclass(frozen=True)
class Settings:
    """Validated settings; build with :func:`load_settings`."""

    data_dir: Path
    engine: str
    neo4j_uri: str | None
    neo4j_user: str
    neo4j_password: str | None
    host: str
    port: int
    write_token: str | None
    max_upload_bytes: int
    query_timeout_s: float
    query_row_limit: int

    @property
    def store_path(self) -> Path:
        """The SQLite file of the embedded store."""
        return self.data_dir / "zwgk.sqlite3"

    @property
    def writes_enabled(self) -> bool:
        return self.write_token is not None

    def public(self) -> dict[str, Any]:
        """Values safe to show (secrets masked), e.g. on a status page."""
        shown: dict[str, Any] = {}
        for s in SETTINGS:
            value = getattr(self, s.name)
            shown[s.name] = (
                ("***" if value else None) if s.secret else (str(value) if isinstance(value, Path) else value)
            )
        return shown


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Read, parse and validate every setting; ``overrides`` win over the environment (for tests)."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for s in SETTINGS:
        if s.name in overrides:
            values[s.name] = overrides.pop(s.name)
            continue
        raw = env.get(s.env)
        if raw is None:
            values[s.name] = s.default
            continue
        try:
            values[s.name] = s.parse(raw)
        except ValueError as exc:
            raise SettingsError(f"{s.env}={raw!r} is invalid: {exc}. {s.help}") from None
    if overrides:
        raise SettingsError(f"Unknown setting(s): {', '.join(sorted(overrides))}")
    return Settings(**values)
