"""``zwgk bench``: every benchmark of the product in one run, as a table and as JSON.

For each size: generate the synthetic corpus (:mod:`ingest.synth`), measure
ingest throughput against the floor, ingest it into a store, cold-start the
embedded engine from the store in a fresh process, load the same model into
each engine asked for and time the same queries on each, then load the HTTP
routes on loopback. Corpora and stores are kept in the work folder so that a
second run measures only what changed. Whatever cannot run (no Neo4j, no RDF
engine, no web app) is reported with its reason; the rest goes on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from bench import corpus as corpora
from bench import engines, http_bench, ingest_bench
from bench import queries as query_bench
from bench.measure import Stopwatch
from bench.report import engine_ratios, table, targets

FIGURES = ("machine", "config", "sizes", "build", "targets")


def machine() -> dict[str, Any]:
    mem = None
    try:
        with open("/proc/meminfo") as fh:
            mem = round(int(fh.readline().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "memory_gb": mem,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _model_from_store(data_dir: Path):  # type: ignore[no-untyped-def]
    """The model the service would start from: the store's snapshot when current, else rebuilt."""
    from graph.service import current_model
    from graph.store import open_store

    with open_store(data_dir) as store:
        return current_model(store, data_dir, write=False)


def bench_size(work: Path, plans: int, opts: argparse.Namespace) -> dict[str, Any]:
    """All figures of one corpus size."""
    out: dict[str, Any] = {"plans": plans}
    corpus, out["corpus"] = corpora.ensure_corpus(work, plans, opts.seed)
    files = corpora.corpus_files(corpus)
    sample = ingest_bench.sample(files, opts.ingest_files)
    out["ingest"] = ingest_bench.run(corpus, sample, plans)
    checkpoint(opts, out)
    data_dir, out["store"] = corpora.ensure_store(corpus, processes=2)
    out["cold_start"] = engines.embedded_cold_start(data_dir)
    checkpoint(opts, out)
    model = _model_from_store(data_dir)
    arguments = query_bench.query_arguments(model, opts.seed)
    out["model"] = {"nodes": len(model.nodes), "edges": len(model.edges)}
    out["engines"] = {}
    for name in opts.engines:
        out["engines"][name] = bench_engine(name, model, arguments, opts)
        checkpoint(opts, out)
    out["ratios"] = engine_ratios(out["engines"])
    del model  # the HTTP server builds its own; do not hold two graphs at once
    if opts.http and http_bench.available():
        try:
            out["http"] = http_bench.run(data_dir, arguments, requests_per_route=opts.http_requests)
        except Exception as exc:  # noqa: BLE001
            out["http"] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
    elif opts.http:
        out["http"] = {"error": "api.app is not in this build"}
    return out


def bench_engine(
    name: str, model: Any, arguments: dict[str, Any], opts: argparse.Namespace
) -> dict[str, Any]:
    """Load ``model`` into one engine, warm its indexes, and time the queries; the engine is released on return."""
    figures: dict[str, Any] = {}
    try:
        with engines.open_engine(name) as engine:
            figures["load"] = engines.load_figures(engine, model)
            repeats = opts.repeats if name == "embedded" else max(10, opts.repeats // 4)
            figures["queries"] = query_bench.run(engine, arguments, repeats, opts.query_budget)
    except Exception as exc:  # noqa: BLE001 - an engine that cannot run is reported, not fatal
        figures["error"] = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        if opts.verbose:
            traceback.print_exc()
    return figures


def checkpoint(opts: argparse.Namespace, partial: dict[str, Any]) -> None:
    """Keep what is measured so far beside the JSON output, so a long run that is stopped loses little."""
    if opts.json is not None:
        opts.json.parent.mkdir(parents=True, exist_ok=True)
        path = opts.json.with_suffix(".partial.json")
        path.write_text(json.dumps(partial, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def bench_build(work: Path, tasks: int, seed: int) -> dict[str, Any]:
    """Cold start (store → engine) and peak RSS of the embedded engine at about ``tasks`` tasks."""
    plans = max(6, math.ceil(tasks / corpora.TASKS_PER_PLAN))
    corpus, meta = corpora.ensure_corpus(work, plans, seed)
    data_dir, store = corpora.ensure_store(corpus, processes=2)
    return {"plans": plans, "store": store, **engines.embedded_cold_start(data_dir)}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="zwgk bench", description=__doc__)
    p.add_argument("--sizes", default="tiny")
    p.add_argument("--engines", default="embedded,rdf,neo4j")
    p.add_argument("--json", type=Path, default=None)
    p.add_argument("--work", type=Path, default=None)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--build-tasks", default="10000")
    p.add_argument("--ingest-files", type=int, default=300, help="files the throughput is measured on")
    p.add_argument("--repeats", type=int, default=200, help="runs of each query on the embedded engine")
    p.add_argument("--query-budget", type=float, default=60.0, help="seconds of queries per engine")
    p.add_argument("--http-requests", type=int, default=300, help="requests per route")
    p.add_argument("--no-http", dest="http", action="store_false")
    p.add_argument("--verbose", action="store_true")
    opts = p.parse_args(argv)
    opts.engines = [e.strip() for e in opts.engines.split(",") if e.strip()]
    return opts


def run(opts: argparse.Namespace) -> dict[str, Any]:
    work = opts.work or Path(tempfile.mkdtemp(prefix="zwgk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {
        "machine": machine(),
        "config": {
            "sizes": opts.sizes,
            "engines": opts.engines,
            "seed": opts.seed,
            "build_tasks": opts.build_tasks,
            "ingest_files": opts.ingest_files,
            "work": str(work),
        },
        "sizes": {},
        "build": {},
    }
    result["machine"]["baseline_rss_mb"] = engines.baseline_rss_mb()
    with Stopwatch() as sw:
        for name in opts.sizes.split(","):
            plans = corpora.parse_size(name)
            print(f"[bench] size {name}: {plans} plans", file=sys.stderr, flush=True)
            result["sizes"][corpora.size_label(plans)] = bench_size(work, plans, opts)
        for raw in str(opts.build_tasks).split(","):
            if raw.strip():
                print(f"[bench] embedded build at {raw} tasks", file=sys.stderr, flush=True)
                result["build"][raw.strip()] = bench_build(work, int(raw), opts.seed)
    result["machine"]["bench_wall_s"] = sw.timing.wall_s
    result["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    result["targets"] = targets(result)
    return result


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    result = run(opts)
    print(table(result))
    if opts.json is not None:
        opts.json.parent.mkdir(parents=True, exist_ok=True)
        opts.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"figures → {opts.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
