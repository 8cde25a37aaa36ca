"""Timing, percentiles and peak memory, measured the same way by every benchmark.

Peak RSS is the kernel's high-water mark (``ru_maxrss``) of a fresh process
that does only the measured work: a process's high-water mark never goes
down, so measuring several sizes in one process would report the largest
every time. CPU time is reported beside wall time because a shared machine
stretches wall time without the code getting slower.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Timing:
    wall_s: float
    cpu_s: float


class Stopwatch:
    """``with Stopwatch() as sw: …`` then ``sw.timing``: wall and this process's CPU seconds."""

    def __enter__(self) -> Stopwatch:
        self._wall = time.perf_counter()
        self._cpu = time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timing = Timing(
            round(time.perf_counter() - self._wall, 4), round(time.process_time() - self._cpu, 4)
        )


def percentiles(samples_ms: list[float]) -> dict[str, float | int]:
    """p50 / p99 / mean / max of latencies in milliseconds (nearest-rank p99)."""
    if not samples_ms:
        return {"n": 0, "p50_ms": float("nan"), "p99_ms": float("nan"), "mean_ms": float("nan")}
    ordered = sorted(samples_ms)
    rank = max(0, min(len(ordered) - 1, round(0.99 * len(ordered) + 0.5) - 1))
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(ordered[rank], 3),
        "mean_ms": round(statistics.fmean(ordered), 3),
        "max_ms": round(ordered[-1], 3),
    }


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB.

    Linux's ``VmHWM`` belongs to the process's own address space; ``ru_maxrss`` would also count
    the RSS its parent had when it forked (kept across exec), so it is only the fallback.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


_RUNNER = (
    "import importlib, json, sys\n"
    "from bench.measure import peak_rss_mb\n"
    "module, _, name = sys.argv[1].partition(':')\n"
    "result = getattr(importlib.import_module(module), name)(*json.loads(sys.argv[2]))\n"
    "print('\\n' + json.dumps([result, peak_rss_mb()]))\n"
)


def in_fresh_process(target: str, *args: Any, timeout: float = 3600) -> tuple[Any, float]:
    """Run ``module:function(*args)`` in a new interpreter; return its JSON result and peak RSS (MB).

    A new interpreter (not a fork, not multiprocessing's spawn, which re-imports the caller's
    main module) holds only what the measured function imports.
    """
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (root, os.environ.get("PYTHONPATH"))))}
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER, target, json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=root,
        check=False,
    )
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"{target} failed (exit {proc.returncode}): {tail[0]}")
    result, peak = json.loads(proc.stdout.strip().splitlines()[-1])
    return result, peak
