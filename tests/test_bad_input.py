"""Files a reader cannot use are refused with a coded, one-line error that names the file — never a crash."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import IngestError, ReadTimeoutError
from ingest.readers import read_document
from ingest.readers.deadline import Deadline
from tests.fixtures.docgen import make_docx, make_pdf, rewrite_zip

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = sorted((ROOT / "data" / "corpus" / "seeds").glob("*.txt"))[1].read_text("utf-8")
TABLE: list[list[str | None]] = [
    ["序号", "工作任务", "责任单位"],
    ["1", "推进决策公开", "市发改委"],
    ["2", "政策解读", None],
]


def _docx(tmp: Path) -> Path:
    return make_docx(
        tmp / "good.docx", heading="通知", before=SEED_TEXT.split("\n")[:5], rows=TABLE, after=[]
    )


def _pdf(tmp: Path) -> Path:
    lines: list[str | list[list[str | None]]] = [line for line in SEED_TEXT.split("\n")[:6] if line]
    return make_pdf(tmp / "good.pdf", pages=[[*lines, TABLE]])


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return build


def _zip_bomb(tmp: Path) -> Path:
    """A .docx whose document.xml inflates 100 MB from about 100 KB."""
    path = tmp / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            chunk = b"<w:p/>" * (1 << 20)
            for _ in range(16):
                stream.write(chunk)
    return path


def _many_small_entries_bomb(tmp: Path) -> Path:
    """Entries that each look modest but together inflate past the limit."""
    path = tmp / "wide.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for n in range(3):
            archive.writestr(f"word/media/blob{n}.bin", bytes(range(256)) * (4 << 10))
    return path


def _truncated_docx_xml(tmp: Path) -> Path:
    good = _docx(tmp)
    with zipfile.ZipFile(good) as archive:
        xml = archive.read("word/document.xml")
    return rewrite_zip(good, tmp / "malformed.docx", {"word/document.xml": xml[: len(xml) // 2]})


def _docx_with_entities(tmp: Path) -> Path:
    good = _docx(tmp)
    with zipfile.ZipFile(good) as archive:
        xml = archive.read("word/document.xml")
    lol = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    return rewrite_zip(good, tmp / "entities.docx", {"word/document.xml": xml.replace(b"?>", b"?>" + lol, 1)})


def _xlsx_named_docx(tmp: Path) -> Path:
    path = tmp / "table.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


def _truncated_pdf(tmp: Path) -> Path:
    data = _pdf(tmp).read_bytes()
    return _write("cut.pdf", data[: len(data) // 3])(tmp)


def _encrypted_pdf(tmp: Path) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    path = tmp / "locked.pdf"
    canvas = Canvas(str(path), encrypt=StandardEncryption("secret"))
    canvas.drawString(72, 720, "Government information disclosure plan")
    canvas.save()
    return path


def _blank_pdf(tmp: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp / "scan.pdf"
    canvas = Canvas(str(path))
    canvas.rect(72, 72, 300, 300, fill=1)  # a page with graphics and no text layer, like a scan
    canvas.showPage()
    canvas.save()
    return path


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"

CASES = [
    pytest.param(_write("empty.txt", b""), "E101", id="empty-file"),
    pytest.param(_write("blank.txt", " \r\n\t\u3000\n".encode()), "E109", id="whitespace-only"),
    pytest.param(_write("data.txt", bytes(range(256)) * 8), "E102", id="binary-file"),
    pytest.param(_write("picture.txt", PNG + bytes(200)), "E102", id="png-named-txt"),
    pytest.param(
        _write("legacy.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)), "E106", id="doc-named-docx"
    ),
    pytest.param(lambda tmp: _pdf(tmp).rename(tmp / "plan.txt"), "E102", id="pdf-named-txt"),
    pytest.param(lambda tmp: _docx(tmp).rename(tmp / "plan.txt"), "E102", id="docx-named-txt"),
    pytest.param(lambda tmp: _docx(tmp).rename(tmp / "plan.htm"), "E102", id="docx-named-html"),
    pytest.param(_write("plan.xlsx", b"PK\x03\x04"), "E103", id="unsupported-extension"),
    pytest.param(_write("plan.doc", b"\xd0\xcf\x11\xe0"), "E103", id="legacy-doc-extension"),
    pytest.param(_write("latin.txt", bytes([0x81, 0x20, 0xFF, 0x20]) * 100), "E104", id="undecodable-text"),
    pytest.param(_write("broken.docx", b"PK\x03\x04 this is not really a zip"), "E106", id="corrupt-docx"),
    pytest.param(_write("note.docx", b"just some text"), "E106", id="text-named-docx"),
    pytest.param(_xlsx_named_docx, "E106", id="xlsx-named-docx"),
    pytest.param(_zip_bomb, "E108", id="zip-bomb-docx"),
    pytest.param(_truncated_docx_xml, "E108", id="malformed-xml-docx"),
    pytest.param(_docx_with_entities, "E108", id="xml-entities-docx"),
    pytest.param(
        _write("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"), "E107", id="broken-pdf"
    ),
    pytest.param(_truncated_pdf, "E107", id="truncated-pdf"),
    pytest.param(_encrypted_pdf, "E107", id="encrypted-pdf"),
    pytest.param(_write("scan.pdf", PNG), "E107", id="png-named-pdf"),
    pytest.param(_blank_pdf, "E109", id="pdf-without-text-layer"),
    pytest.param(
        _write("page.html", b"<html><body><script>var a='x';</script></body></html>"), "E109", id="empty-page"
    ),
    pytest.param(lambda tmp: tmp / "missing.txt", "E112", id="missing-file"),
]


@pytest.mark.parametrize(("build", "code"), CASES)
def test_bad_file_is_refused_with_its_code_and_a_one_line_message(
    tmp_path: Path, build: Callable[[Path], Path], code: str
) -> None:
    """Each kind of bad input has its own stable code; the message is one line and names the file."""
    path = build(tmp_path)
    with pytest.raises(IngestError) as caught:
        read_document(path)
    error = caught.value
    assert error.code == code, str(error)
    message = str(error)
    assert "\n" not in message
    assert message.startswith(f"[{code}] {path}: ")
    assert len(error.reason) > 15
    assert error.to_problem().code == code


def test_many_entries_that_inflate_past_the_limit_are_refused(tmp_path: Path) -> None:
    """The total inflated size counts, not just each entry's ratio."""
    path = _many_small_entries_bomb(tmp_path)
    with pytest.raises(IngestError) as caught:
        read_document(path, max_bytes=512 << 10)
    assert caught.value.code == "E108"


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    """A 50 MB+ file is refused at once from its size on disk (a sparse file: nothing is written or read)."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(50 * 2**20 + 1)
    started = time.perf_counter()
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert time.perf_counter() - started < 0.5
    assert caught.value.code == "E105"
    assert "50.0 MB" in str(caught.value)


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_document(path, max_bytes=1024)
    assert caught.value.code == "E105"
    assert read_document(path, max_bytes=len(SEED_TEXT.encode()) + 1).text == SEED_TEXT


def test_gbk_text_is_not_bad_input(tmp_path: Path) -> None:
    """GBK, the encoding most Chinese office PCs save in, reads without error or warning."""
    path = tmp_path / "gbk.txt"
    path.write_bytes(SEED_TEXT.encode("gbk"))
    result = read_document(path)
    assert (result.text, result.source.encoding, result.warnings) == (SEED_TEXT, "gbk", ())


def test_a_few_stray_bytes_are_replaced_with_a_warning(tmp_path: Path) -> None:
    """A UTF-8 file cut in the middle of its last character still reads; the warning says what was lost."""
    path = tmp_path / "cut.txt"
    path.write_bytes(SEED_TEXT.encode("utf-8")[:-1] if SEED_TEXT.endswith("\n") else SEED_TEXT.encode()[:-1])
    result = read_document(path)
    assert result.text.count("\ufffd") == 1
    assert result.warnings and "U+FFFD" in result.warnings[0]


def test_reading_stops_with_e110_when_the_time_budget_is_spent(tmp_path: Path) -> None:
    """A document that takes longer than ``timeout`` is abandoned with E110, so a batch goes on."""
    path = _pdf(tmp_path)
    with pytest.raises(ReadTimeoutError) as caught:
        read_document(path, timeout=1e-9)
    assert caught.value.code == "E110"
    with pytest.raises(ReadTimeoutError):
        Deadline("x.pdf", 0.0).check()


# --- never anything but text or IngestError ---------------------------------------------------


_SUFFIXES = st.sampled_from([".txt", ".text", ".html", ".htm", ".docx", ".pdf", ""])
_CHINESE = st.text(alphabet=st.sampled_from(SEED_TEXT), min_size=1, max_size=300)


@st.composite
def _damaged_inputs(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["random", "utf8-cut", "gbk-cut", "gbk-mixed", "mutated"]))
    if kind == "random":
        return draw(st.binary(max_size=2048))
    text = draw(_CHINESE)
    if kind == "utf8-cut":
        data = text.encode("utf-8")
        return data[: draw(st.integers(0, len(data)))]
    if kind == "gbk-cut":
        data = text.encode("gbk", errors="ignore")
        return data[: draw(st.integers(0, len(data)))]
    if kind == "gbk-mixed":
        return text.encode("gbk", errors="ignore") + draw(st.binary(max_size=16)) + text.encode("utf-8")
    data = bytearray(draw(st.sampled_from(_VALID_DOCUMENTS)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(1, len(data)))])


_VALID_DOCUMENTS: list[bytes] = []


@pytest.fixture(scope="module")
def valid_documents(tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp("valid")
    _VALID_DOCUMENTS[:] = [_docx(tmp).read_bytes(), _pdf(tmp).read_bytes()]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_damaged_inputs(), suffix=_SUFFIXES)
def test_damaged_or_random_bytes_give_text_or_ingest_error(
    valid_documents: None, tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    """Whatever the bytes, read_document returns text or raises IngestError, within its time budget."""
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    started = time.perf_counter()
    try:
        result = read_document(path, timeout=10)
    except IngestError as error:
        assert "\n" not in str(error) and str(path) in str(error)
    else:
        assert isinstance(result.text, str) and result.text.strip()
        assert "\r" not in result.text
    assert time.perf_counter() - started < 15


def test_every_error_code_is_distinct_and_errors_survive_pickling() -> None:
    """Codes are stable identifiers clients branch on; errors cross process pools intact."""
    import pickle

    import ingest.errors as errors

    classes = [c for c in vars(errors).values() if isinstance(c, type) and hasattr(c, "CODE")]
    codes = [c.CODE for c in classes]
    assert len(codes) == len(set(codes)) >= 10
    error = errors.FileTooLargeError("plans/a.txt", size_mb=60.0, limit_mb=50.0)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.file, copy.reason, str(copy)) == (
        error.code,
        error.file,
        error.reason,
        str(error),
    )
