"""Extracting many files on several processes, ready for the store.

Extraction is CPU-bound pure Python, so a national corpus (30,000 plans) is read
on every core. Each worker extracts a file *and* serialises the record for the
store, and sends back only that text and a few counts: shipping the whole
:class:`~ingest.records.ExtractedDocument` back would make the single writing
process unpickle and re-serialise every task, and it would become the bottleneck.

Results come back in the order of the paths, so progress, errors and the store's
contents are the same whatever the number of processes; one bad file yields its
error and the batch goes on.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from graph.serialize import dumps
from ingest.errors import IngestError, InternalExtractorError
from ingest.pipeline import extract_file
from ingest.records import ExtractedDocument


@dataclass(frozen=True)
class PreparedDocument:
    """One extracted file as the store writes it: its key, its serialised record and its counts."""

    path: str
    sha256: str
    name: str
    record: str
    tasks: int
    units: int
    assignments: int
    citations: int
    problems: int
    #: (code, reason) of problems worth telling the user at ingest time (a plan with no task).
    warnings: tuple[tuple[str, str], ...] = ()


#: problem codes said on the console while ingesting, not only stored.
WARN_CODES = frozenset({"W202"})


def prepare(doc: ExtractedDocument) -> PreparedDocument:
    """Serialise ``doc`` for the store and count what the ingest summary reports."""
    return PreparedDocument(
        path=doc.source.path,
        sha256=doc.source.sha256,
        name=doc.source.name,
        record=dumps(doc),
        tasks=len(doc.tasks),
        units=len({u.canonical for t in doc.tasks for u in t.units}),
        assignments=sum(len(t.units) for t in doc.tasks),
        citations=len(doc.cites),
        problems=len(doc.problems),
        warnings=tuple((p.code, p.reason) for p in doc.problems if p.code in WARN_CODES),
    )


def prepare_file(path: Path) -> PreparedDocument | IngestError:
    """Extract and prepare one file; errors are returned, never raised, so a batch goes on."""
    try:
        return prepare(extract_file(path))
    except IngestError as err:
        return err
    except Exception as exc:  # noqa: BLE001 - a bug must not stop the batch; it is reported
        return InternalExtractorError(path, detail=f"{type(exc).__name__}: {exc}")


def _exit_with_parent(parent: int) -> None:
    """Worker start-up: stop when the ingesting process dies, even by SIGKILL.

    An orphaned worker would keep the batch's pipes (and a terminal's output) open
    and go on reading files nobody will store.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def default_jobs() -> int:
    """One process per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def iter_prepared(paths: Iterable[Path], jobs: int = 1) -> Iterator[PreparedDocument | IngestError]:
    """Prepared documents (or errors) for ``paths``, in order, on ``jobs`` processes.

    With one job everything runs in this process (no pool start-up, easy to debug).
    """
    items = list(paths)
    if jobs <= 1 or len(items) < 2:
        for path in items:
            yield prepare_file(path)
        return
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_exit_with_parent, initargs=(os.getpid(),)
    ) as pool:
        yield from pool.map(prepare_file, items, chunksize=8)
