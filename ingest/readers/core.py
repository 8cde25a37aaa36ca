"""``read_document``: any supported file → its decoded text and a :class:`~ingest.records.Source`.

The extension chooses the reader, the leading bytes must agree: a ``.txt``
that is really a PDF, a PNG or a zip is refused with a message that says what
it is, instead of being decoded into noise. Size is checked from the file
system before a byte is read, so a huge file is refused at once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ingest.errors import (
    CannotOpenError,
    CorruptDocxError,
    CorruptPdfError,
    EmptyFileError,
    FileTooLargeError,
    NoTextError,
    NotTextError,
    UnsupportedFormatError,
)
from ingest.readers.deadline import Deadline
from ingest.readers.decode import decode_text
from ingest.readers.safezip import UNZIPPED_PER_BYTE_LIMIT
from ingest.readers.sniff import Sniffed, sniff
from ingest.records import Source
from ingest.textnorm import is_mostly_traditional

Format = Literal["txt", "docx", "pdf", "html"]

DEFAULT_MAX_BYTES = 50 * 2**20
DEFAULT_TIMEOUT = 120.0

_FORMAT_BY_EXTENSION: dict[str, Format] = {
    ".txt": "txt",
    ".text": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}
_HINTS = {
    ".doc": " (legacy Word: save it as .docx)",
    ".wps": " (WPS: save it as .docx)",
    ".xls": " (a spreadsheet: save the table as .docx or .txt)",
    ".xlsx": " (a spreadsheet: save the table as .docx or .txt)",
    ".rtf": " (save it as .docx)",
    ".odt": " (save it as .docx)",
    ".mht": " (save the page as .html)",
    ".shtml": " (rename it to .html)",
}
# Every character str.splitlines() breaks on becomes "\n", so that split("\n") and splitlines() agree
# and line numbers computed anywhere downstream match.
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_EXTENSION_FOR_KIND = {"pdf": ".pdf", "zip": ".docx", "html": ".html"}


@dataclass(frozen=True)
class ReadResult:
    """A document's text as a reader sees it ('\\n' line ends, tables as TAB rows), and where it came from."""

    text: str
    source: Source
    warnings: tuple[str, ...] = ()


def _format_for(path: Path, head: bytes) -> Format:
    ext = path.suffix.lower()
    if ext in _FORMAT_BY_EXTENSION:
        return _FORMAT_BY_EXTENSION[ext]
    if ext == "":
        kind = sniff(head).kind
        guessed: dict[str, Format] = {"pdf": "pdf", "zip": "docx", "html": "html", "text": "txt"}
        if kind in guessed:
            return guessed[kind]
    raise UnsupportedFormatError(path, ext=ext or "(no extension)", hint=_HINTS.get(ext, ""))


def _refuse_mismatch(path: Path, fmt: Format, found: Sniffed) -> None:
    """Raise when the content contradicts the extension; what it is decides the code and the advice."""
    if fmt in ("txt", "html") and found.kind not in ("text", "html"):
        rename = _EXTENSION_FOR_KIND.get(found.kind)
        advice = f"; rename it to {rename}" if rename else ""
        raise NotTextError(path, what=f"the file is {found.label}, not a text document{advice}")
    if fmt == "docx" and found.kind != "zip":
        detail = f"the file is {found.label}" if found.kind != "text" else "not a zip archive"
        if found.kind == "ole":
            detail += ", not .docx"
        raise CorruptDocxError(path, detail=detail)
    if fmt == "pdf" and found.kind != "pdf":
        detail = f"the file is {found.label}" if found.kind != "text" else "no %PDF header"
        raise CorruptPdfError(path, detail=detail, advice="check that the file is the PDF that was meant")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise CannotOpenError(path, detail="it is a directory")
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLargeError(path, size_mb=size / 2**20, limit_mb=max_bytes / 2**20)
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)  # a file that grew since stat() is still bounded
    except FileNotFoundError:
        raise CannotOpenError(path, detail="no such file") from None
    except PermissionError:
        raise CannotOpenError(path, detail="permission denied") from None
    except OSError as exc:
        raise CannotOpenError(path, detail=exc.strerror or type(exc).__name__) from None
    if len(data) > max_bytes:
        raise FileTooLargeError(path, size_mb=len(data) / 2**20, limit_mb=max_bytes / 2**20)
    if not data:
        raise EmptyFileError(path)
    return data


def read_document(
    path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float | None = DEFAULT_TIMEOUT
) -> ReadResult:
    """Read one .txt/.text/.docx/.pdf/.html/.htm file; raise :class:`~ingest.errors.IngestError` otherwise.

    ``text`` is the original decoded text (traditional characters stay
    traditional; ``source.traditional`` says so and :func:`ingest.textnorm.to_simplified`
    converts without moving offsets). ``timeout`` bounds the seconds spent on one file (E110).
    """
    path = Path(path)
    ext = path.suffix.lower()
    if ext and ext not in _FORMAT_BY_EXTENSION:
        raise UnsupportedFormatError(path, ext=ext, hint=_HINTS.get(ext, ""))
    data = _read_bytes(path, max_bytes)
    fmt = _format_for(path, data[:4096])
    _refuse_mismatch(path, fmt, sniff(data[:4096]))
    file = str(path)
    deadline = Deadline(file, timeout)
    encoding = "utf-8"
    warnings: tuple[str, ...] = ()
    with deadline.alarm():
        if fmt == "txt":
            decoded = decode_text(data, file)
            text, encoding, warnings = decoded.text, decoded.encoding, decoded.warnings
            if not text.strip():
                raise NoTextError(file, detail=": the file holds only whitespace")
        elif fmt == "html":
            from ingest.readers.html_reader import read_html

            text, encoding, warnings = read_html(data, file)
        elif fmt == "docx":
            from ingest.readers.docx_reader import read_docx

            text, warnings = read_docx(
                data, file, max_unzipped=UNZIPPED_PER_BYTE_LIMIT * max_bytes, deadline=deadline
            )
        else:
            from ingest.readers.pdf_reader import read_pdf

            text, warnings = read_pdf(data, file, deadline=deadline)
            encoding = ""  # a PDF maps glyphs to Unicode per font; it has no text encoding
    text = _LINE_BREAKS.sub("\n", text)
    source = Source(
        path=file,
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        encoding=encoding,
        size=len(data),
        traditional=is_mostly_traditional(text),
    )
    return ReadResult(text=text, source=source, warnings=warnings)


__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "Format", "ReadResult", "read_document"]
