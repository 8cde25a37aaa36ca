"""The zwgk ask / query / export commands print what the query functions return, as tables or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from api.cli import main
from graph.store import open_store
from tests.graph_support import SEEDS, corpus_documents


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    directory = tmp_path_factory.mktemp("store")
    seeds = [d for d in corpus_documents() if Path(d.source.path).parent.name == SEEDS.name]
    with open_store(directory) as store:
        store.put_many(seeds)
    return str(directory)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_query_stats_as_json(data_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "query", "stats", "--data-dir", data_dir, "--json")
    stats = json.loads(out)
    assert code == 0 and stats["documents"] >= 1 and stats["tasks"] >= 1


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(("query", "search", "政务公开"), id="search"),
        pytest.param(("query", "units-for", "财政信息公开", "--role", "lead"), id="units-for"),
        pytest.param(("query", "tasks", "--due-before", "2021-12-31"), id="tasks"),
        pytest.param(("ask", "哪些单位牵头财政信息公开工作？"), id="ask-zh"),
    ],
)
def test_query_prints_a_table(
    data_dir: str, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    code, out, _ = _run(capsys, *argv, "--data-dir", data_dir)
    assert code == 0
    assert len(out.splitlines()) > 2


def test_unknown_name_exits_2_with_the_coded_message(
    data_dir: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "query", "responsibilities", "宇宙管理局", "--data-dir", data_dir)
    assert code == 2 and "[G001]" in err


def test_export_writes_turtle_that_parses(
    data_dir: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "graph.ttl"
    code, _, _ = _run(capsys, "export", "--format", "ttl", "-o", str(target), "--data-dir", data_dir)
    assert code == 0
    assert len(Graph().parse(target, format="turtle")) > 100
