"""Hostile inputs that fuzzing found to cost far more than their size: each pinned as a small case.

Each test states the bound a user relies on (time linear in the input, output of the order of the
input, the per-document budget honoured wherever the reader runs, a coded error rather than an
internal one). A case found before its fix is marked ``xfail(strict=True)`` with the module at fault,
so the marker has to go when the fix lands.
"""

from __future__ import annotations

import threading
import time
import zipfile
from pathlib import Path

import pytest

from ingest.docnumber import find_doc_numbers
from ingest.errors import IngestError, ReadTimeoutError
from ingest.readers import read_document
from tests.strategies import (
    DOC_HEAD,
    DOC_TAIL,
    W_NS,
    docx_bytes,
    paragraph_xml,
    pdf_bytes,
    pdf_page,
    pdf_stream,
)


def _best_of(runs: int, call) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best


def test_finding_document_numbers_takes_time_linear_in_their_count() -> None:
    """A page that repeats its 文号 thousands of times (a pasted footer) must not stall extraction."""
    number = "國辦發〔2016〕19号"
    per_small = _best_of(2, lambda: find_doc_numbers(number * 3000)) / 3000
    per_large = _best_of(1, lambda: find_doc_numbers(number * 12000)) / 12000
    assert per_large < 2 * per_small + 5e-6, (
        f"{per_large * 1e6:.0f} µs vs {per_small * 1e6:.0f} µs per number"
    )


@pytest.mark.parametrize(
    "space", [pytest.param(" ", id="space"), pytest.param("\u3000", id="ideographic-space")]
)
def test_finding_document_numbers_takes_time_linear_in_a_run_of_spaces(space: str) -> None:
    """A line padded with thousands of spaces (PDF and web copies have them) must not stall extraction."""
    per_small = _best_of(2, lambda: find_doc_numbers(space * 4000)) / 4000
    per_large = _best_of(1, lambda: find_doc_numbers(space * 16000)) / 16000
    assert per_large < 2 * per_small + 1e-6, (
        f"{per_large * 1e6:.2f} µs vs {per_small * 1e6:.2f} µs per character"
    )


def _numbered_docx(path: Path, start: str, paragraphs: int) -> Path:
    level = (
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%1、"/></w:lvl>'
    )
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
        f'<w:abstractNum w:abstractNumId="1">{level}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    body = "".join(paragraph_xml(f"推进决策公开{i}", (1, 0)) for i in range(paragraphs))
    path.write_bytes(
        docx_bytes(
            {
                "word/document.xml": (DOC_HEAD + body + DOC_TAIL).encode(),
                "word/numbering.xml": numbering.encode(),
            }
        )
    )
    return path


def test_a_list_start_value_cannot_blow_a_small_docx_up_into_megabytes_of_text(tmp_path: Path) -> None:
    """A 10 KB .docx whose list starts at 10,000,000 gives text of the order of its XML, not megabytes."""
    path = _numbered_docx(tmp_path / "start.docx", "10000000", 20)
    with zipfile.ZipFile(path) as archive:
        unzipped = sum(info.file_size for info in archive.infolist())
    text = read_document(path, timeout=30).text
    assert len(text) <= 20 * unzipped, f"{len(text)} characters from {path.stat().st_size} bytes"


def test_a_list_start_too_large_for_any_counter_gives_text_or_a_coded_error(tmp_path: Path) -> None:
    """A 30-digit w:start is either rendered or refused with a coded error; it is never an internal error."""
    path = _numbered_docx(tmp_path / "overflow.docx", "9" * 30, 2)
    try:
        read_document(path, timeout=30)
    except IngestError:
        pass


def test_ordinary_list_numbers_still_render(tmp_path: Path) -> None:
    """The guard above must not cost real documents their labels: a list from 1 reads a、 b、 c、."""
    text = read_document(_numbered_docx(tmp_path / "ok.docx", "1", 3), timeout=30).text
    assert [line.split("、")[0] for line in text.splitlines()] == ["a", "b", "c"]


def _pdf_bomb(path: Path, operators: int) -> Path:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        pdf_page(4),
        pdf_stream(b"0 0 m " * operators, deflate=True),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(pdf_bytes(objects))
    return path


def test_reading_budget_stops_a_pdf_bomb_on_the_main_thread(tmp_path: Path) -> None:
    """A 2 KB PDF whose one page inflates to a million drawing operators is stopped at its budget (E110)."""
    path = _pdf_bomb(tmp_path / "bomb.pdf", 1_000_000)
    started = time.monotonic()
    with pytest.raises(ReadTimeoutError):
        read_document(path, timeout=1)
    assert time.monotonic() - started < 10


def test_reading_budget_also_holds_in_a_worker_thread(tmp_path: Path) -> None:
    """A server reads uploads in worker threads: the same bomb must be stopped there too, not run for minutes."""
    path = _pdf_bomb(tmp_path / "bomb.pdf", 300_000)
    outcome: list[BaseException | None] = []

    def read() -> None:
        try:
            read_document(path, timeout=1)
            outcome.append(None)
        except IngestError as error:
            outcome.append(error)

    started = time.monotonic()
    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=60)
    elapsed = time.monotonic() - started
    assert isinstance(outcome[0] if outcome else None, ReadTimeoutError) and elapsed < 5, f"{elapsed:.1f} s"


def test_extraction_has_a_time_budget_too(tmp_path: Path) -> None:
    """A huge text file is stopped at its budget during extraction, not only while reading (E110)."""
    path = tmp_path / "huge.txt"
    row = "一、任务\t" + "加强政务公开工作，" * 40 + "\t市财政局\t持续推进\n"
    path.write_text("工作任务\t具体要求\t牵头单位\t完成时限\n" + row * 20000, encoding="utf-8")
    from ingest.pipeline import extract_file

    started = time.monotonic()
    with pytest.raises(ReadTimeoutError):
        extract_file(path, timeout=0.5)
    assert time.monotonic() - started < 10
