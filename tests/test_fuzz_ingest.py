"""Hostile files never crash or stall ingestion: each gives a document or a coded error, and the batch goes on.

The inputs come from :mod:`tests.strategies` (random bytes, cut UTF-8/GBK, megabyte lines, numbering
hundreds deep, tables thousands of columns wide, separator soup, mixed scripts, .docx bombs and broken
XML, broken PDFs). ``ZWGK_FUZZ_EXAMPLES`` sets how many examples each property sees (default 150, with a
fixed seed so the ordinary suite is repeatable; ``make fuzz`` runs 10000 with fresh randomness).
A hang is caught by ``faulthandler``: it writes every thread's stack and the input to
``ZWGK_FUZZ_HANG_LOG`` (default: zwgk-fuzz-hang.log in the temp folder) and ends the run instead of
blocking it forever.
"""

from __future__ import annotations

import faulthandler
import io
import os
import signal
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.cli import main
from graph.store import open_store
from ingest.errors import IngestError
from ingest.pipeline import extract_file, extract_text, iter_extract
from ingest.records import ExtractedDocument, Source
from tests.strategies import FuzzFile, hostile_files, hostile_texts

EXAMPLES = int(os.environ.get("ZWGK_FUZZ_EXAMPLES", "150"))
#: The reader's per-document budget in these tests (E110 past it); the product default is 120 s.
READ_SECONDS = float(os.environ.get("ZWGK_FUZZ_READ_SECONDS", "5"))
#: Extraction of one decoded document (at most ~400 KB here) must end within this many seconds.
EXTRACT_SECONDS = float(os.environ.get("ZWGK_FUZZ_EXTRACT_SECONDS", "60"))
SEEDS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "seeds"

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="ZWGK_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
    print_blob=True,
)


#: Where a hang is reported: pytest captures stderr, and a process that must exit cannot print it later.
HANG_LOG = Path(os.environ.get("ZWGK_FUZZ_HANG_LOG", Path(tempfile.gettempdir()) / "zwgk-fuzz-hang.log"))


@contextmanager
def hang_guard(seconds: float, example: bytes | str) -> Iterator[None]:
    """Exit the run if the block runs far past its budget (a real hang, not a slow case).

    faulthandler's watchdog is a C thread that needs no GIL, so it fires even when the code under
    test is stuck inside a C call; it writes every thread's stack to ``HANG_LOG`` and the input that
    hung beside it (``.input``), so the case can be replayed.
    """
    HANG_LOG.with_suffix(".input").write_bytes(example if isinstance(example, bytes) else example.encode())
    with HANG_LOG.open("w") as log:
        log.write(f"a fuzz example ran past {seconds:g} s; input in {HANG_LOG.with_suffix('.input')}\n")
        log.flush()
        faulthandler.dump_traceback_later(seconds, exit=True, file=log)
        try:
            yield
        finally:
            faulthandler.cancel_dump_traceback_later()


