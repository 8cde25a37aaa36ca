"""`zwgk ingest` and `zwgk extract`: documents in, records out."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ingest.errors import SUPPORTED_EXTENSIONS, IngestError


def expand_paths(paths: list[str]) -> Iterator[Path]:
    """Files named, and the supported files inside folders named (sorted, recursive)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_EXTENSIONS:
                    yield child
        else:
            yield p


def _progress(i: int, total: int, name: str, started: float) -> None:
    if not sys.stderr.isatty() and i not in (total,) and i % 50:
        return
    width = 28
    done = int(width * i / max(total, 1))
    rate = i / max(time.monotonic() - started, 1e-6)
    sys.stderr.write(
        f"\r[{'#' * done}{'.' * (width - done)}] {i}/{total} {rate:5.1f} docs/s  {name[:40]:<40}"
    )
    if i == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def cmd_ingest(args: argparse.Namespace) -> int:
    from graph.batch import default_jobs, iter_prepared
    from graph.settings import load_settings
    from graph.store import open_store

    settings = load_settings()
    data_dir = Path(args.data_dir) if args.data_dir else settings.data_dir
    files = list(expand_paths(args.paths))
    jobs = args.jobs or default_jobs()
    outcomes: Counter[str] = Counter()
    errors: list[IngestError] = []
    warnings: list[str] = []
    totals: Counter[str] = Counter()
    started = time.monotonic()
    with open_store(data_dir) as store:
        results = iter_prepared((p.resolve() for p in files), jobs=jobs)
        for i, (path, doc) in enumerate(zip(files, results, strict=True), 1):
            _progress(i, len(files), path.name, started)
            if isinstance(doc, IngestError):
                errors.append(doc)
                continue
            # a document with no task is stored (lineage needs it), but said
            warnings.extend(f"warning: [{code}] {path}: {reason}" for code, reason in doc.warnings)
            outcomes[store.put_prepared(doc)] += 1
            totals["tasks"] += doc.tasks
            totals["assignments"] += doc.assignments
            totals["units"] += doc.units
            totals["citations"] += doc.citations
            totals["problems"] += doc.problems
        counts = store.counts()
    if args.snapshot and (outcomes["added"] or outcomes["replaced"]):
        from graph.service import refresh_snapshot

        if refresh_snapshot(data_dir):  # the next start of the service reads it instead of rebuilding
            print(f"graph snapshot written to {data_dir}", file=sys.stderr)
    for line in warnings:
        print(line, file=sys.stderr)
    for err in errors:
        print(f"error: {err}", file=sys.stderr)
    print(
        f"{len(files)} files: {outcomes['added']} added, {outcomes['replaced']} replaced, "
        f"{outcomes['unchanged']} unchanged, {len(errors)} failed"
    )
    print(
        f"read: {totals['tasks']} tasks, {totals['units']} units, {totals['assignments']} assignments, "
        f"{totals['citations']} citations, {totals['problems']} problems"
    )
    print(
        f"store {data_dir}: {counts.documents} documents, {counts.tasks} tasks, {counts.citations} citations"
    )
    return 1 if errors and not outcomes else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from ingest.jsonshape import document_json
    from ingest.pipeline import extract_file

    out = []
    failed = 0
    for path in expand_paths(args.files):
        try:
            out.append(document_json(extract_file(path)))
        except IngestError as err:
            failed += 1
            print(f"error: {err}", file=sys.stderr)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1 if args.pretty else None)
    sys.stdout.write("\n")
    return 1 if failed and not out else 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("ingest", help="read documents (files or folders) into the store")
    p.add_argument("paths", nargs="+", help="files or folders (.txt .docx .pdf .html)")
    p.add_argument("--data-dir", help="store directory (default: ZWGK_DATA_DIR or ./var)")
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        help="processes that read documents (default: one per core; 1 reads in this process)",
    )
    p.add_argument(
        "--no-snapshot",
        dest="snapshot",
        action="store_false",
        help="do not rebuild the graph snapshot the service starts from (it is rebuilt at start-up)",
    )
    p.set_defaults(handler=cmd_ingest)
    e = subparsers.add_parser("extract", help="print the extraction of files as JSON (gold shape)")
    e.add_argument("files", nargs="+")
    e.add_argument("--format", choices=["json"], default="json")
    e.add_argument("--pretty", action="store_true", help="indent the JSON")
    e.set_defaults(handler=cmd_extract)
