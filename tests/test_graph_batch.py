"""Ingesting on several processes stores exactly what one process stores.

A national corpus is read on every core (`zwgk ingest --jobs`); users must get
the same store, the same summary and the same per-file errors, in the same order,
whatever the number of processes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.cli import main
from graph.batch import iter_prepared, prepare
from graph.serialize import loads
from graph.store import open_store
from ingest.errors import IngestError
from ingest.pipeline import extract_file

CORPUS = Path(__file__).parent.parent / "data" / "corpus"
FILES = sorted(CORPUS.rglob("*.txt"))


def _stored(data_dir: Path) -> dict[str, tuple[str, str]]:
    with open_store(data_dir) as store:
        return {d.source.path: (d.source.sha256, repr(d)) for d in store.documents()}


@pytest.mark.parametrize("path", FILES[:8], ids=lambda p: p.name)
def test_prepared_record_reads_back_as_the_extracted_document(path: Path) -> None:
    """What a worker sends to the store is the document itself, serialised, with its counts."""
    doc = extract_file(path)
    prepared = prepare(doc)
    assert loads(prepared.record) == doc
    assert prepared.tasks == len(doc.tasks)
    assert prepared.assignments == sum(len(t.units) for t in doc.tasks)


def test_two_processes_give_the_store_of_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`zwgk ingest -j 2` and `-j 1` over the bundled corpus: same documents, same summary."""
    assert main(["ingest", str(CORPUS), "--data-dir", str(tmp_path / "one"), "-j", "1", "--no-snapshot"]) == 0
    one = capsys.readouterr().out.replace(str(tmp_path / "one"), "DIR")
    assert main(["ingest", str(CORPUS), "--data-dir", str(tmp_path / "two"), "-j", "2", "--no-snapshot"]) == 0
    two = capsys.readouterr().out.replace(str(tmp_path / "two"), "DIR")
    assert one == two
    assert f"{len(FILES)} added" in one
    assert _stored(tmp_path / "one") == _stored(tmp_path / "two")


def test_bad_files_keep_their_place_and_the_batch_goes_on(tmp_path: Path) -> None:
    """Errors come back in the order of the files, between good documents, on a process pool."""
    (tmp_path / "a.txt").write_bytes(b"")
    shutil.copy(FILES[0], tmp_path / "b.txt")
    (tmp_path / "c.txt").write_bytes(bytes(range(256)) * 8)
    shutil.copy(FILES[1], tmp_path / "d.txt")
    paths = [tmp_path / n for n in ("a.txt", "b.txt", "c.txt", "d.txt")]
    results = list(iter_prepared(paths, jobs=2))
    assert [isinstance(r, IngestError) for r in results] == [True, False, True, False]
    assert results[0].code == "E101"  # type: ignore[union-attr]
    assert [r.path for r in results if not isinstance(r, IngestError)] == [str(paths[1]), str(paths[3])]
