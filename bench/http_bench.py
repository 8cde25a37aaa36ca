"""Requests per second and p99 of the main HTTP routes under concurrent load, on loopback only.

The server is the product's own app (``api.app:create_app``) run by uvicorn in
a child process on 127.0.0.1 with a free port, on the store the other
benchmarks built. The load is a fixed number of requests per route from a
few client threads, with a time limit per route; the server is stopped at
the end whatever happens.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench.measure import percentiles

HOST = "127.0.0.1"


def available() -> bool:
    return importlib.util.find_spec("api.app") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def routes(arguments: dict[str, list[Any]]) -> dict[str, list[str]]:
    """The main routes with arguments from the benchmark's query arguments."""

    def q(values: list[Any]) -> list[str]:
        return [quote(str(v)) for v in values[:20]]

    return {
        "responsibilities": [
            f"/api/responsibilities?unit={u}" for u in q(arguments.get("responsibilities", []))
        ],
        "units-for": [f"/api/units-for?domain={d}" for d in q(arguments.get("units_for", []))],
        "lineage": [f"/api/lineage?directive={d}&direction=up" for d in q(arguments.get("lineage_up", []))],
        "search": [f"/api/search?q={w}" for w in q(arguments.get("search", []))],
        "stats": ["/api/stats"],
    }


def _wait(base: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            if httpx.get(base + "/api/stats", timeout=60).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s")


def _wait_warm(base: str, timeout: float) -> bool:
    """Wait until the server says its indexes are built, so the figures are of a server in service."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=60).json().get("indexes_warm"):
                return True
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    return False


def run(
    data_dir: Path,
    arguments: dict[str, list[Any]],
    requests_per_route: int = 300,
    concurrency: int = 8,
    seconds_per_route: float = 15.0,
    start_timeout: float = 300.0,
) -> dict[str, Any]:
    """Start the server, load each route, stop the server; figures per route."""
    import httpx

    port = _free_port()
    env = {**os.environ, "ZWGK_DATA_DIR": str(data_dir), "ZWGK_ENGINE": "embedded"}
    cmd = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", HOST]
    cmd += ["--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://{HOST}:{port}"
    out: dict[str, Any] = {"concurrency": concurrency, "server": "uvicorn, 1 worker, embedded engine"}
    try:
        started = time.perf_counter()
        _wait(base, proc, start_timeout)
        out["server_ready_s"] = round(time.perf_counter() - started, 2)
        out["indexes_warm"] = _wait_warm(base, start_timeout)
        out["server_warm_s"] = round(time.perf_counter() - started, 2)
        with httpx.Client(
            base_url=base, timeout=30, limits=httpx.Limits(max_connections=concurrency)
        ) as client:
            for name, urls in routes(arguments).items():
                if urls:
                    out[name] = _load(client, urls, requests_per_route, concurrency, seconds_per_route)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return out


def _load(client: Any, urls: list[str], total: int, concurrency: int, seconds: float) -> dict[str, Any]:
    deadline = time.perf_counter() + seconds

    def one(i: int) -> tuple[float, int]:
        if time.perf_counter() > deadline:
            return -1.0, 0
        t = time.perf_counter()
        status = client.get(urls[i % len(urls)]).status_code
        return (time.perf_counter() - t) * 1000, status

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = [r for r in pool.map(one, range(total)) if r[0] >= 0]
    elapsed = time.perf_counter() - started
    ok = [ms for ms, status in results if status < 500]
    return {
        **percentiles([ms for ms, _ in results]),
        "requests": len(results),
        "errors_5xx": len(results) - len(ok),
        "non_200": sum(1 for _, s in results if s != 200),
        "requests_per_s": round(len(results) / max(elapsed, 1e-9), 1),
    }
