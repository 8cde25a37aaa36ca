"""Query latencies of every engine on the same arguments, side by side.

Arguments are drawn once from the model (seeded), so each engine answers the
same questions: units that have tasks, domains that tasks carry, directives
with parents and children, tasks of plans below the national level, a word of
a task for search, and questions in words when :mod:`graph.ask` exists.
Each query runs ``repeats`` times per engine, within a time budget.
"""

from __future__ import annotations

import contextlib
import random
import signal
import time
from collections.abc import Callable, Iterator
from typing import Any

from bench.measure import percentiles
from graph import queries
from graph.engine import Engine
from graph.model import GraphModel

QUERY_NAMES = (
    "responsibilities",
    "units_for",
    "lineage_up",
    "lineage_down",
    "aligned_tasks",
    "neighbourhood",
    "search",
    "ask",
)


def query_arguments(model: GraphModel, seed: int = 0, count: int = 50) -> dict[str, list[Any]]:
    """Arguments for each query, drawn from the model."""
    rng = random.Random(seed)
    by_type: dict[str, list[Any]] = {}
    for node in model.nodes:
        by_type.setdefault(node.type, []).append(node)
    assigned = {e.dst for e in model.edges if e.type == "ASSIGNED"}
    in_domain = {e.dst for e in model.edges if e.type == "IN_DOMAIN"}
    units = [n.get("name") for n in by_type.get("Unit", []) if n.id in assigned and n.get("name")]
    directives = [n for n in by_type.get("Directive", []) if not n.get("stub") and n.get("doc_number")]
    lower = [n for n in directives if n.get("level") in ("county", "city", "department")]
    upper = [n for n in directives if n.get("level") in ("national", "provincial")]
    plan_ids = {n.id for n in lower}
    tasks = [n for n in by_type.get("Task", []) if n.get("directive") in plan_ids]
    domains = [n.get("concept") or n.id for n in by_type.get("Domain", []) if n.id in in_domain]
    words = [t.get("text", "")[2:6] for t in rng.sample(tasks, min(len(tasks), count))]

    def pick(items: list[Any], k: int = count) -> list[Any]:
        return rng.sample(items, min(k, len(items))) if items else []

    questions = [f"哪些单位牵头{d}？" for d in ("财政信息公开", "政策解读", "政务公开平台", "回应关切")]
    return {
        "responsibilities": pick(units),
        "units_for": pick(domains),
        "lineage_up": [n.get("doc_number") for n in pick(lower)],
        "lineage_down": [n.get("doc_number") for n in pick(upper)],
        "aligned_tasks": [t.id for t in pick(tasks)],
        "neighbourhood": [t.id for t in pick(tasks)],
        "search": [w for w in words if len(w) >= 2],
        "ask": questions,
    }


def _callers() -> dict[str, Callable[[Engine, Any], Any]]:
    calls: dict[str, Callable[[Engine, Any], Any]] = {
        "responsibilities": lambda e, a: queries.responsibilities(e, a),
        "units_for": lambda e, a: queries.units_for(e, a),
        "lineage_up": lambda e, a: queries.lineage(e, a, "up"),
        "lineage_down": lambda e, a: queries.lineage(e, a, "down"),
        "aligned_tasks": lambda e, a: queries.aligned_tasks(e, a),
        "neighbourhood": lambda e, a: queries.neighbourhood(e, a, depth=1, limit=200),
        "search": lambda e, a: queries.search(e, a),
    }
    try:
        from graph.ask import ask
    except ImportError:
        return calls
    calls["ask"] = lambda e, a: ask(e, a)
    return calls


class CallTimeout(Exception):
    """One query call ran past the per-call limit."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (main thread only; pure-Python engines and sockets alike)."""

    def expire(signum: int, frame: object) -> None:
        raise CallTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(
    engine: Engine, arguments: dict[str, list[Any]], repeats: int, budget_s: float, call_limit_s: float = 10.0
) -> dict[str, Any]:
    """p50/p99 of every query on ``engine``.

    A query stops early when its share of the budget is spent, and at its first call that takes
    longer than ``call_limit_s`` (reported as ``timed_out``, that call counted at the limit).
    """
    out: dict[str, Any] = {}
    calls = _callers()
    share = budget_s / len(QUERY_NAMES)
    for name in QUERY_NAMES:
        call, args = calls.get(name), arguments.get(name) or []
        if call is None or not args:
            out[name] = {"n": 0, "skipped": "graph.ask not in this build" if call is None else "no arguments"}
            continue
        samples: list[float] = []
        errors = 0
        timed_out = False
        deadline = time.perf_counter() + share
        for i in range(repeats):
            arg = args[i % len(args)]
            started = time.perf_counter()
            try:
                with time_limit(call_limit_s):
                    call(engine, arg)
            except CallTimeout:
                timed_out = True
            except Exception:  # noqa: BLE001 - a NotFound answer is still an answer; counted
                errors += 1
            samples.append((time.perf_counter() - started) * 1000)
            if timed_out or time.perf_counter() > deadline:
                break
        out[name] = {**percentiles(samples), "errors": errors, "timed_out": timed_out}
    return out
