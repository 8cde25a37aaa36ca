"""`zwgk ingest` killed at any moment loses nothing and corrupts nothing; a re-run finishes the job.

The corpus is copied into a temporary folder with edited copies of every document (so the batch is
longer and every copy has its own hash). An uninterrupted run gives the reference store. Then the same
batch is ingested into a fresh store and the process is SIGKILLed several times at random moments —
before the store is opened, between documents, inside a write — and each time the store must pass
SQLite's integrity check and hold only whole documents equal to the reference's. A final run must
complete and leave exactly the reference's documents, counts and graph.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.builder import build_model
from graph.model import GraphModel
from graph.store import Store, StoreCounts, open_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
COPIES = int(os.environ.get("ZWGK_KILL_COPIES", "2"))
KILLS = int(os.environ.get("ZWGK_KILLS", "4"))


def _ingest(paths: list[Path], data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "api.cli", "ingest", *map(str, paths), "--data-dir", str(data_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(paths: list[Path], data_dir: Path) -> str:
    process = _ingest(paths, data_dir)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return out


def _stored_count(data_dir: Path) -> int:
    """Documents committed so far, read through a separate read-only connection (WAL lets it)."""
    db = data_dir / "zwgk.sqlite3"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def _integrity(data_dir: Path) -> str:
    db = data_dir / "zwgk.sqlite3"
    if not db.exists():
        return "ok"
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def _counts(store: Store) -> tuple[int, int, int, int]:
    c: StoreCounts = store.counts()
    return (c.documents, c.tasks, c.citations, c.problems)


def _graph(store: Store) -> tuple[set[str], set[str]]:
    model: GraphModel = build_model(store.documents())
    return {n.id for n in model.nodes}, {e.id for e in model.edges}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The corpus plus COPIES edited copies of each document: a batch long enough to be killed in."""
    folder = tmp_path_factory.mktemp("batch")
    shutil.copytree(CORPUS, folder / "original")
    for k in range(1, COPIES + 1):
        for source in sorted(CORPUS.rglob("*.txt")):
            target = folder / f"copy{k}" / source.relative_to(CORPUS)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text("utf-8")
            target.write_text(text.rstrip("\n") + f"\n（此件公开发布，副本{k}）\n", "utf-8")
    return sorted(p for p in folder.rglob("*.txt"))


@pytest.fixture(scope="module")
def reference(batch: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The store an uninterrupted run leaves."""
    data_dir = tmp_path_factory.mktemp("reference")
    _run(batch, data_dir)
    with open_store(data_dir) as store:
        yield store


def _kill_at_a_random_point(batch: list[Path], data_dir: Path, rng: random.Random, total: int) -> int:
    """Start an ingest and SIGKILL it: at start-up, or once a random number of documents is in."""
    process = _ingest(batch, data_dir)
    already = _stored_count(data_dir)
    target = rng.randint(already, total - 1) if already < total else total
    deadline = time.monotonic() + 300
    if rng.random() < 0.2:
        time.sleep(rng.uniform(0.0, 1.0))  # during start-up, before or while the store is opened
    else:
        while _stored_count(data_dir) < target and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.05))  # then somewhere inside the next document's read or write
    process.send_signal(signal.SIGKILL)
    process.communicate()
    return process.returncode


def test_killed_ingest_never_corrupts_the_store_and_a_rerun_equals_an_uninterrupted_one(
    batch: list[Path], reference: Store, tmp_path: Path
) -> None:
    """SIGKILL at random points: each time the store is sound and holds whole documents; a re-run completes."""
    rng = random.Random(int(os.environ.get("ZWGK_KILL_SEED", "20240521")))
    data_dir = tmp_path / "var"
    total = reference.counts().documents
    assert total == len(batch)
    killed = 0
    for _ in range(KILLS):
        code = _kill_at_a_random_point(batch, data_dir, rng, total)
        killed += code == -signal.SIGKILL
        assert _integrity(data_dir) == "ok"
        if not (data_dir / "zwgk.sqlite3").exists():
            continue
        with open_store(data_dir) as store:
            for stored in store.listing():
                assert store.get(stored.path) == reference.get(stored.path), f"half-written {stored.path}"
    assert killed >= KILLS - 1, "the ingest finished before it could be killed: make the batch longer"
    out = _run(batch, data_dir)
    assert ", 0 failed" in out
    assert _integrity(data_dir) == "ok"
    with open_store(data_dir) as store:
        assert _counts(store) == _counts(reference)
        assert [d.path for d in store.listing()] == [d.path for d in reference.listing()]
        assert _graph(store) == _graph(reference)
        revision = store.revision()
    again = _run(batch, data_dir)
    assert f"0 added, 0 replaced, {total} unchanged, 0 failed" in again
    with open_store(data_dir) as store:
        assert store.revision() == revision, "re-ingesting unchanged files wrote something"


def test_changed_file_and_removal_leave_the_graph_a_fresh_ingest_would_build(
    batch: list[Path], reference: Store, tmp_path: Path
) -> None:
    """Editing one plan replaces only its nodes and edges; removing it retracts exactly what it brought."""
    folder = tmp_path / "plans"
    shutil.copytree(CORPUS, folder)
    plans = sorted(folder.rglob("*.txt"))
    data_dir = tmp_path / "var"
    _run(plans, data_dir)
    with open_store(data_dir) as store:
        nodes_before, edges_before = _graph(store)
        by_path = {d.path: d for d in store.listing()}
    # The plan with the most tasks changes: its last task line goes.
    edited = max(plans, key=lambda p: by_path[str(p.resolve())].tasks)
    lines = edited.read_text("utf-8").rstrip("\n").split("\n")
    task_lines = [i for i, line in enumerate(lines) if "\t" in line or line.lstrip()[:1].isdigit()]
    del lines[task_lines[-1]]
    edited.write_text("\n".join(lines) + "\n", "utf-8")
    out = _run(plans, data_dir)
    assert "0 added, 1 replaced" in out
    fresh = tmp_path / "fresh"
    _run(plans, fresh)
    with open_store(data_dir) as store, open_store(fresh) as scratch:
        assert _counts(store) == _counts(scratch)
        assert _graph(store) == _graph(scratch)
        nodes_changed, edges_changed = _graph(store)
    assert nodes_changed != nodes_before or edges_changed != edges_before, "the edit changed nothing"
    # Removal: the graph is the one built without that document, and everything it alone held is gone.
    key = str(edited.resolve())
    with open_store(data_dir) as store:
        own = build_model([store.get(key)])  # type: ignore[list-item]
        others = [d for d in store.documents() if d.source.path != key]
        assert store.remove(key)
        assert not store.remove(key), "removing twice must report that nothing was there"
        nodes_after, edges_after = _graph(store)
    expected = build_model(others)
    assert (nodes_after, edges_after) == ({n.id for n in expected.nodes}, {e.id for e in expected.edges})
    only_its_own = {n.id for n in own.nodes if n.type in ("Task", "Section")}
    assert only_its_own and not (only_its_own & nodes_after)
    assert edges_changed - edges_after, "removal retracted no edge"
