"""The graph snapshot the service starts from: same answers as a rebuild, never used when stale or damaged."""

from __future__ import annotations

import dataclasses
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from api.cli import main
from graph.builder import build_model, build_model_from_store
from graph.embedded import EmbeddedEngine
from graph.engine import AssignmentFilter
from graph.export import export
from graph.model import GraphModel
from graph.service import current_model
from graph.snapshot import (
    SnapshotMiss,
    read_header,
    read_snapshot,
    snapshot_path,
    store_stamp,
    write_snapshot,
)
from graph.store import Store, open_store
from ingest.records import ExtractedDocument
from tests.graph_support import SEEDS, corpus_documents

DOCS = corpus_documents()


def _changed(doc: ExtractedDocument) -> ExtractedDocument:
    """The same path with new content: one task fewer and a new hash."""
    return dataclasses.replace(
        doc, source=dataclasses.replace(doc.source, sha256="e" * 64), tasks=doc.tasks[:-1]
    )


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path) as opened:
        opened.put_many(DOCS)
        yield opened


@pytest.fixture(scope="module")
def model() -> GraphModel:
    return build_model(DOCS)


@pytest.fixture(scope="module")
def engines(
    model: GraphModel, tmp_path_factory: pytest.TempPathFactory
) -> tuple[EmbeddedEngine, EmbeddedEngine]:
    """One engine loaded from the built model, one from the model read back from its snapshot."""
    path = tmp_path_factory.mktemp("snap") / "graph.snapshot"
    write_snapshot(path, model, "stamp")
    built, restored = EmbeddedEngine(), EmbeddedEngine()
    built.load(model)
    restored.load(read_snapshot(path, "stamp"))
    return built, restored


def _key(items: list[Any]) -> list[str]:
    return sorted(repr(x) for x in items)


def _fetches(model: GraphModel) -> list[Any]:
    """Every fetch the queries are built from, over ids and names taken from the model itself."""
    units = [n.id for n in model.nodes if n.type in ("Unit", "UnitGroup")]
    directives = [n.id for n in model.nodes if n.type == "Directive"]
    domains = [n.id for n in model.nodes if n.type == "Domain"]
    searches = sorted({n.get("name", "")[:2] for n in model.nodes if n.type == "Unit" and n.get("name")})
    out: list[Any] = [pytest.param(lambda e: e.counts(), id="counts")]
    out += [
        pytest.param(lambda e, t=t: e.nodes_of_type(t), id=f"nodes-{t}")
        for t in ("Directive", "Unit", "Task")
    ]
    out += [pytest.param(lambda e, d=d: e.tasks_of([d]), id=f"tasks-of-{d}") for d in directives[:6]]
    out += [
        pytest.param(lambda e, u=u: e.assignments(AssignmentFilter(unit_ids=[u])), id=f"assignments-{u}")
        for u in units[::7][:8]
    ]
    out += [
        pytest.param(
            lambda e, d=d: e.assignments(AssignmentFilter(domain_ids=[d], roles=["lead"])), id=f"lead-{d}"
        )
        for d in domains[:6]
    ]
    out += [pytest.param(lambda e, u=u: e.edges([u]), id=f"edges-{u}") for u in units[::11][:6]]
    out += [
        pytest.param(lambda e, s=s: e.search_nodes([s], ("Unit", "Task")), id=f"search-{s}")
        for s in searches[:6]
    ]
    out.append(pytest.param(lambda e: export(e, "csv"), id="export-csv"))
    return out


def test_snapshot_gives_back_the_model_it_was_written_from(model: GraphModel, tmp_path: Path) -> None:
    """Nodes, edges, ids, props and their order survive the round trip unchanged."""
    path = tmp_path / "graph.snapshot"
    write_snapshot(path, model, "s1")
    assert read_snapshot(path, "s1") == model
    assert read_header(path)["nodes"] == len(model.nodes)


