"""Hostile .docx files: zip bombs, lying sizes, DTDs, malformed or deep XML, giant tables, wild list numbering."""

from __future__ import annotations

import functools
import io
import struct
import zipfile

from hypothesis import strategies as st

from tests.strategies.text import FuzzFile, corpus_excerpt

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOC_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>'
DOC_TAIL = "</w:body></w:document>"


@functools.cache
def _docx_template() -> dict[str, bytes]:
    """The parts of a real, empty python-docx document, to which hostile parts are added."""
    import docx

    stream = io.BytesIO()
    docx.Document().save(stream)
    with zipfile.ZipFile(stream) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def docx_bytes(replace: dict[str, bytes], *, drop: tuple[str, ...] = (), level: int = 6) -> bytes:
    """A .docx zip made from the template with parts replaced, added or dropped."""
    parts = {**_docx_template(), **replace}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in parts.items():
            if name not in drop:
                archive.writestr(name, data)
    return out.getvalue()


def paragraph_xml(text: str, num: tuple[int, int] | None = None) -> str:
    ppr = (
        f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>'
        if num
        else ""
    )
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return f"<w:p>{ppr}<w:r><w:t>{escaped}</w:t></w:r></w:p>"


def _table(rows: int, cols: int, cell: str) -> str:
    tc = f"<w:tc>{paragraph_xml(cell)}</w:tc>"
    return "<w:tbl>" + ("<w:tr>" + tc * cols + "</w:tr>") * rows + "</w:tbl>"


def _lie_about_sizes(data: bytes, stated: int) -> bytes:
    """Patch every entry's stated uncompressed size (local header and central directory)."""
    buf = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = buf.find(signature)
        while at != -1:
            struct.pack_into("<I", buf, at + offset, stated)
            at = buf.find(signature, at + 4)
    return bytes(buf)


