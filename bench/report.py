"""The benchmark's figures as a table, and the targets they are held against.

Targets are stated for the national scale (30k plans ≈ 1.5M tasks, 2 cores).
A figure measured at a smaller size is extrapolated linearly in the number of
tasks (or plans) and marked ``projected``; a ratio between engines is the
median of the per-query ratios of their p50 latencies.
"""

from __future__ import annotations

import math
import statistics
from typing import Any

NATIONAL_TASKS = 1_500_000
NATIONAL_PLANS = 30_000
P99_QUERIES = ("responsibilities", "units_for", "lineage_up", "lineage_down")


def engine_ratios(engines: dict[str, Any], base: str = "embedded") -> dict[str, Any]:
    """For each other engine: p50(other) / p50(base) per query and their median."""
    out: dict[str, Any] = {}
    ref = engines.get(base, {}).get("queries", {})
    for name, figures in engines.items():
        if name == base or "queries" not in figures:
            continue
        per_query = {}
        for query, f in figures["queries"].items():
            a, b = ref.get(query, {}).get("p50_ms"), f.get("p50_ms")
            if a and b and not math.isnan(a) and not math.isnan(b) and a > 0:
                per_query[query] = round(b / a, 1)
        out[f"{name}_over_{base}"] = {
            "per_query_p50": per_query,
            "median": round(statistics.median(per_query.values()), 1) if per_query else None,
        }
    return out


def _warm(figures: dict[str, Any]) -> str:
    """The warm-up after a snapshot start, in words (empty for figures measured before it existed)."""
    if figures.get("warm_up_s") is None:
        return ""
    return (
        f"; warm-up {figures.get('warm_up_s')} s, RSS {figures.get('rss_loaded_mb')} MB loaded"
        f" → {figures.get('rss_warm_mb')} MB warm"
    )


def _rebuild(figures: dict[str, Any]) -> str:
    """The start without a snapshot and the writing of one, in words."""
    rebuild, snap = figures.get("rebuild", {}), figures.get("snapshot", {})
    return (
        f"rebuild {rebuild.get('cold_start_s')} s, peak RSS {rebuild.get('peak_rss_mb')} MB;"
        f" snapshot {snap.get('size_mb')} MB written in {snap.get('write_s')} s"
    )


def _project(builds: list[dict[str, Any]], key: str, base: float) -> tuple[float, str]:
    """The figure at 1.5M tasks: measured, or extrapolated from the largest build(s).

    With two builds of different sizes the slope between them is used (fixed costs cancel out);
    with one, the figure above ``base`` is scaled linearly in the number of tasks.
    """
    big = builds[-1]
    if big["tasks"] >= NATIONAL_TASKS * 0.95:
        return float(big[key]), f"measured at {big['tasks']} tasks"
    small = next((b for b in reversed(builds[:-1]) if b["tasks"] < big["tasks"] * 0.8), None)
    if small is not None:
        slope = (big[key] - small[key]) / (big["tasks"] - small["tasks"])
        value = big[key] + slope * (NATIONAL_TASKS - big["tasks"])
        return value, f"projected linearly from {small['tasks']} and {big['tasks']} tasks"
    value = base + (big[key] - base) * NATIONAL_TASKS / big["tasks"]
    return value, f"projected linearly from {big['tasks']} tasks (above a {base:.0f} baseline)"


