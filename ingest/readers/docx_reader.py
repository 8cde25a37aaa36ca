"""Word .docx → text: paragraphs and real tables in body order, tables as tab-separated rows.

The body XML is walked directly (python-docx's ``paragraphs`` and ``tables``
lists lose the order between them, and ``row.cells`` repeats a merged cell in
every grid slot it covers). Each table row becomes one line, cells joined by
TAB: a horizontally merged cell appears once, a vertically merged cell has its
text in its first row and an EMPTY cell in every row it continues into — the
layout stage reads an empty cell as "same as above". A single-column table is
a frame around text, not data: its paragraphs become ordinary lines.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from ingest.errors import CorruptDocxError, IngestError, NoTextError, UnsafeArchiveError
from ingest.readers.deadline import Deadline
from ingest.readers.docx_numbering import Numbering
from ingest.readers.safezip import open_docx_zip

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
W_TXBX = qn("w:txbxContent")
# Never text: properties (w:tabs holds tab *stops*), deleted or moved-away runs, field codes.
_SKIP = frozenset(
    qn(t) for t in ("w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:del", "w:moveFrom", "w:instrText")
) | {_MC_FALLBACK}
_WRAPPERS = frozenset({W_SDT_CONTENT, W_CUSTOM_XML, qn("w:ins"), qn("w:moveTo"), qn("w:smartTag")})
_SPACES = re.compile(r"\s+")


class _Walker:
    """Turns body XML into lines, keeping list numbers and text-box paragraphs."""

    def __init__(self, numbering: Numbering, deadline: Deadline) -> None:
        self.numbering = numbering
        self.deadline = deadline

    def blocks(self, container: etree._Element) -> Iterator[str]:
        for child in _children(container):
            if child.tag == W_P:
                yield from self.paragraph(child)
            elif child.tag == W_TBL:
                self.deadline.check()
                yield from self.table(child)

    def paragraph(self, p: etree._Element) -> Iterator[str]:
        parts: list[str] = [self.numbering.label(p)]
        boxes: list[etree._Element] = []
        _inline(p, parts, boxes)
        yield from "".join(parts).split("\n")
        for box in boxes:
            yield from self.blocks(box)

    def table(self, tbl: etree._Element) -> Iterator[str]:
        rows = [list(_children(tr, W_TC)) for tr in _children(tbl, W_TR)]
        if all(len(cells) <= 1 for cells in rows):
            for cells in rows:
                for tc in cells:
                    yield from self.blocks(tc)
            return
        for cells in rows:
            texts = ["" if _continues_merge(tc) else self.cell_text(tc) for tc in cells]
            if any(texts):
                yield "\t".join(texts)

    def cell_text(self, tc: etree._Element) -> str:
        """All text of a cell on one line: paragraph breaks, line breaks and tabs become spaces."""
        return _SPACES.sub(" ", " ".join(self.blocks(tc))).strip()


def _children(el: etree._Element, tag: str | None = None) -> Iterator[etree._Element]:
    """Children of ``el``, looking through content controls and revision wrappers."""
    for child in el:
        if child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)
        elif tag is None or child.tag == tag:
            yield child


def _inline(el: etree._Element, out: list[str], boxes: list[etree._Element]) -> None:
    for child in el:
        tag = child.tag
        if tag == W_T:
            out.append(child.text or "")
        elif tag == W_TAB:
            out.append("\t")
        elif tag in (W_BR, W_CR):
            out.append("\n")
        elif tag == W_TXBX:
            boxes.append(child)
        elif tag == W_P:  # a paragraph nested inline (rare): keep its words on this line
            _inline(child, out, boxes)
        elif tag not in _SKIP and isinstance(tag, str):
            _inline(child, out, boxes)


def _continues_merge(tc: etree._Element) -> bool:
    """True for a cell that continues a vertical merge from the row above (vMerge without 'restart')."""
    tc_pr = tc.find(qn("w:tcPr"))
    vmerge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
    if vmerge is None:
        return False
    return vmerge.get(qn("w:val"), "continue") != "restart"


def _numbering_of(document: docx.document.Document) -> Numbering:
    part = document.part
    try:
        numbering_xml = part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        numbering_xml = None
    styles_xml = part.styles.element if part.styles is not None else None
    return Numbering(numbering_xml, styles_xml)


def read_docx(
    data: bytes, file: str, *, max_unzipped: int, deadline: Deadline
) -> tuple[str, tuple[str, ...]]:
    """Text of a .docx given its bytes; raise E106 (corrupt), E108 (unsafe) or E109 (no text)."""
    open_docx_zip(data, file, max_unzipped=max_unzipped).close()
    try:
        document = docx.Document(io.BytesIO(data))
        walker = _Walker(_numbering_of(document), deadline)
        lines = list(walker.blocks(document.element.body))
    except IngestError:
        raise
    except etree.XMLSyntaxError as exc:
        raise UnsafeArchiveError(file, detail=f"malformed XML ({exc})") from None
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, KeyError, ValueError) as exc:
        raise CorruptDocxError(file, detail=f"{type(exc).__name__}: {exc}") from None
    except (
        AttributeError,
        TypeError,
        IndexError,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        # python-docx assumes well-formed parts; a part of the wrong shape ends up here.
        raise CorruptDocxError(
            file, detail=f"unexpected document structure ({type(exc).__name__}: {exc})"
        ) from None
    # Trailing tabs are empty cells and must stay; trailing spaces are invisible.
    text = "\n".join(line.rstrip(" ") for line in lines).strip("\n")
    if not text.strip():
        raise NoTextError(file, detail=" in the .docx; if it holds scanned pages, run OCR first")
    return text, ()


__all__ = ["read_docx"]
