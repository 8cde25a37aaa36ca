"""Concurrent users on a real server get answers, never errors: bench/load.py at a small size.

The full run (``python -m bench.load --clients 50 --seconds 60``) is the measurement; this keeps its
machinery and the zero-error promise under test: a uvicorn child process on loopback, every main route,
several clients at once.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from bench.load import LoadResult, prepare_store, require_loopback, run_load, uvicorn_process

CLIENTS = int(os.environ.get("ZWGK_LOAD_CLIENTS", "5"))
SECONDS = float(os.environ.get("ZWGK_LOAD_SECONDS", "3"))


def test_concurrent_clients_on_every_main_route_get_no_error(tmp_path: Path) -> None:
    """A few clients at once over stats, search, documents, queries, ask and SPARQL: 0 errors."""
    assert prepare_store(tmp_path) > 0
    with uvicorn_process(tmp_path) as base:
        result: LoadResult = asyncio.run(run_load(base, CLIENTS, SECONDS))
    assert result.requests > CLIENTS, result
    assert result.errors == 0, "\n".join(result.error_samples)
    expected = {"stats", "search", "documents", "document", "responsibilities", "units_for", "sparql", "ask"}
    assert expected <= set(result.routes), sorted(result.routes)
    assert result.overall["p99_ms"] > 0


@pytest.mark.parametrize(
    "url",
    [pytest.param("http://10.0.0.1:8000", id="private"), pytest.param("http://example.org", id="public")],
)
def test_load_refuses_any_target_but_loopback(url: str) -> None:
    """The load tool can only be pointed at this machine."""
    with pytest.raises(SystemExit, match="only loopback"):
        require_loopback(url)