@st.composite
def docx_files(draw: st.DrawFn) -> FuzzFile:
    """Hostile .docx: bombs, DTDs, malformed or deep XML, giant tables, numbering that explodes."""
    text = draw(corpus_excerpt(20))
    paragraphs = "".join(paragraph_xml(line) for line in text.split("\n"))
    shape = draw(
        st.sampled_from(
            [
                "bomb",
                "many-entries",
                "lying-size",
                "entities",
                "late-dtd",
                "malformed",
                "deep",
                "nested-tables",
                "wide-table",
                "numbering",
                "no-document",
                "garbage-part",
                "truncated-zip",
                "flipped",
            ]
        )
    )
    doc = DOC_HEAD + paragraphs
    replace: dict[str, bytes] = {}
    if shape == "bomb":
        size = draw(st.integers(1, 24)) << 20
        replace["word/document.xml"] = (DOC_HEAD + "<w:p/>" * (size // 6) + DOC_TAIL).encode()
        return FuzzFile("bomb.docx", docx_bytes(replace, level=9), "docx/bomb")
    if shape == "many-entries":
        extra = {f"word/media/x{i}.xml": b"<x/>" for i in range(draw(st.integers(9_990, 10_100)))}
        return FuzzFile(
            "many.docx", docx_bytes({**extra, "word/document.xml": (doc + DOC_TAIL).encode()}), shape
        )
    if shape == "lying-size":
        data = docx_bytes({"word/document.xml": (doc + DOC_TAIL).encode()})
        return FuzzFile(
            "lying.docx", _lie_about_sizes(data, draw(st.sampled_from([1, 100, 2**31]))), "docx/lying"
        )
    if shape == "entities":
        laughs = '<!DOCTYPE w:document [<!ENTITY a "lol">' + "".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
        )
        xml = (
            DOC_HEAD.replace("\n", "\n" + laughs + "]>\n") + "<w:p><w:r><w:t>&j;</w:t></w:r></w:p>" + DOC_TAIL
        )
        replace["word/document.xml"] = xml.encode()
    elif shape == "late-dtd":  # a DTD hidden after a long comment, past any fixed-size head check
        pad = "<!--" + "x" * draw(st.integers(4000, 20000)) + "-->"
        dtd = '<!DOCTYPE w:document [<!ENTITY e "推进决策公开">]>'
        xml = (
            DOC_HEAD.replace("\n", "\n" + pad + dtd + "\n")
            + "<w:p><w:r><w:t>&e;</w:t></w:r></w:p>"
            + DOC_TAIL
        )
        replace["word/document.xml"] = xml.encode()
    elif shape == "malformed":
        full = (doc + DOC_TAIL).encode()
        replace["word/document.xml"] = full[: draw(st.integers(0, len(full) - 1))]
    elif shape == "deep":
        depth = draw(st.integers(50, 3000))
        tag = draw(st.sampled_from(["w:r", "w:ins", "w:sdt", "w:smartTag", "w:customXml", "w:hyperlink"]))
        inner = f"<{tag}>" * depth + "<w:t>深</w:t>" + f"</{tag}>" * depth
        replace["word/document.xml"] = (doc + f"<w:p>{inner}</w:p>" + DOC_TAIL).encode()
    elif shape == "nested-tables":
        depth = draw(st.integers(2, 120))
        inner = paragraph_xml("市财政局")
        for _ in range(depth):
            inner = (
                f"<w:tbl><w:tr><w:tc>{inner}</w:tc><w:tc>{paragraph_xml('牵头')}</w:tc></w:tr></w:tbl><w:p/>"
            )
        replace["word/document.xml"] = (doc + inner + DOC_TAIL).encode()
    elif shape == "wide-table":
        cols = draw(st.integers(2, 4000))
        rows = draw(st.integers(1, max(1, 8000 // cols)))
        cell = draw(st.sampled_from(["", "市财政局", "2021年底前", "推进决策公开"]))
        replace["word/document.xml"] = (doc + _table(rows, cols, cell) + DOC_TAIL).encode()
    elif shape == "numbering":
        # Starts stay small enough that a 300-paragraph list cannot exhaust memory while the reader still
        # renders any start it is given; huge starts are pinned in test_fuzz_regressions.py.
        start = draw(st.sampled_from(["0", "-5", "1", "99", "4000", "x", "1.5", ""]))
        fmt = draw(
            st.sampled_from(["lowerLetter", "upperRoman", "chineseCounting", "decimalZero", "bullet", "zz"])
        )
        lvl_text = draw(st.sampled_from(["%1、", "%1.%2.%3.%4.%5.%6.%7.%8.%9", "（%1）", "%0%10", ""]))
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{lvl_text}"/></w:lvl>'
            for i in range(9)
        )
        numbering = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
            f'<w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
        )
        count = draw(st.integers(1, 300))
        items = "".join(paragraph_xml(f"任务{i}", (1, draw(st.integers(0, 9)))) for i in range(count))
        replace["word/document.xml"] = (doc + items + DOC_TAIL).encode()
        replace["word/numbering.xml"] = numbering.encode()
        rels = _docx_template()["word/_rels/document.xml.rels"].decode()
        if "numbering.xml" not in rels:
            rels = rels.replace(
                "</Relationships>",
                '<Relationship Id="rIdNum" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/numbering" Target="numbering.xml"/></Relationships>',
            )
            replace["word/_rels/document.xml.rels"] = rels.encode()
    elif shape == "no-document":
        return FuzzFile("empty.docx", docx_bytes({}, drop=("word/document.xml",)), "docx/no-document")
    elif shape == "garbage-part":
        part = draw(st.sampled_from(sorted(_docx_template())))
        replace[part] = draw(st.binary(max_size=512))
        replace.setdefault("word/document.xml", (doc + DOC_TAIL).encode())
    else:
        data = docx_bytes({"word/document.xml": (doc + DOC_TAIL).encode()})
        if shape == "truncated-zip":
            data = data[: draw(st.integers(0, len(data) - 1))]
        else:
            buf = bytearray(data)
            for _ in range(draw(st.integers(1, 16))):
                buf[draw(st.integers(0, len(buf) - 1))] = draw(st.integers(0, 255))
            data = bytes(buf)
        return FuzzFile(f"{shape}.docx", data, f"docx/{shape}")
    replace.setdefault("word/document.xml", (doc + DOC_TAIL).encode())
    return FuzzFile(f"{shape}.docx", docx_bytes(replace), f"docx/{shape}")
