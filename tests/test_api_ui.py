"""The web UI is served by the same app; missing front-end libraries are reported in words; `zwgk serve`."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import static_files
from api.cli import build_parser
from api.commands import serve_cmds
from graph.store import open_store
from tests import api_support

client = api_support.client  # shared fixture
corpus_dir = api_support.corpus_dir  # shared fixture


def test_home_page_is_the_ui_in_chinese_with_every_view(client: TestClient) -> None:
    response = client.get("/")
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for view in ("search", "graph", "lineage", "matrix", "doc"):
        assert f'id="view-{view}"' in page
    assert 'lang="zh-CN"' in page and "政务公开知识图谱" in page
    assert 'id="vendor-missing"' not in page


@pytest.mark.parametrize(
    ("path", "media"),
    [
        pytest.param("/static/js/main.js", "javascript", id="main-js"),
        pytest.param("/static/css/app.css", "text/css", id="css"),
        pytest.param("/static/vendor/cytoscape.min.js", "javascript", id="cytoscape"),
        pytest.param("/static/vendor/cytoscape-dagre.min.js", "javascript", id="cytoscape-dagre"),
    ],
)
def test_static_files_are_served_locally(client: TestClient, path: str, media: str) -> None:
    if "vendor" in path and not static_files.vendor_status()["ok"]:
        pytest.skip("front-end libraries not vendored: run scripts/vendor-frontend.sh")
    response = client.get(path)
    assert response.status_code == 200 and media in response.headers["content-type"]


def test_missing_vendored_libraries_are_reported_with_the_fix(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without cytoscape the page and /api/health say what is missing and which command adds it."""
    monkeypatch.setattr(static_files, "VENDOR_DIR", tmp_path / "vendor")
    page = client.get("/").text
    assert 'id="vendor-missing"' in page and static_files.FIX_COMMAND in page
    health = client.get("/api/health").json()["ui"]
    assert health["ok"] is False and set(health["missing"]) == set(static_files.VENDOR_FILES)
    assert health["fix"] == static_files.FIX_COMMAND


def test_serve_is_a_zwgk_command() -> None:
    args = build_parser().parse_args(["serve", "--port", "8123", "--engine", "embedded"])
    assert args.handler is serve_cmds.cmd_serve and args.port == 8123


def _serve(monkeypatch: pytest.MonkeyPatch, data_dir: Path, *extra: str) -> dict[str, object]:
    """Run `zwgk serve` with uvicorn replaced by a recorder; returns what it would have served."""
    served: dict[str, object] = {}

    def fake_run(app: object, host: str, port: int, log_level: str) -> None:
        served.update(app=app, host=host, port=port)

    monkeypatch.setattr("uvicorn.run", fake_run)
    args = build_parser().parse_args(["serve", "--data-dir", str(data_dir), "--port", "8124", *extra])
    assert serve_cmds.cmd_serve(args) == 0
    return served


def test_serve_ingests_the_bundled_corpus_into_an_empty_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served = _serve(monkeypatch, tmp_path / "data")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8124/" in out
    with open_store(tmp_path / "data") as store:
        documents = store.counts().documents
    files = [p for p in serve_cmds.BUNDLED_CORPUS.rglob("*") if p.is_file()]
    assert 0 < documents <= len(files)
    assert served["port"] == 8124
    with TestClient(served["app"]) as app_client:  # type: ignore[arg-type]
        assert app_client.get("/api/documents").json()["page"]["total"] == documents


def test_serve_leaves_a_populated_store_alone_and_ingests_extra_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = sorted((serve_cmds.BUNDLED_CORPUS / "seeds").glob("*.txt"))[:2]
    _serve(monkeypatch, tmp_path / "data", "--no-corpus", "--ingest", *map(str, seeds))
    with open_store(tmp_path / "data") as store:
        assert store.counts().documents == len(seeds)
    _serve(monkeypatch, tmp_path / "data")
    with open_store(tmp_path / "data") as store:
        assert store.counts().documents == len(seeds), "a store with documents is not refilled"


def test_serve_reports_unreadable_files_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    seed = sorted((serve_cmds.BUNDLED_CORPUS / "seeds").glob("*.txt"))[0]
    with open_store(tmp_path / "data") as store:
        outcomes = serve_cmds.ingest_into(store, [tmp_path / "empty.txt", seed])
    assert outcomes == {"failed": 1, "added": 1}
    assert "E101" in capsys.readouterr().err
