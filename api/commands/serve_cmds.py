"""`zwgk serve`: the HTTP API and the web UI on one address.

With an empty store the bundled corpus (``data/corpus``) is ingested first, so
a fresh install shows a populated graph; ``--ingest PATH`` adds more files or
folders before serving. The address is printed before the server starts.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

BUNDLED_CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


def _files(paths: Iterable[Path]) -> Iterator[Path]:
    from ingest.pipeline import SUPPORTED_SUFFIXES

    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            yield path


def ingest_into(store: Any, paths: Iterable[Path]) -> Counter[str]:
    """Extract and store files and folders; unreadable files are reported on stderr and skipped."""
    from ingest.errors import IngestError
    from ingest.pipeline import iter_extract

    outcomes: Counter[str] = Counter()
    for item in iter_extract(p.resolve() for p in _files(paths)):
        if isinstance(item, IngestError):
            print(f"error: {item}", file=sys.stderr)
            outcomes["failed"] += 1
        else:
            outcomes[store.put(item)] += 1
    return outcomes


def _summary(outcomes: Counter[str]) -> str:
    return ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items())) or "nothing"


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from graph.settings import load_settings
    from graph.store import open_store

    overrides = {
        key: value
        for key, value in (
            ("host", args.host),
            ("port", args.port),
            ("engine", args.engine),
            ("data_dir", Path(args.data_dir) if args.data_dir else None),
        )
        if value is not None
    }
    settings = load_settings(**overrides)
    with open_store(settings.data_dir) as store:
        if store.counts().documents == 0 and not args.no_corpus and BUNDLED_CORPUS.is_dir():
            print(f"zwgk: empty store; ingesting the bundled corpus {BUNDLED_CORPUS} …", flush=True)
            print(f"zwgk: corpus: {_summary(ingest_into(store, [BUNDLED_CORPUS]))}", flush=True)
        if args.ingest:
            print(f"zwgk: ingest: {_summary(ingest_into(store, [Path(p) for p in args.ingest]))}", flush=True)
        documents = store.counts().documents
    app = create_app(settings)
    app.state.service.view()  # build the graph now, not on the first request
    address = f"http://{settings.host}:{settings.port}/"
    writes = "writes need the bearer token" if settings.writes_enabled else "read-only (no ZWGK_WRITE_TOKEN)"
    print(
        f"zwgk: serving {address} — engine {settings.engine}, {documents} documents, {writes}; API docs at {address}docs",
        flush=True,
    )
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("serve", help="serve the HTTP API and the web UI")
    p.add_argument("--host", help="interface to listen on (default: ZWGK_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: ZWGK_PORT or 8000)")
    p.add_argument(
        "--engine", choices=["embedded", "rdf", "neo4j"], help="graph engine (default: ZWGK_ENGINE)"
    )
    p.add_argument("--data-dir", help="store directory (default: ZWGK_DATA_DIR or ./var)")
    p.add_argument("--ingest", nargs="+", metavar="PATH", help="files or folders to ingest before serving")
    p.add_argument(
        "--no-corpus", action="store_true", help="do not ingest the bundled corpus into an empty store"
    )
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(handler=cmd_serve)
