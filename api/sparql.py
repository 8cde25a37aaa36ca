"""Read-only SPARQL over the graph's RDF, with a time limit that really stops a query.

The triples are those of the RDF engine (:func:`graph.rdf_mapping.model_to_rdf`
of the same model every engine loads), so a SPARQL answer agrees with the
query routes whatever engine serves them. They are loaded into Oxigraph in a
separate worker process: a query that runs past ``query_timeout_s`` is stopped
by ending that process — a thread could not be stopped — and the next query
starts a fresh worker. Starting a worker (dumping and loading the triples) is
not counted against the limit of the query that happens to need it. Updates cannot run at all (``Store.query`` executes only
queries), and :mod:`api.readonly` refuses them earlier with a clear message.
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from api.errors import ApiError


@dataclass(frozen=True)
class SparqlAnswer:
    """A query's answer: ``kind`` is select, ask or graph (CONSTRUCT/DESCRIBE)."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[dict[str, dict[str, str]], ...] = ()
    boolean: bool | None = None
    ntriples: str = ""
    seconds: float = 0.0


class SparqlRunner:
    """One worker process holding the triples of one store revision; restarted when needed."""

    def __init__(self, cache_dir: Path, timeout_s: float, row_limit: int) -> None:
        self.cache_dir = cache_dir
        self.timeout_s = timeout_s
        self.row_limit = row_limit
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._revision: int | None = None

    def _dump(self, revision: int, model: Any) -> Path:
        from graph.rdf_mapping import model_to_rdf

        self.cache_dir.mkdir(parents=True, exist_ok=True)
        path = self.cache_dir / f"graph-{revision}.nt"
        if not path.exists():
            partial = path.with_suffix(".part")
            model_to_rdf(model).serialize(destination=partial, format="nt", encoding="utf-8")
            partial.replace(path)
            for old in self.cache_dir.glob("graph-*.nt"):
                if old != path:
                    old.unlink(missing_ok=True)
        return path

    def _start(self, revision: int, model: Any) -> None:
        self._stop()
        path = self._dump(revision, model)
        process = subprocess.Popen(
            [sys.executable, "-m", "api.sparql_worker", str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self._process = process
        reply = self._receive(120)
        if reply is None or reply.get("status") != "ready":
            self._stop()
            raise ApiError(503, "A010", "The SPARQL worker did not start; see the server log.")
        self._revision = revision

    def _receive(self, timeout: float) -> dict[str, Any] | None:
        """The worker's next answer, or None when none came within ``timeout`` seconds."""
        assert self._process is not None and self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], timeout)
        if not ready:
            return None
        line = self._process.stdout.readline()
        return json.loads(line) if line else None

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(5)
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()
        self._process = None
        self._revision = None

    def query(self, text: str, revision: int, model: Any) -> SparqlAnswer:
        """Run one read-only query within the time and row limits."""
        started = time.monotonic()
        if not self._lock.acquire(timeout=self.timeout_s):
            raise ApiError(503, "A009", "The SPARQL endpoint is busy with another query; try again shortly.")
        try:
            if self._revision != revision or self._process is None or self._process.poll() is not None:
                self._start(revision, model)
                # Loading the triples is the server's work, not the query's: the limit counts from here.
                started = time.monotonic()
            assert self._process is not None and self._process.stdin is not None
            self._process.stdin.write(json.dumps({"query": text, "limit": self.row_limit}) + "\n")
            self._process.stdin.flush()
            reply = self._receive(max(self.timeout_s - (time.monotonic() - started), 0.05))
            if reply is None:
                self._stop()
                raise ApiError(
                    422,
                    "A009",
                    f"Query too expensive: stopped after {self.timeout_s:g} s (ZWGK_QUERY_TIMEOUT_S). "
                    "Narrow the pattern or add LIMIT.",
                    {"limit_s": self.timeout_s},
                )
        finally:
            self._lock.release()
        status = reply.get("status")
        if status == "syntax":
            raise ApiError(400, "A011", f"SPARQL syntax error: {reply['message']}")
        if status == "too_many":
            limit = reply["limit"]
            raise ApiError(
                422,
                "A009",
                f"Query too expensive: more than {limit} results (ZWGK_QUERY_ROW_LIMIT). "
                f"Add LIMIT {limit} or narrow the pattern.",
                {"row_limit": limit},
            )
        if status != "ok":
            raise ApiError(500, "A500", f"SPARQL evaluation failed: {reply.get('message')}")
        return SparqlAnswer(
            kind=reply["kind"],
            variables=tuple(reply.get("variables", ())),
            rows=tuple(reply.get("rows", ())),
            boolean=reply.get("boolean"),
            ntriples=reply.get("ntriples", ""),
            seconds=round(time.monotonic() - started, 4),
        )

    def close(self) -> None:
        with self._lock:
            self._stop()
