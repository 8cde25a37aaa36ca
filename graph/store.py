"""The durable embedded store: each document's records in SQLite, one transaction per document.

The graph is built from this store (or read from the snapshot of it that
:mod:`graph.snapshot` stamps with :meth:`Store.revision` and every document's
hash), so restarting loses nothing. A document is keyed by its path and carries its file's sha256:

* putting an unchanged file (same path, same hash) writes nothing;
* a changed file (same path, new hash) replaces exactly that document;
* :meth:`Store.remove` retracts a document;
* every write is one transaction, so a crash never leaves half a document.

SQLite runs in WAL mode so that a server can read while an ingestion writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from graph.errors import StoreError
from graph.serialize import dumps, loads
from ingest.records import ExtractedDocument

if TYPE_CHECKING:
    from graph.batch import PreparedDocument

PutOutcome = Literal["added", "unchanged", "replaced"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    tasks INTEGER NOT NULL,
    citations INTEGER NOT NULL,
    problems INTEGER NOT NULL,
    stored_at TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('revision', '0');
"""


@dataclass(frozen=True)
class StoreCounts:
    """What the store holds."""

    documents: int
    tasks: int
    citations: int
    problems: int
    revision: int


@dataclass(frozen=True)
class StoredDocument:
    """One stored document's key facts, without its records."""

    path: str
    sha256: str
    name: str
    tasks: int
    stored_at: str


class Store:
    """The SQLite store under the data directory (``<data_dir>/zwgk.sqlite3``)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"Cannot open the store at {self.path}: {exc}. Check ZWGK_DATA_DIR.") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # -- writing -------------------------------------------------------------------------------

    def put(self, doc: ExtractedDocument) -> PutOutcome:
        """Store ``doc`` under its path; unchanged files write nothing, changed ones replace."""
        path, sha = doc.source.path, doc.source.sha256
        if self._stored_sha(path) == sha:
            return "unchanged"
        return self._write(
            path, sha, doc.source.name, (len(doc.tasks), len(doc.cites), len(doc.problems)), dumps(doc)
        )

    def put_prepared(self, prepared: PreparedDocument) -> PutOutcome:
        """Store a document a worker process already serialised (:mod:`graph.batch`); same rules as :meth:`put`."""
        if self._stored_sha(prepared.path) == prepared.sha256:
            return "unchanged"
        counts = (prepared.tasks, prepared.citations, prepared.problems)
        return self._write(prepared.path, prepared.sha256, prepared.name, counts, prepared.record)

    def _stored_sha(self, path: str) -> str | None:
        row = self._db.execute("SELECT sha256 FROM documents WHERE path = ?", (path,)).fetchone()
        return None if row is None else row[0]

    def _write(self, path: str, sha: str, name: str, counts: tuple[int, int, int], record: str) -> PutOutcome:
        with self._transaction() as db:
            replaced = db.execute("DELETE FROM documents WHERE path = ?", (path,)).rowcount
            self._insert(db, (path, sha, name, *counts), record)
            self._bump(db)
        return "replaced" if replaced else "added"

    def put_many(self, docs: Iterable[ExtractedDocument]) -> dict[str, PutOutcome]:
        """Store several documents, each in its own transaction; path → outcome."""
        return {doc.source.path: self.put(doc) for doc in docs}

    def remove(self, path: str) -> bool:
        """Retract the document stored under ``path``; False when there was none."""
        with self._transaction() as db:
            removed = db.execute("DELETE FROM documents WHERE path = ?", (path,)).rowcount
            if removed:
                self._bump(db)
        return bool(removed)

    @staticmethod
    def _insert(db: sqlite3.Connection, key: tuple[str, str, str, int, int, int], record: str) -> None:
        """The row of one document: path, hash, name, task/citation/problem counts, time, record."""
        db.execute(
            "INSERT INTO documents (path, sha256, name, tasks, citations, problems, stored_at, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (*key, datetime.now(UTC).isoformat(timespec="seconds"), record),
        )

    @staticmethod
    def _bump(db: sqlite3.Connection) -> None:
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    # -- reading -------------------------------------------------------------------------------

    def documents(self) -> Iterator[ExtractedDocument]:
        """Every stored document, in path order."""
        for (record,) in self._db.execute("SELECT record FROM documents ORDER BY path"):
            yield loads(record)

    def get(self, path: str) -> ExtractedDocument | None:
        row = self._db.execute("SELECT record FROM documents WHERE path = ?", (path,)).fetchone()
        return loads(row[0]) if row else None

    def listing(self) -> list[StoredDocument]:
        """Path, hash, name, task count and time of every stored document."""
        rows = self._db.execute("SELECT path, sha256, name, tasks, stored_at FROM documents ORDER BY path")
        return [StoredDocument(*row) for row in rows]

    def revision(self) -> int:
        """A number that grows with every change: a reader rebuilds its graph when it moved."""
        return int(self._db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0])

    def counts(self) -> StoreCounts:
        docs, tasks, cites, problems = self._db.execute(
            "SELECT COUNT(*), COALESCE(SUM(tasks), 0), COALESCE(SUM(citations), 0), COALESCE(SUM(problems), 0)"
            " FROM documents"
        ).fetchone()
        return StoreCounts(docs, tasks, cites, problems, self.revision())


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type is not None else "COMMIT")


def open_store(data_dir: Path | str) -> Store:
    """The store of a data directory (see :attr:`graph.settings.Settings.store_path`)."""
    return Store(Path(data_dir) / "zwgk.sqlite3")
