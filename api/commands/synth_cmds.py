"""``zwgk synth`` (a synthetic national-scale corpus with truth records) and ``zwgk bench``.

``synth`` writes plans shaped like the real ones, from the vocabulary harvested
from the bundled corpus, and can score the extraction against the truth it
wrote. ``bench`` runs the benchmark suite of ``bench/`` (a source checkout's
top-level folder: benchmarks are development tooling, not part of the wheel).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]


def register(subparsers: Any) -> None:
    synth = subparsers.add_parser(
        "synth",
        help="generate a synthetic corpus of plans with truth records (and score extraction on it)",
        description=__doc__,
    )
    synth.add_argument("--plans", type=int, default=1000, help="number of plans (files) to write")
    synth.add_argument("--seed", type=int, default=0, help="same seed, same bytes")
    synth.add_argument("--out", type=Path, default=Path("synth-corpus"), help="output folder")
    synth.add_argument("--years", default="2020-2024", help="'2020-2024' or '2021,2023'")
    synth.add_argument("--score", action="store_true", help="extract the files and score against the truth")
    synth.add_argument("--score-limit", type=int, default=None, help="score only the first N files")
    synth.add_argument("--processes", type=int, default=1, help="processes for --score")
    synth.add_argument(
        "--harvest",
        type=Path,
        metavar="CORPUS",
        default=None,
        help="first re-harvest the vocabulary from the real documents under CORPUS (e.g. data/corpus)",
    )
    synth.set_defaults(handler=_synth)

    bench = subparsers.add_parser(
        "bench",
        help="benchmark ingest, engines, queries and HTTP on synthetic corpora",
        description="Prints a table and writes the figures as JSON (needs the bench/ folder of a source checkout).",
    )
    bench.add_argument(
        "--sizes", default="tiny", help="comma-separated: tiny, 1k, 10k, 30k or a number of plans"
    )
    bench.add_argument("--engines", default="embedded,rdf,neo4j", help="engines to compare")
    bench.add_argument("--json", type=Path, default=None, help="write the figures here")
    bench.add_argument("--work", type=Path, default=None, help="folder for corpora (default: a temp folder)")
    bench.add_argument("--seed", type=int, default=0)
    bench.add_argument("--no-http", action="store_true", help="skip the HTTP load test")
    bench.add_argument(
        "--build-tasks",
        default="10000",
        help="embedded build sizes in tasks, comma-separated (e.g. 10000,100000,1500000)",
    )
    bench.add_argument("--ingest-files", type=int, default=300, help="files ingest throughput is measured on")
    bench.add_argument("--repeats", type=int, default=200, help="runs of each query on the embedded engine")
    bench.add_argument("--query-budget", type=float, default=60.0, help="seconds of queries per engine")
    bench.set_defaults(handler=_bench)


def _synth(args: argparse.Namespace) -> int:
    from ingest.synth.generate import generate, parse_years
    from ingest.synth.score import score_corpus
    from ingest.synth.vocab import harvest_corpus, write_vocabulary

    if args.harvest is not None:
        path = write_vocabulary(harvest_corpus(args.harvest))
        print(f"vocabulary harvested from {args.harvest} → {path}")
    summary = generate(
        args.out,
        args.plans,
        seed=args.seed,
        years=parse_years(args.years),
        progress=lambda n: print(f"  {n} plans …", file=sys.stderr),
    )
    mb = summary.bytes / 1e6
    print(
        f"{summary.plans} plans, {summary.tasks} tasks, {mb:.1f} MB in {summary.seconds:.1f} s → {summary.out}\n"
        f"  levels: {summary.by_level}\n  layouts: {summary.by_layout}\n  traditional: {summary.traditional}"
    )
    if args.score:
        report = score_corpus(args.out, limit=args.score_limit, processes=args.processes)
        figures = report.as_dict()
        for name in (
            "tasks",
            "units",
            "citations",
            "implements",
            "deadlines",
            "doc_number",
            "level",
            "region",
        ):
            f = figures[name]
            print(
                f"  {name:<11} precision {f['precision']:.3f}  recall {f['recall']:.3f}  ({f['tp']}/{f['expected']})"
            )
        (args.out / "score.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n")
        print(f"  files scored: {figures['files']}, failed: {figures['failed']} → {args.out / 'score.json'}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    if not (REPO_ROOT / "bench" / "run.py").exists():
        print("zwgk bench needs a source checkout (the bench/ folder beside the packages).", file=sys.stderr)
        return 2
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    from bench.run import main as bench_main

    argv = ["--sizes", args.sizes, "--engines", args.engines, "--seed", str(args.seed)]
    argv += ["--build-tasks", args.build_tasks, "--ingest-files", str(args.ingest_files)]
    argv += ["--repeats", str(args.repeats), "--query-budget", str(args.query_budget)]
    if args.json is not None:
        argv += ["--json", str(args.json)]
    if args.work is not None:
        argv += ["--work", str(args.work)]
    if args.no_http:
        argv.append("--no-http")
    return bench_main(argv)
