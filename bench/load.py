"""Load test: many concurrent clients over the main routes of a real uvicorn server, on loopback only.

``python -m bench.load --clients 50 --seconds 60`` ingests the bundled corpus into a data directory
(unless it holds documents already), starts ``uvicorn api.app:create_app`` in a child process on
127.0.0.1 with a free port, and lets each client send requests back to back for the given time: the
routes a user hits (stats, search, responsibilities, units-for, lineage, neighbourhood, documents, a
document, a task, ask, the matrix, a small SPARQL query), with arguments found in the served data.
It prints requests per second, p50/p95/p99 per route and overall, and every error; the exit status is
1 when any request failed (a non-2xx answer, a time-out or a broken connection).

Bounded by construction: only loopback addresses are accepted, the run stops after ``--seconds`` (each
request has its own time-out) or ``--max-requests``, and the server is stopped whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
HOST = "127.0.0.1"
_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def require_loopback(base: str) -> None:
    """Refuse any target that is not this machine: a load test never leaves loopback."""
    host = urlsplit(base).hostname or ""
    if host not in _LOOPBACK and not host.startswith("127."):
        raise SystemExit(f"refusing to load {base}: only loopback addresses (127.0.0.0/8, ::1) are allowed")


def prepare_store(data_dir: Path, corpus: Path = CORPUS) -> int:
    """Ingest the corpus into ``data_dir`` when its store is empty; return the document count."""
    from graph.store import open_store
    from ingest.pipeline import iter_extract
    from ingest.records import ExtractedDocument

    with open_store(data_dir) as store:
        if store.counts().documents == 0:
            for item in iter_extract(sorted(corpus.rglob("*.txt"))):
                if isinstance(item, ExtractedDocument):
                    store.put(item)
        return store.counts().documents


def _wait_ready(base: str, process: subprocess.Popen[bytes] | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            if httpx.get(f"{base}/api/stats", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server at {base} did not answer /api/stats within {timeout:g} s")


@contextmanager
def uvicorn_process(data_dir: Path, env: dict[str, str] | None = None, timeout: float = 120) -> Iterator[str]:
    """A uvicorn server of the product's app in a child process on 127.0.0.1; yields its base URL."""
    port = free_port()
    child_env = {**os.environ, "ZWGK_DATA_DIR": str(data_dir), **(env or {})}
    command = [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app", "--host", HOST,
               "--port", str(port), "--log-level", "warning", "--no-access-log"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=child_env)
    base = f"http://{HOST}:{port}"
    try:
        _wait_ready(base, process, timeout)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def uvicorn_thread(app: Any, timeout: float = 60) -> Iterator[str]:
    """A uvicorn server of ``app`` in a thread of this process on 127.0.0.1 (for tests that inspect the app)."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host=HOST, port=port, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://{HOST}:{port}"
    try:
        _wait_ready(base, None, timeout)
        yield base
    finally:
        server.should_exit = True
        thread.join(30)


def discover_targets(base: str) -> dict[str, list[str]]:
    """Route name → request paths with arguments taken from what the server holds."""
    require_loopback(base)
    with httpx.Client(base_url=base, timeout=60) as client:
        documents = client.get("/api/documents", params={"limit": 1000}).json()["data"]
        plans = [d for d in documents if d.get("tasks")]
        units = client.get("/api/search", params={"q": "局", "limit": 50}).json()["data"]
        unit_ids = [u["id"] for u in units if u["type"] == "Unit"][:10]
        tasks = client.get(f"/api/documents/{plans[0]['id']}/tasks").json()["data"] if plans else []
        vocabulary = client.get("/api/vocabulary").json()["data"]
    domains = [d.get("label") or d.get("id") for d in (vocabulary.get("domains") or [])][:8]
    numbered = [d["doc_number"] for d in documents if d.get("doc_number")][:8]
    task_ids = [t["task"]["id"] for t in tasks if isinstance(t, dict) and isinstance(t.get("task"), dict)][:8]
    words = ["政务公开", "财政", "决策公开", "政策解读", "信息公开", "乡村振兴", "赣州", "公共资源"]
    targets: dict[str, list[str]] = {
        "stats": ["/api/stats"],
        "search": [f"/api/search?q={w}" for w in words],
        "documents": ["/api/documents", "/api/documents?limit=10&offset=10"],
        "document": [f"/api/documents/{d['id']}" for d in plans[:8]],
        "document_tasks": [f"/api/documents/{d['id']}/tasks" for d in plans[:8]],
        "responsibilities": [f"/api/responsibilities?unit={u}" for u in unit_ids],
        "units_for": ["/api/units-for"] + [f"/api/units-for?domain={d}" for d in domains],
        "lineage": [f"/api/lineage?directive={n}&direction={d}" for n in numbered for d in ("up", "down")],
        "neighbourhood": [f"/api/neighbourhood?node={u}" for u in unit_ids[:5]]
        + [f"/api/neighbourhood?node={d['id']}" for d in plans[:5]],
        "task": [f"/api/tasks/{t}" for t in task_ids],
        "ask": ["/api/ask?q=哪些单位牵头财政信息公开工作？", "/api/ask?q=赣州市财政局负责哪些任务"],
        "matrix": ["/api/matrix"],
        "sparql": ["/api/sparql?query=SELECT ?s WHERE { ?s ?p ?o } LIMIT 20"],
    }
    return {name: paths for name, paths in targets.items() if paths}


@dataclass
class RouteStats:
    requests: int = 0
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list, repr=False)

    def summary(self) -> dict[str, Any]:
        return {"requests": self.requests, "errors": self.errors, **percentiles(self.latencies_ms)}


def percentiles(values: list[float]) -> dict[str, float]:
    """p50/p95/p99/max of latencies in milliseconds (nearest-rank)."""
    if not values:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}
    ordered = sorted(values)

    def rank(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, max(0, int(-(-p * len(ordered) // 100)) - 1))], 1)

    return {"p50_ms": rank(50), "p95_ms": rank(95), "p99_ms": rank(99), "max_ms": round(ordered[-1], 1)}


@dataclass(frozen=True)
class LoadResult:
    """What a run measured: totals, overall latency percentiles, per-route figures and error samples."""

    clients: int
    seconds: float
    requests: int
    errors: int
    requests_per_second: float
    overall: dict[str, float]
    routes: dict[str, dict[str, Any]]
    error_samples: tuple[str, ...]


async def _client_loop(
    client: httpx.AsyncClient,
    targets: list[tuple[str, str]],
    stats: dict[str, RouteStats],
    stop_at: float,
    budget: list[int],
    samples: list[str],
    rng: random.Random,
) -> None:
    while time.monotonic() < stop_at and budget[0] > 0:
        budget[0] -= 1
        name, path = rng.choice(targets)
        route = stats[name]
        started = time.perf_counter()
        try:
            response = await client.get(path)
            failed = not 200 <= response.status_code < 300
            detail = f"{response.status_code} {response.text[:200]}"
        except httpx.HTTPError as error:
            failed, detail = True, f"{type(error).__name__}: {error}"
        route.latencies_ms.append((time.perf_counter() - started) * 1000)
        route.requests += 1
        if failed:
            route.errors += 1
            if len(samples) < 20:
                samples.append(f"GET {path} -> {detail}")


async def run_load(
    base: str, clients: int, seconds: float, *, max_requests: int | None = None, seed: int = 1
) -> LoadResult:
    """``clients`` concurrent clients for ``seconds`` against ``base`` (loopback only)."""
    require_loopback(base)
    routes = discover_targets(base)
    targets = [(name, path) for name, paths in routes.items() for path in paths]
    # Each route is picked equally often whatever its number of argument variants.
    weighted = [(name, path) for name, paths in routes.items() for path in paths * (12 // len(paths) or 1)]
    stats: dict[str, RouteStats] = defaultdict(RouteStats)
    samples: list[str] = []
    budget = [max_requests if max_requests is not None else int(clients * seconds * 500)]
    # Idle connections are dropped by the client before uvicorn's 5 s keep-alive time-out would close them:
    # with equal time-outs a request can be sent on a connection the server is closing (a ReadError that
    # says nothing about the service).
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        for _name, path in targets:  # warm every route once (first-request caches) outside the clock
            await client.get(path)
        started = time.monotonic()
        stop_at = started + seconds
        await asyncio.gather(
            *(
                _client_loop(client, weighted, stats, stop_at, budget, samples, random.Random(seed + i))
                for i in range(clients)
            )
        )
        elapsed = time.monotonic() - started
    everything = [ms for route in stats.values() for ms in route.latencies_ms]
    total = sum(route.requests for route in stats.values())
    return LoadResult(
        clients=clients,
        seconds=round(elapsed, 2),
        requests=total,
        errors=sum(route.errors for route in stats.values()),
        requests_per_second=round(total / elapsed, 1) if elapsed else 0.0,
        overall=percentiles(everything),
        routes={name: stats[name].summary() for name in sorted(stats)},
        error_samples=tuple(samples),
    )


def report(result: LoadResult) -> str:
    lines = [
        f"{result.clients} clients × {result.seconds:g} s: {result.requests} requests, "
        f"{result.requests_per_second:g} req/s, {result.errors} errors",
        "overall  " + "  ".join(f"{k}={v:g}" for k, v in result.overall.items()),
        f"{'route':<18}{'requests':>9}{'errors':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}",
    ]
    for name, r in result.routes.items():
        lines.append(
            f"{name:<18}{r['requests']:>9}{r['errors']:>7}{r['p50_ms']:>9g}{r['p95_ms']:>9g}"
            f"{r['p99_ms']:>9g}{r['max_ms']:>9g}"
        )
    lines.extend(f"error: {sample}" for sample in result.error_samples)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=None, help="stop after this many requests")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="store to serve (default: a temporary one)"
    )
    parser.add_argument("--url", default=None, help="load a server already running on loopback instead")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.url:
        result = asyncio.run(run_load(args.url, args.clients, args.seconds, max_requests=args.max_requests))
    else:
        with tempfile.TemporaryDirectory(prefix="zwgk-load-") as tmp:
            data_dir = args.data_dir or Path(tmp)
            documents = prepare_store(data_dir)
            print(f"serving {documents} documents from {data_dir}", flush=True)
            with uvicorn_process(data_dir) as base:
                result = asyncio.run(
                    run_load(base, args.clients, args.seconds, max_requests=args.max_requests)
                )
    print(report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(asdict(result), ensure_ascii=False, indent=1), "utf-8")
    return 1 if result.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