def _target(name: str, goal: str, value: float | None, ok: bool | None, basis: str) -> dict[str, Any]:
    return {"target": name, "goal": goal, "value": value, "met": ok, "basis": basis}


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with the figure it is judged on (largest size measured) and whether it is met."""
    sizes = result.get("sizes", {})
    if not sizes:
        return []
    label, top = max(sizes.items(), key=lambda kv: kv[1].get("plans", 0))
    scale = f"{label} ({top.get('plans')} plans)"
    out: list[dict[str, Any]] = []
    ingest = top.get("ingest", {})
    if "projected_minutes_30k_2proc" in ingest:
        v = ingest["projected_minutes_30k_2proc"]
        out.append(_target("ingest 30k plans, 2 processes", "< 10 min", v, v < 10, f"projected from {scale}"))
    builds = sorted(
        [b for b in result.get("build", {}).values() if b.get("tasks")]
        + ([top["cold_start"]] if top.get("cold_start", {}).get("tasks") else []),
        key=lambda b: b["tasks"],
    )
    if builds:
        base = result.get("machine", {}).get("baseline_rss_mb", 0.0)
        rss, basis = _project(builds, "peak_rss_mb", base)
        out.append(
            _target(
                "embedded peak RSS at 1.5M tasks (GB)", "≤ 6 GB", round(rss / 1024, 2), rss <= 6144, basis
            )
        )
        cold, basis = _project(builds, "cold_start_s", 0.0)
        out.append(_target("cold start at 1.5M tasks (s)", "< 30 s", round(cold, 1), cold < 30, basis))
    emb = top.get("engines", {}).get("embedded", {}).get("queries", {})
    for q in P99_QUERIES:
        if emb.get(q, {}).get("n"):
            v = emb[q]["p99_ms"]
            out.append(_target(f"embedded p99 {q}", "≤ 10 ms", v, v <= 10, f"measured at {scale}"))
    ratios = top.get("ratios", {})
    for key, goal, need in (("neo4j_over_embedded", "≥ 5×", 5), ("rdf_over_embedded", "≥ 20×", 20)):
        v = ratios.get(key, {}).get("median")
        if v is not None:
            out.append(
                _target(
                    f"embedded faster than {key.split('_')[0]}",
                    goal,
                    v,
                    v >= need,
                    f"median p50 ratio at {scale}",
                )
            )
    return out


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 100 else f"{v:.0f}"
    return str(v)


def table(result: dict[str, Any]) -> str:
    """A plain-text table of the main figures."""
    lines: list[str] = []
    for label, size in result.get("sizes", {}).items():
        lines.append(f"== {label}: {size.get('plans')} plans, {size.get('store', {}).get('tasks')} tasks")
        ing = size.get("ingest", {})
        for key in ("floor", "processes_1", "processes_2"):
            f = ing.get(key)
            if f:
                lines.append(
                    f"  ingest {key:<12} {f['docs_per_s']:>8} docs/s {f['mb_per_s']:>8} MB/s {f['tasks_per_s']:>9} tasks/s"
                )
        if ing:
            lines.append(
                f"  ratio to floor: 1 proc {ing.get('ratio_to_floor_1')}×, 2 proc {ing.get('ratio_to_floor_2')}×"
            )
        cs = size.get("cold_start")
        if cs:
            lines.append(
                f"  embedded cold start {cs.get('cold_start_s')} s, peak RSS {cs.get('peak_rss_mb')} MB"
                f" (from snapshot){_warm(cs)}; {_rebuild(cs)}"
            )
        engines = size.get("engines", {})
        names = list(engines)
        if names:
            lines.append("  query p50/p99 ms   " + "".join(f"{n:>22}" for n in names))
            queries = sorted({q for e in engines.values() for q in e.get("queries", {})})
            for q in queries:
                cells = []
                for n in names:
                    f = engines[n].get("queries", {}).get(q, {})
                    cells.append(f"{_fmt(f.get('p50_ms'))}/{_fmt(f.get('p99_ms'))}" if f.get("n") else "—")
                lines.append(f"  {q:<18}" + "".join(f"{c:>22}" for c in cells))
            loads = "  ".join(
                f"{n} {_fmt(e['load'].get('load_s'))} s"
                + (
                    f" (+ warm-up {_fmt(e['load']['warm_up_s'])} s)"
                    if e["load"].get("warm_up_s") is not None
                    else ""
                )
                for n, e in engines.items()
                if e.get("load")
            )
            lines.append(f"  load: {loads}")
            for n, e in engines.items():
                if e.get("error"):
                    lines.append(f"  {n}: {e['error']}")
        for key, r in size.get("ratios", {}).items():
            lines.append(f"  {key}: median {r.get('median')}× {r.get('per_query_p50')}")
        http = size.get("http", {})
        for route, f in http.items():
            if isinstance(f, dict):
                lines.append(f"  http {route:<16} {f['requests_per_s']:>8} req/s  p99 {f['p99_ms']} ms")
    for label, b in result.get("build", {}).items():
        lines.append(
            f"== build {label} tasks: cold start {b.get('cold_start_s')} s, peak RSS {b.get('peak_rss_mb')} MB"
            f" (from snapshot){_warm(b)}; {_rebuild(b)}"
        )
    lines.append("== targets (30k plans, 2 cores)")
    for t in result.get("targets", []):
        mark = {True: "met", False: "MISSED", None: "?"}[t["met"]]
        lines.append(f"  {t['target']:<40} {t['goal']:<9} {_fmt(t['value']):>8}  {mark:<7} {t['basis']}")
    return "\n".join(lines)
