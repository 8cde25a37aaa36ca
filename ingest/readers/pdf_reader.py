"""PDF → text with pdfplumber: running text per page, ruled tables as tab-separated rows in place.

A PDF has no paragraphs or cells, only positioned glyphs. Tables with ruling
lines are found by pdfplumber's table finder; their characters are taken out
of the running text and the rows are put back at the table's vertical
position, one line per row, cells joined by TAB (an empty cell where a merged
cell continues). Inside a cell, a line wrap between two Chinese characters is
removed (it is layout, not a space); elsewhere it becomes a space. Pages are
separated by a blank line.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from ingest.errors import CorruptPdfError, IngestError, NoTextError
from ingest.readers.deadline import Deadline

_CJK = r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_WRAP_BETWEEN_CJK = re.compile(rf"(?<={_CJK})\s*\n\s*(?={_CJK})")
_SPACES = re.compile(r"\s+")
_ENCRYPTED_ADVICE = "it is password-protected; ask the issuer for an unprotected copy or remove the password"
_CORRUPT_ADVICE = "open it in a PDF viewer and print or save it to a new PDF"
_MAX_LOGGED = 10

BBox = tuple[float, float, float, float]


def cell_text(value: str | None) -> str:
    """One table cell on one line; ``None`` (a merged continuation) becomes the empty cell."""
    if not value:
        return ""
    return _SPACES.sub(" ", _WRAP_BETWEEN_CJK.sub("", value)).strip()


def _inside(obj: dict[str, Any], boxes: Sequence[BBox]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _has_overprinted_chars(chars: list[dict[str, Any]]) -> bool:
    seen = {(c["text"], round(c["x0"]), round(c["top"])) for c in chars}
    return len(seen) < 0.98 * len(chars)


def _page_lines(page: Any, deadline: Deadline) -> list[str]:
    if _has_overprinted_chars(page.chars):
        page = page.dedupe_chars()  # bold faked by printing each glyph twice (dedupe is slow: only then)
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    items: list[tuple[float, int, str]] = []
    if boxes:
        text_page = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    else:
        text_page = page
    for line in text_page.extract_text_lines(return_chars=False):
        items.append((float(line["top"]), 1, line["text"]))
    for table in tables:
        deadline.check()
        top = float(table.bbox[1])
        for n, row in enumerate(table.extract()):
            cells = [cell_text(value).replace("\t", " ") for value in row]
            if any(cells):
                items.append((top + n * 1e-3, 0, "\t".join(cells)))
    items.sort(key=lambda item: (item[0], item[1]))
    return [text for _, _, text in items]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = f"pdf: {record.getMessage()}"[:200]
        if message not in self.messages and len(self.messages) < _MAX_LOGGED:
            self.messages.append(message)


@contextmanager
def _pdfminer_warnings() -> Iterator[list[str]]:
    """pdfminer logs what it repairs in a damaged PDF; keep that as the document's warnings, not stderr noise."""
    logger = logging.getLogger("pdfminer")
    handler = _Collect()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _unwrap(exc: Exception) -> BaseException:
    """pdfplumber wraps what pdfminer raised (even our own timeout) in PdfminerException."""
    inner = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc
    return inner if isinstance(inner, BaseException) else exc


def _as_error(exc: Exception, file: str) -> IngestError:
    """The error to raise for ``exc``, saying what went wrong in the PDF."""
    inner = _unwrap(exc)
    if isinstance(inner, IngestError):
        return inner
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return CorruptPdfError(file, detail="encrypted", advice=_ENCRYPTED_ADVICE)
    detail = f"{type(inner).__name__}: {inner}" if str(inner) else type(inner).__name__
    advice = _ENCRYPTED_ADVICE if "password" in detail.lower() else _CORRUPT_ADVICE
    return CorruptPdfError(file, detail=detail[:300], advice=advice)


def read_pdf(data: bytes, file: str, *, deadline: Deadline) -> tuple[str, tuple[str, ...]]:
    """Text of a PDF given its bytes; raise E107 (corrupt or encrypted) or E109 (no text layer)."""
    pages: list[str] = []
    warnings: list[str] = []
    try:
        with _pdfminer_warnings() as logged, pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                deadline.check()
                try:
                    pages.append("\n".join(_page_lines(page, deadline)))
                except IngestError:
                    raise
                except Exception as exc:  # one broken page should not lose the others
                    if isinstance(_unwrap(exc), IngestError):
                        raise
                    warnings.append(f"page {number} could not be read ({type(exc).__name__}: {exc})")
                finally:
                    page.close()
        warnings.extend(logged)
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged input
        raise _as_error(exc, file) from None
    if not pages and warnings:
        raise CorruptPdfError(file, detail="; ".join(warnings)[:300], advice=_CORRUPT_ADVICE)
    text = "\n\n".join(page.strip("\n") for page in pages).strip("\n")
    if not text.strip():
        if not pages:
            raise CorruptPdfError(file, detail="no pages", advice=_CORRUPT_ADVICE)
        raise NoTextError(file, detail=" in the PDF (scanned pages without a text layer?); run OCR first")
    return text, tuple(warnings)


__all__ = ["cell_text", "read_pdf"]
