"""Ingest throughput with one and two processes, beside the floor on the same files.

The floor is what any extractor must at least do with a file: read it,
decode it, run one regular-expression pass over it and segment its task text
with jieba (HMM off, as the product does). The ratio ingest/floor says how
much the extraction costs above that minimum.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import jieba

from bench.measure import Stopwatch
from ingest.synth.score import read_truth

# One pass that touches every character: unit-like words and document numbers.
_ONE_PASS = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:局|委|办|厅|中心|政府)|〔\d{4}〕\d+号")


def sample(paths: list[Path], limit: int) -> list[Path]:
    """At most ``limit`` files, evenly spread over the corpus (every level and year)."""
    if len(paths) <= limit:
        return paths
    step = len(paths) / limit
    return [paths[int(i * step)] for i in range(limit)]


def floor(paths: list[Path], task_texts: dict[str, list[str]]) -> dict[str, Any]:
    """Read + decode + one regex pass + jieba over the task text, one process."""
    jieba.setLogLevel(60)
    jieba.initialize()
    size = hits = words = 0
    with Stopwatch() as sw:
        for path in paths:
            data = path.read_bytes()
            size += len(data)
            text = data.decode("utf-8")
            hits += len(_ONE_PASS.findall(text))
            for task in task_texts.get(path.name, ()):
                words += len(jieba.lcut(task, HMM=False))
    return _rates(
        len(paths), size, sum(len(v) for v in task_texts.values()), sw.timing.wall_s, sw.timing.cpu_s
    )


def _extract(path: str) -> tuple[int, int]:
    from ingest.pipeline import extract_file

    try:
        return 1, len(extract_file(Path(path)).tasks)
    except Exception:  # noqa: BLE001 - a failed file counts as a document without tasks
        return 0, 0


def ingest(paths: list[Path], processes: int) -> dict[str, Any]:
    """Extract every file (as ``zwgk ingest`` does, without the store), with ``processes`` workers."""
    size = sum(p.stat().st_size for p in paths)
    names = [str(p) for p in paths]
    if processes == 1:
        _extract(names[0])  # warm caches (jieba dictionary, gazetteer) outside the timing
        with Stopwatch() as sw:
            results = [_extract(n) for n in names]
        wall, cpu = sw.timing.wall_s, sw.timing.cpu_s
    else:
        with ProcessPoolExecutor(processes) as pool:
            list(pool.map(_extract, names[:processes]))  # start and warm the workers
            started = time.perf_counter()
            results = list(pool.map(_extract, names, chunksize=max(1, len(names) // (processes * 8))))
            wall, cpu = round(time.perf_counter() - started, 4), None
    ok = sum(r[0] for r in results)
    figures = _rates(len(paths), size, sum(r[1] for r in results), wall, cpu)
    figures["processes"] = processes
    figures["failed"] = len(paths) - ok
    return figures


def _rates(docs: int, size: int, tasks: int, wall: float, cpu: float | None) -> dict[str, Any]:
    wall = max(wall, 1e-9)
    return {
        "docs": docs,
        "mb": round(size / 1e6, 3),
        "tasks": tasks,
        "wall_s": round(wall, 3),
        "cpu_s": None if cpu is None else round(cpu, 3),
        "docs_per_s": round(docs / wall, 2),
        "mb_per_s": round(size / 1e6 / wall, 4),
        "tasks_per_s": round(tasks / wall, 1),
    }


def run(corpus: Path, paths: list[Path], plans_total: int) -> dict[str, Any]:
    """Floor, 1 and 2 processes on the same files, ratios, and the projected time for the whole corpus."""
    wanted = {p.name for p in paths}
    texts = {
        Path(t["file"]).name: [k["text"] for k in t["tasks"]]
        for t in read_truth(corpus)
        if Path(t["file"]).name in wanted
    }
    base = floor(paths, texts)
    one = ingest(paths, 1)
    two = ingest(paths, 2)
    return {
        "files": len(paths),
        "floor": base,
        "processes_1": one,
        "processes_2": two,
        "ratio_to_floor_1": round(one["wall_s"] / max(base["wall_s"], 1e-9), 1),
        "ratio_to_floor_2": round(two["wall_s"] / max(base["wall_s"], 1e-9), 1),
        "projected_minutes_30k_2proc": round(30_000 / max(two["docs_per_s"], 1e-9) / 60, 1),
        "projected_minutes_this_size_2proc": round(plans_total / max(two["docs_per_s"], 1e-9) / 60, 2),
    }
