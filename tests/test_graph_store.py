"""The durable store: idempotent re-ingestion, replacement, retraction, atomic writes, restart."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from graph.builder import build_model
from graph.store import Store, open_store
from ingest.records import ExtractedDocument
from tests.graph_support import gold_documents

DOCS = gold_documents()


def _changed(doc: ExtractedDocument) -> ExtractedDocument:
    """The same path with new content: one task fewer and a new hash."""
    source = dataclasses.replace(doc.source, sha256="f" * 64)
    return dataclasses.replace(doc, source=source, tasks=doc.tasks[:-1])


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path) as opened:
        yield opened


@pytest.mark.parametrize("doc", [pytest.param(d, id=d.source.name) for d in DOCS])
def test_store_returns_each_document_equal_to_what_was_written(store: Store, doc: ExtractedDocument) -> None:
    """A document read back from the store is the same records, so the graph rebuilt from it is too."""
    assert store.put(doc) == "added"
    assert store.get(doc.source.path) == doc


def test_reingesting_unchanged_files_changes_nothing(store: Store) -> None:
    store.put_many(DOCS)
    revision = store.revision()
    outcomes = store.put_many(DOCS)
    assert set(outcomes.values()) == {"unchanged"}
    assert store.revision() == revision
    assert build_model(store.documents()) == build_model(DOCS)


def test_changed_file_replaces_exactly_that_document(store: Store) -> None:
    store.put_many(DOCS)
    before = store.counts()
    changed = _changed(DOCS[0])
    assert store.put(changed) == "replaced"
    after = store.counts()
    assert after.documents == before.documents
    assert after.tasks == before.tasks - 1
    assert store.get(changed.source.path) == changed
    assert all(store.get(d.source.path) == d for d in DOCS[1:])


def test_remove_retracts_the_document_and_its_graph(store: Store) -> None:
    store.put_many(DOCS)
    gone = DOCS[1]
    assert store.remove(gone.source.path) is True
    assert store.remove(gone.source.path) is False
    assert store.get(gone.source.path) is None
    assert build_model(store.documents()) == build_model(d for d in DOCS if d is not gone)


def test_failed_write_leaves_the_previous_document_whole(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash between deleting the old rows and inserting the new ones rolls back to the old document."""
    store.put(DOCS[0])

    def crash(*args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(store, "_insert", crash)
    with pytest.raises(RuntimeError):
        store.put(_changed(DOCS[0]))
    assert store.get(DOCS[0].source.path) == DOCS[0]
    assert store.counts().documents == 1


def test_store_survives_restart(tmp_path: Path) -> None:
    with open_store(tmp_path) as first:
        first.put_many(DOCS)
        counts = first.counts()
    with open_store(tmp_path) as second:
        assert second.counts() == counts
        assert [d.source.path for d in second.documents()] == sorted(d.source.path for d in DOCS)


def test_counts_add_up_tasks_and_citations(store: Store) -> None:
    store.put_many(DOCS)
    counts = store.counts()
    assert counts.documents == len(DOCS)
    assert counts.tasks == sum(len(d.tasks) for d in DOCS)
    assert counts.citations == sum(len(d.cites) for d in DOCS)
