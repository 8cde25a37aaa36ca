"""What a file really is, from its first bytes: a mislabelled file gets a clear error, not garbage.

Users rename files, download pages as ``.txt`` and attach scans: the extension
is a hint, the leading bytes decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["pdf", "zip", "ole", "image", "archive", "program", "media", "html", "text"]


@dataclass(frozen=True)
class Sniffed:
    """The kind of content and a human name for it (``a PNG image``)."""

    kind: Kind
    label: str


# Leading bytes → (kind, human label). Order matters only for shared prefixes.
_MAGIC: tuple[tuple[bytes, Kind, str], ...] = (
    (b"PK\x03\x04", "zip", "a zip archive (e.g. .docx, .xlsx)"),
    (b"PK\x05\x06", "zip", "an empty zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "a legacy Office file (.doc/.xls/.ppt/.wps)"),
    (b"\x89PNG\r\n\x1a\n", "image", "a PNG image"),
    (b"\xff\xd8\xff", "image", "a JPEG image"),
    (b"GIF87a", "image", "a GIF image"),
    (b"GIF89a", "image", "a GIF image"),
    (b"BM", "image", "a BMP image"),
    (b"II*\x00", "image", "a TIFF image"),
    (b"MM\x00*", "image", "a TIFF image"),
    (b"RIFF", "media", "a RIFF media file (WebP/WAV/AVI)"),
    (b"Rar!\x1a\x07", "archive", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "archive", "a 7-Zip archive"),
    (b"\x1f\x8b", "archive", "a gzip archive"),
    (b"BZh", "archive", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "archive", "an xz archive"),
    (b"\x7fELF", "program", "an ELF program"),
    (b"MZ", "program", "a Windows program"),
    (b"{\\rtf", "ole", "an RTF document"),
    (b"ID3", "media", "an MP3 file"),
    (b"OggS", "media", "an Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "media", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "media", "an MP4 video"),
    (b"\x1aE\xdf\xa3", "media", "a Matroska/WebM video"),
)

_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ")


def sniff(head: bytes) -> Sniffed:
    """Classify by the first few KB. Plain text (any encoding) is ``text``."""
    for magic, kind, label in _MAGIC:
        if head.startswith(magic):
            # "BM"/"MZ" are two ASCII letters: only trust them with binary bytes after.
            if len(magic) == 2 and magic in (b"BM", b"MZ") and b"\x00" not in head[:64]:
                continue
            return Sniffed(kind, label)
    if b"%PDF-" in head[:1024]:
        return Sniffed("pdf", "a PDF document")
    lowered = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"<") and any(marker in lowered for marker in _HTML_MARKERS):
        return Sniffed("html", "an HTML page")
    return Sniffed("text", "text")


__all__ = ["Kind", "Sniffed", "sniff"]
