"""Timing, percentiles and peak memory, measured the same way by every benchmark.

Peak RSS is the kernel's high-water mark (``ru_maxrss``) of a fresh process
that does only the measured work: a process's high-water mark never goes
down, so measuring several sizes in one process would report the largest
every time. CPU time is reported beside wall time because a shared machine
stretches wall time without the code getting slower.
"""

from __future__ import annotations

import multiprocessing
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
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
    """This process's peak resident set size so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _child(fn: Callable[..., Any], args: tuple[Any, ...], queue: Any) -> None:
    try:
        result = fn(*args)
        queue.put(("ok", result, peak_rss_mb()))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
        queue.put(("error", f"{type(exc).__name__}: {exc}", peak_rss_mb()))


def in_fresh_process(fn: Callable[..., Any], *args: Any, timeout: float = 3600) -> tuple[Any, float]:
    """Run ``fn(*args)`` in a spawned process; return its result and that process's peak RSS (MB)."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, args, queue))
    proc.start()
    try:
        status, result, peak = queue.get(timeout=timeout)
    finally:
        proc.join(timeout=30)
        if proc.is_alive():
            proc.kill()
    if status != "ok":
        raise RuntimeError(result)
    return result, peak
