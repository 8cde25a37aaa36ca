"""The benchmark suite runs end to end at a tiny size and reports every figure (no timing thresholds)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from api.cli import main as zwgk
from bench.queries import QUERY_NAMES
from bench.run import FIGURES, main

TINY = ["--sizes", "tiny", "--ingest-files", "8", "--repeats", "5", "--query-budget", "20"]
TINY += ["--http-requests", "10", "--build-tasks", "300"]
INGEST_FIGURES = ("docs_per_s", "mb_per_s", "tasks_per_s", "wall_s")


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("bench")
    out = work / "figures.json"
    assert main([*TINY, "--engines", "embedded,rdf", "--work", str(work), "--json", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value))


def test_json_has_every_section(result: dict) -> None:
    assert set(FIGURES) <= set(result)
    assert {"cpus", "memory_gb", "date", "baseline_rss_mb"} <= set(result["machine"])


@pytest.mark.parametrize("run", [pytest.param(r, id=r) for r in ("floor", "processes_1", "processes_2")])
def test_ingest_throughput_is_reported_beside_the_floor(result: dict, run: str) -> None:
    ingest = result["sizes"]["tiny"]["ingest"]
    assert all(_number(ingest[run][k]) for k in INGEST_FIGURES), ingest[run]
    assert ingest[run]["docs"] == ingest["files"] == 8
    assert _number(ingest["ratio_to_floor_1"]) and _number(ingest["ratio_to_floor_2"])


def test_embedded_cold_start_reports_time_and_peak_memory(result: dict) -> None:
    for figures in (result["sizes"]["tiny"]["cold_start"], *result["build"].values()):
        assert figures["tasks"] > 0
        assert (
            _number(figures["cold_start_s"]) and figures["peak_rss_mb"] > result["machine"]["baseline_rss_mb"]
        )


def test_embedded_start_reports_warm_up_apart_from_the_snapshot_start(result: dict) -> None:
    """The index warm-up after a snapshot start has its own time and the RSS it leaves behind."""
    for figures in (result["sizes"]["tiny"]["cold_start"], *result["build"].values()):
        assert _number(figures["warm_up_s"])
        assert figures["rss_warm_mb"] >= figures["rss_loaded_mb"] > 0


@pytest.mark.parametrize("engine", [pytest.param(e, id=e) for e in ("embedded", "rdf")])
def test_every_query_is_timed_on_every_engine(result: dict, engine: str) -> None:
    figures = result["sizes"]["tiny"]["engines"][engine]
    assert "error" not in figures, figures.get("error")
    assert _number(figures["load"]["load_s"]) and _number(figures["load"]["warm_up_s"])
    for name in QUERY_NAMES:
        q = figures["queries"][name]
        assert q["n"] > 0 or q.get("skipped"), (name, q)
        if q["n"]:
            assert _number(q["p50_ms"]) and _number(q["p99_ms"])


def test_engines_are_compared_side_by_side(result: dict) -> None:
    ratios = result["sizes"]["tiny"]["ratios"]["rdf_over_embedded"]
    assert ratios["per_query_p50"] and _number(ratios["median"])


def test_http_routes_are_loaded_on_loopback(result: dict) -> None:
    http = result["sizes"]["tiny"]["http"]
    assert "error" not in http, http.get("error")
    for route in ("responsibilities", "units-for", "lineage", "search", "stats"):
        assert http[route]["requests"] > 0 and _number(http[route]["requests_per_s"]), route
        assert http[route]["errors_5xx"] == 0, (route, http[route])


def test_targets_are_judged(result: dict) -> None:
    names = " ".join(t["target"] for t in result["targets"])
    for word in ("ingest", "RSS", "cold start", "p99", "rdf"):
        assert word in names
    assert all(t["met"] in (True, False) for t in result["targets"])


@pytest.mark.neo4j
def test_neo4j_is_loaded_and_queried_beside_embedded(
    neo4j_uri: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZWGK_NEO4J_URI", neo4j_uri)
    out = tmp_path / "figures.json"
    args = [*TINY, "--engines", "embedded,neo4j", "--no-http", "--build-tasks", "", "--work", str(tmp_path)]
    assert main([*args, "--json", str(out)]) == 0
    size = json.loads(out.read_text(encoding="utf-8"))["sizes"]["tiny"]
    assert "error" not in size["engines"]["neo4j"], size["engines"]["neo4j"].get("error")
    assert _number(size["engines"]["neo4j"]["load"]["load_s"])
    assert _number(size["ratios"]["neo4j_over_embedded"]["median"])


def test_zwgk_bench_command_writes_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.json"
    args = ["bench", "--sizes", "tiny", "--engines", "embedded", "--no-http", "--build-tasks", ""]
    assert zwgk([*args, "--work", str(tmp_path), "--json", str(out)]) == 0
    assert "targets" in json.loads(out.read_text(encoding="utf-8"))
    assert "== targets" in capsys.readouterr().out
