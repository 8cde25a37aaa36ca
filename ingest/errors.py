"""Errors of the ingest layer, each with a stable code and a message that says what to do next.

A batch ingest reports a file it cannot read and goes on with the rest, so every
error names the file and fits on one line: ``[E104] plans/a.txt: …``. Callers
branch on ``code`` (stable, ``E1xx``) or on the subclass; :meth:`IngestError.to_problem`
turns an error into the :class:`~ingest.records.Problem` record the pipeline keeps.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from ingest.records import Problem

SUPPORTED_EXTENSIONS: tuple[str, ...] = (".txt", ".text", ".docx", ".pdf", ".html", ".htm")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class IngestError(Exception):
    """Base of every ingest error: a stable ``code``, the ``file`` and a one-line ``reason``."""

    code: str = "E100"

    def __init__(self, code: str, file: str | Path, reason: str) -> None:
        self.code = code
        self.file = str(file)
        self.reason = _one_line(reason)
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"[{self.code}] {self.file}: {self.reason}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keep errors picklable across process pools whatever the subclass signature.
        return (IngestError, (self.code, self.file, self.reason))

    def to_problem(self, line: int | None = None) -> Problem:
        """The record a pipeline keeps for a file it could not read."""
        return Problem(file=self.file, line=line, code=self.code, reason=self.reason)


class _CodedError(IngestError):
    """An error whose code is fixed by its class and whose reason is filled from a template."""

    CODE: ClassVar[str]
    TEMPLATE: ClassVar[str]

    def __init__(self, file: str | Path, **fields: object) -> None:
        super().__init__(self.CODE, file, self.TEMPLATE.format(**fields))


class EmptyFileError(_CodedError):
    CODE = "E101"
    TEMPLATE = "the file is empty (0 bytes); export or download the document again"


class NotTextError(_CodedError):
    """Bytes that are not a text document: an image, an archive, a program, or a mislabelled file."""

    CODE = "E102"
    TEMPLATE = "{what}"


class UnsupportedFormatError(_CodedError):
    CODE = "E103"
    TEMPLATE = "unsupported file type {ext!r}{hint}; supported: " + ", ".join(SUPPORTED_EXTENSIONS)


class UndecodableTextError(_CodedError):
    CODE = "E104"
    TEMPLATE = "the text is not UTF-8, UTF-16 (with BOM), GB18030/GBK or Big5{detail}; save it as UTF-8 and try again"


class FileTooLargeError(_CodedError):
    CODE = "E105"
    TEMPLATE = (
        "the file is {size_mb:.1f} MB, over the {limit_mb:.1f} MB limit; split the document "
        "or raise the limit (max_bytes)"
    )


class CorruptDocxError(_CodedError):
    CODE = "E106"
    TEMPLATE = "not a readable .docx ({detail}); open it in Word or WPS and save it again as .docx"


class CorruptPdfError(_CodedError):
    CODE = "E107"
    TEMPLATE = "not a readable PDF ({detail}); {advice}"


class UnsafeArchiveError(_CodedError):
    """A .docx whose zip or XML could exhaust memory or time (zip bomb, DTD, malformed XML)."""

    CODE = "E108"
    TEMPLATE = "refused as unsafe: {detail}; if the document is genuine, open it in Word and save it again"


class NoTextError(_CodedError):
    CODE = "E109"
    TEMPLATE = "no text found{detail}"


class ReadTimeoutError(_CodedError):
    CODE = "E110"
    TEMPLATE = "reading or extracting took longer than {seconds:g} s and was stopped; the document may be damaged or huge"


class NotAPlanError(_CodedError):
    """The text was read but holds nothing a plan has (raised by the extraction pipeline)."""

    CODE = "E111"
    TEMPLATE = "no title, task or citation found: this does not look like a plan"


class CannotOpenError(_CodedError):
    CODE = "E112"
    TEMPLATE = "cannot open the file ({detail}); check the path and its permissions"


class InternalExtractorError(_CodedError):
    """A bug met while extracting one file: reported with the file so the batch goes on."""

    CODE = "E199"
    TEMPLATE = "internal extractor error: {detail}; please report it with the file"


__all__ = [
    "SUPPORTED_EXTENSIONS",
    "CannotOpenError",
    "CorruptDocxError",
    "CorruptPdfError",
    "EmptyFileError",
    "FileTooLargeError",
    "IngestError",
    "InternalExtractorError",
    "NoTextError",
    "NotAPlanError",
    "NotTextError",
    "ReadTimeoutError",
    "UndecodableTextError",
    "UnsafeArchiveError",
    "UnsupportedFormatError",
]
