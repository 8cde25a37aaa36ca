"""Checks on a .docx zip before anything is inflated: size, ratio, entry count, DTDs.

A .docx is a zip of XML. A few kilobytes can declare gigabytes of XML (a zip
bomb) and an XML part can declare entities that expand without end. The
central directory states every entry's sizes, and Python's ``zipfile`` never
inflates past the stated size (a lie fails the CRC), so checking the stated
sizes bounds the memory python-docx may use.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from ingest.errors import CorruptDocxError, UnsafeArchiveError

MAX_ENTRIES = 10_000
MAX_RATIO = 100  # uncompressed / compressed, for entries large enough to matter
RATIO_MIN_SIZE = 1 << 20
UNZIPPED_PER_BYTE_LIMIT = 4  # total uncompressed size may be 4 × the file size limit
_XML_SUFFIXES = (".xml", ".rels")
_HEAD = 4096

_OTHER_OFFICE = {
    "xl/workbook.xml": "an Excel workbook (.xlsx)",
    "ppt/presentation.xml": "a PowerPoint presentation (.pptx)",
    "content.xml": "an OpenDocument file (.odt/.ods)",
}


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


def open_docx_zip(data: bytes, file: str, *, max_unzipped: int) -> zipfile.ZipFile:
    """Open ``data`` as the zip of a Word document, or raise E106/E108 before inflating anything big."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, ValueError, EOFError, OSError,
        NotImplementedError,
    ) as exc:  # fmt: skip
        raise CorruptDocxError(file, detail=f"damaged zip archive: {exc}") from None
    try:
        check_archive(archive, file, max_unzipped=max_unzipped)
    except BaseException:
        archive.close()
        raise
    return archive


def check_archive(archive: zipfile.ZipFile, file: str, *, max_unzipped: int) -> None:
    """Raise unless every entry is small enough, plausibly compressed, unencrypted and DTD-free."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise UnsafeArchiveError(file, detail=f"{len(infos)} zip entries (limit {MAX_ENTRIES})")
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        other = next((label for name, label in _OTHER_OFFICE.items() if name in names), None)
        what = f"it is {other}" if other else "no word/document.xml inside"
        raise CorruptDocxError(file, detail=what)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise CorruptDocxError(file, detail=f"entry {info.filename} is encrypted")
        total += info.file_size
        if info.file_size >= RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise UnsafeArchiveError(
                file,
                detail=f"zip bomb: {info.filename} inflates {ratio:.0f}× to {_mb(info.file_size)} "
                f"(limit {MAX_RATIO}×)",
            )
    if total > max_unzipped:
        raise UnsafeArchiveError(
            file, detail=f"zip bomb: the entries inflate to {_mb(total)} (limit {_mb(max_unzipped)})"
        )
    for info in infos:
        if info.filename.lower().endswith(_XML_SUFFIXES):
            _check_xml_head(archive, info, file)


def _check_xml_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str) -> None:
    """Office XML never has a DTD; one that does may hide an entity-expansion bomb."""
    try:
        with archive.open(info) as stream:
            head = stream.read(_HEAD)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise CorruptDocxError(file, detail=f"damaged entry {info.filename}: {exc}") from None
    upper = head.replace(b"\x00", b"").upper()  # UTF-16 XML too
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise UnsafeArchiveError(file, detail=f"{info.filename} declares a DTD or XML entities")


__all__ = ["MAX_ENTRIES", "MAX_RATIO", "UNZIPPED_PER_BYTE_LIMIT", "check_archive", "open_docx_zip"]