class TooSlow(AssertionError):
    """Extraction ran past its budget: a normal failure that hypothesis can shrink and report."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TooSlow` in the block after ``seconds`` (SIGALRM; only around code that does not use it)."""

    def on_alarm(signum: int, frame: object) -> None:
        raise TooSlow(f"extraction took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _source(name: str = "fuzz.txt") -> Source:
    return Source(
        path=name, name=name, sha256="0" * 64, format="txt", encoding="utf-8", size=0, traditional=False
    )


@pytest.fixture(scope="module", autouse=True)
def warm_extractors() -> None:
    """Load the dictionaries once, so no example's time budget pays for the first-use start-up."""
    extract_text((SEEDS / "003_999b1c3bf9057d29.txt").read_text("utf-8"), _source())


def _unzipped_size(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())


def _check_document(doc: ExtractedDocument) -> None:
    """What every extracted document promises: numbered tasks whose spans lie inside its own text."""
    assert [t.n for t in doc.tasks] == list(range(1, len(doc.tasks) + 1))
    size = len(doc.text)
    for task in (*doc.tasks, *doc.extra_items):
        assert 0 <= task.span.char_start <= task.span.char_end <= size, task.span
        assert 1 <= task.span.line_start <= task.span.line_end
        for unit in task.units:
            assert unit.name and 0 <= unit.span.char_start <= unit.span.char_end <= size
    for cite in doc.cites:
        assert 0 <= cite.span.char_start <= cite.span.char_end <= size


@FUZZ
@given(file=hostile_files())
def test_any_file_gives_a_document_or_a_coded_error_within_its_time_budget(
    tmp_path_factory: pytest.TempPathFactory, file: FuzzFile
) -> None:
    """Whatever a user drops into a batch, ingestion answers with a document or one coded line, in time."""
    path = file.write(tmp_path_factory.mktemp("fuzz"))
    started = time.monotonic()
    with hang_guard(3 * (READ_SECONDS + EXTRACT_SECONDS), file.data):
        try:
            doc = extract_file(path, timeout=READ_SECONDS)
        except IngestError as error:
            assert error.code != "E199", f"internal error on {file.kind}: {error}"
            assert "\n" not in str(error) and str(path) in str(error)
            doc = None
    assert time.monotonic() - started < READ_SECONDS + EXTRACT_SECONDS, file.kind
    if doc is None:
        return
    _check_document(doc)
    # Output never balloons past its input: text comes from bytes, not from numbers or markup. A .docx
    # may add list labels ('一、', 'aaa.') to short paragraphs, so its bound is a multiple of its XML.
    if doc.source.format in ("txt", "html"):
        assert len(doc.text) <= len(file.data)
    elif doc.source.format == "docx":
        assert len(doc.text) <= 20 * _unzipped_size(file.data), "the .docx expanded far beyond its own XML"


@FUZZ
@given(text=hostile_texts())
def test_any_decoded_text_is_extracted_without_an_internal_error(text: str) -> None:
    """The extraction stages take apart any text (huge lines, deep numbering, wide tables) without crashing."""
    started = time.monotonic()
    with hang_guard(3 * EXTRACT_SECONDS, text), time_limit(EXTRACT_SECONDS):
        doc = extract_text(text, _source())
    assert time.monotonic() - started < EXTRACT_SECONDS, f"{len(text)} characters"
    assert doc.text == text
    _check_document(doc)


@settings(FUZZ, max_examples=min(max(5, EXAMPLES // 10), 300))
@given(files=st.lists(hostile_files(), min_size=1, max_size=5), at=st.integers(0, 5))
def test_a_batch_goes_on_past_every_bad_file(
    tmp_path_factory: pytest.TempPathFactory, files: list[FuzzFile], at: int
) -> None:
    """One good plan among hostile files is extracted exactly as when it is alone, and nothing is skipped."""
    folder = tmp_path_factory.mktemp("batch")
    paths = [folder / f"{i:02d}-{f.name}" for i, f in enumerate(files)]
    for path, file in zip(paths, files, strict=True):
        path.write_bytes(file.data)
    good = folder / "good.txt"
    good.write_bytes((SEEDS / "003_999b1c3bf9057d29.txt").read_bytes())
    paths.insert(min(at, len(paths)), good)
    with hang_guard(len(paths) * 3 * (READ_SECONDS + EXTRACT_SECONDS), b"\0".join(f.data for f in files)):
        results = list(iter_extract(paths))
    assert len(results) == len(paths)
    for path, result in zip(paths, results, strict=True):
        assert isinstance(result, ExtractedDocument | IngestError)
        assert (result.source.path if isinstance(result, ExtractedDocument) else result.file) == str(path)
    alone = extract_file(good)
    assert results[paths.index(good)] == alone


@settings(FUZZ, max_examples=min(max(3, EXAMPLES // 30), 50))
@given(files=st.lists(hostile_files(), min_size=2, max_size=6))
def test_zwgk_ingest_of_a_hostile_folder_stores_every_readable_file_and_reports_the_rest(
    tmp_path_factory: pytest.TempPathFactory, files: list[FuzzFile], capsys: pytest.CaptureFixture[str]
) -> None:
    """`zwgk ingest FOLDER` finishes, stores the good plan, and prints one error line per refused file."""
    tmp = tmp_path_factory.mktemp("cli")
    folder = tmp / "in"
    folder.mkdir()
    for i, file in enumerate(files):
        (folder / f"{i:02d}-{file.name}").write_bytes(file.data)
    (folder / "good.txt").write_bytes((SEEDS / "001_816ab9bea152d920.txt").read_bytes())
    budget = len(files) * 3 * 120 + 60  # the CLI reads with the product's 120 s budget per file
    with hang_guard(budget, b"\0".join(f.data for f in files)):
        code = main(["ingest", str(folder), "--data-dir", str(tmp / "var")])
    out, err = capsys.readouterr()
    assert code == 0
    errors = [line for line in err.splitlines() if line.startswith("error: [E")]
    assert not any("[E199]" in line for line in errors), errors
    with open_store(tmp / "var") as store:
        stored = {Path(d.path).name for d in store.listing()}
    assert "good.txt" in stored
    considered = sorted(
        p.name
        for p in folder.iterdir()
        if p.suffix.lower() in (".txt", ".text", ".docx", ".pdf", ".html", ".htm")
    )
    assert len(stored) + len(errors) == len(considered), (stored, errors)
    assert f"{len(errors)} failed" in out