@pytest.mark.parametrize("fetch", _fetches(build_model(DOCS)))
def test_engine_from_a_snapshot_answers_like_the_rebuilt_one(
    engines: tuple[EmbeddedEngine, EmbeddedEngine], fetch: Callable[[EmbeddedEngine], Any]
) -> None:
    """Every query is composed of these fetches, so equal fetches mean equal answers for a user."""
    built, restored = engines
    expected, got = fetch(built), fetch(restored)
    assert (got if isinstance(got, str | tuple) else _key(got)) == (
        expected if isinstance(expected, str | tuple) else _key(expected)
    )


def test_service_start_reads_the_snapshot_written_by_the_first_start(
    store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The first start builds and writes the snapshot; the second reads it and gets the same graph."""
    caplog.set_level(logging.INFO, logger="zwgk.graph")
    first = current_model(store, tmp_path)
    assert snapshot_path(tmp_path).exists()
    assert "rebuilding" in caplog.text
    caplog.clear()
    assert current_model(store, tmp_path) == first == build_model_from_store(store)
    assert "read from snapshot" in caplog.text


def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a snapshot at all")


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        pytest.param(_flip_byte, "checksum", id="flipped-byte"),
        pytest.param(_truncate, "truncated", id="truncated"),
        pytest.param(_garbage, "magic", id="other-file"),
    ],
)
def test_damaged_snapshot_is_detected_and_rebuilt(
    store: Store,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    damage: Callable[[Path], None],
    reason: str,
) -> None:
    """A torn or corrupted file never answers: the graph is rebuilt, the reason logged, the file rewritten."""
    expected = current_model(store, tmp_path)
    path = snapshot_path(tmp_path)
    damage(path)
    with pytest.raises(SnapshotMiss, match=reason):
        read_snapshot(path, store_stamp(store))
    caplog.set_level(logging.INFO, logger="zwgk.graph")
    assert current_model(store, tmp_path) == expected
    assert reason in caplog.text
    assert read_snapshot(path, store_stamp(store)) == expected


def test_changed_document_makes_the_snapshot_stale(store: Store, tmp_path: Path) -> None:
    """After a document changes, the old snapshot is not used: answers include the change."""
    current_model(store, tmp_path)
    old_stamp = store_stamp(store)
    changed = _changed(DOCS[0])
    assert store.put(changed) == "replaced"
    with pytest.raises(SnapshotMiss, match="stale"):
        read_snapshot(snapshot_path(tmp_path), store_stamp(store))
    assert store_stamp(store) != old_stamp
    fresh = current_model(store, tmp_path)
    assert fresh == build_model([changed, *DOCS[1:]])
    assert sum(n.type == "Task" for n in fresh.nodes) == sum(len(d.tasks) for d in DOCS) - 1


def test_removed_document_makes_the_snapshot_stale(store: Store, tmp_path: Path) -> None:
    current_model(store, tmp_path)
    assert store.remove(DOCS[-1].source.path)
    assert current_model(store, tmp_path) == build_model(DOCS[:-1])


def test_ingest_writes_the_snapshot_and_a_changed_file_invalidates_it(tmp_path: Path) -> None:
    """`zwgk ingest` leaves a current snapshot; ingesting a changed file replaces it with a current one."""
    data, files = tmp_path / "var", tmp_path / "in"
    files.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    for seed in seeds:
        shutil.copy(seed, files / seed.name)
    assert main(["ingest", str(files), "--data-dir", str(data)]) == 0
    with open_store(data) as opened:
        first_stamp = store_stamp(opened)
        assert read_header(snapshot_path(data))["stamp"] == first_stamp
    target = files / seeds[0].name
    target.write_text(target.read_text(encoding="utf-8").replace("。", "。\n", 1), encoding="utf-8")
    assert main(["ingest", str(files), "--data-dir", str(data)]) == 0
    with open_store(data) as opened:
        stamp = store_stamp(opened)
        assert stamp != first_stamp
        assert read_snapshot(snapshot_path(data), stamp) == build_model(opened.documents())


def test_ingest_without_snapshot_leaves_none(tmp_path: Path) -> None:
    data = tmp_path / "var"
    seed = sorted(SEEDS.glob("*.txt"))[0]
    assert main(["ingest", str(seed), "--data-dir", str(data), "--no-snapshot"]) == 0
    assert not snapshot_path(data).exists()
