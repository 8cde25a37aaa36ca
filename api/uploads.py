"""Uploaded documents: a safe name, a size limit, extraction, then the store — or nothing at all.

An upload is written into ``<data_dir>/uploads/.incoming-<random>/`` first and
read by the same pipeline as ``zwgk ingest``; only a document that extracts
cleanly is moved to ``<data_dir>/uploads/<name>`` and put in the store. A name
that could leave the upload folder (``../x.txt``, ``/etc/x.txt``, ``a\\b.txt``)
is refused, never repaired, so nothing is ever written outside the data
directory. Errors are the pipeline's own :class:`~ingest.errors.IngestError`
(code + message), exactly what the CLI prints.
"""

from __future__ import annotations

import dataclasses
import shutil
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from api.errors import ApiError
from api.service import GraphService
from graph.store import PutOutcome
from ingest.errors import SUPPORTED_EXTENSIONS, IngestError, UnsupportedFormatError
from ingest.records import ExtractedDocument

MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class Ingested:
    """What an upload did: the stored path, the outcome and the extraction."""

    path: str
    outcome: PutOutcome
    document: ExtractedDocument


def safe_name(raw: str | None) -> str:
    """The upload's file name, or :class:`ApiError` A007 when it could escape the upload folder."""
    name = unicodedata.normalize("NFC", (raw or "").strip())
    problems = []
    if not name:
        problems.append("the file has no name")
    if any(ord(c) < 32 or c in "\x7f" for c in name):
        problems.append("control characters")
    if "/" in name or "\\" in name:
        problems.append("a path separator")
    if name in (".", "..") or name.startswith("."):
        problems.append("a leading dot")
    if (
        PurePosixPath(name).is_absolute()
        or PureWindowsPath(name).is_absolute()
        or PureWindowsPath(name).drive
    ):
        problems.append("an absolute path")
    if ":" in name:
        problems.append("a colon")
    if len(name) > MAX_NAME_LENGTH:
        problems.append(f"more than {MAX_NAME_LENGTH} characters")
    if problems:
        raise ApiError(
            400,
            "A007",
            f"Refused file name {raw!r}: it has {', '.join(problems)}. Upload a plain file name such as 实施方案.docx.",
            {"name": raw},
        )
    return name


def check_extension(name: str) -> None:
    """The same E103 error as the CLI for a file type the readers do not know."""
    ext = Path(name).suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise UnsupportedFormatError(name, ext=ext or "(none)", hint="")


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise ApiError(
            413,
            "A006",
            f"The upload is {size / 1048576:.1f} MB, over the {limit / 1048576:.1f} MB limit (ZWGK_MAX_UPLOAD_BYTES).",
            {"limit_bytes": limit},
        )


def ingest_upload(service: GraphService, raw_name: str | None, content: bytes) -> Ingested:
    """Extract and store one uploaded file; nothing stays on disk or in the store if it fails."""
    from ingest.pipeline import extract_file

    name = safe_name(raw_name)
    check_extension(name)
    check_size(len(content), service.settings.max_upload_bytes)
    folder = service.upload_dir.resolve()
    final = folder / name
    if final.parent != folder:
        raise ApiError(400, "A007", f"Refused file name {raw_name!r}.", {"name": raw_name})
    incoming = folder / f".incoming-{uuid.uuid4().hex}"
    incoming.mkdir(parents=True)
    try:
        staged = incoming / name
        staged.write_bytes(content)
        try:
            doc = extract_file(staged)
        except IngestError as err:  # name the upload, not the server's staging path
            raise IngestError(err.code, name, err.reason) from None
        source = dataclasses.replace(doc.source, path=str(final))
        doc = dataclasses.replace(doc, source=source)
        staged.replace(final)
    finally:
        shutil.rmtree(incoming, ignore_errors=True)
    outcome = service.put(doc)
    return Ingested(str(final), outcome, doc)


def remove_upload(service: GraphService, path: str) -> None:
    """Delete the kept file of an uploaded document (files ingested from elsewhere are left alone)."""
    folder = service.upload_dir.resolve()
    target = Path(path).resolve()
    if target.parent == folder and target.is_file():
        target.unlink()
