"""Hypothesis strategies for hostile documents: what a batch of real-world uploads may contain.

Every strategy builds its bytes from a few drawn parameters (a size, a repeat count, a byte to flip),
so hypothesis shrinks a failure to a small, readable case while the inputs themselves can be huge:
megabyte lines, tables thousands of columns wide, zip bombs, PDF page trees that point at themselves.
Text comes from the bundled corpus, so the extractors meet real vocabulary in hostile shapes.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"

_NUMBERS = ("一、", "（一）", "1.", "（1）", "①", "1）", "第一条", "(一)", "一是", "1、")
_CN_DIGITS = "一二三四五六七八九十"
_SEPARATORS = ("\t", "|", "｜", " | ", "\t\t", "||", "│", "  ")


@dataclass(frozen=True)
class FuzzFile:
    """One file of a hostile batch: its name (the suffix picks the reader), bytes and how it was made."""

    name: str
    data: bytes
    kind: str

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        path.write_bytes(self.data)
        return path


@functools.cache
def corpus_lines() -> tuple[str, ...]:
    """Non-empty lines of every bundled document: real headings, table rows and task sentences."""
    lines: list[str] = []
    for path in sorted(CORPUS.rglob("*.txt")):
        lines.extend(line for line in path.read_text("utf-8").splitlines() if line.strip())
    return tuple(lines)


@functools.cache
def corpus_alphabet() -> str:
    return "".join(sorted(set("".join(corpus_lines())) - {"\n", "\r"}))


def chinese_text(min_size: int = 1, max_size: int = 200) -> st.SearchStrategy[str]:
    """Short text over the corpus alphabet (Chinese, digits, punctuation, TAB)."""
    return st.text(alphabet=st.sampled_from(corpus_alphabet()), min_size=min_size, max_size=max_size)


def corpus_excerpt(max_lines: int = 60) -> st.SearchStrategy[str]:
    """A run of real corpus lines, possibly shuffled: plan-shaped text the extractors must take apart."""
    lines = corpus_lines()

    @st.composite
    def build(draw: st.DrawFn) -> str:
        start = draw(st.integers(0, len(lines) - 1))
        chosen = list(lines[start : start + draw(st.integers(1, max_lines))])
        if draw(st.booleans()):
            chosen = draw(st.permutations(chosen))
        return "\n".join(chosen)

    return build()


# --- text shapes --------------------------------------------------------------------------------


@st.composite
def huge_lines(draw: st.DrawFn, max_chars: int = 400_000) -> str:
    """One enormous line (no line break), a corpus sentence or numbering repeated, maybe with a head."""
    unit = draw(st.one_of(chinese_text(1, 40), st.sampled_from(corpus_lines()), st.sampled_from(_NUMBERS)))
    repeat = draw(st.integers(1, max(1, max_chars // max(len(unit), 1))))
    head = draw(st.sampled_from(["", "关于印发工作要点的通知\n", "一、主要任务\n"]))
    return head + unit * repeat


@st.composite
def nested_numbering(draw: st.DrawFn, max_depth: int = 400) -> str:
    """Headings nested hundreds deep and thousands long: 一、（一）1.（1）① … each level under the last."""
    depth = draw(st.integers(1, max_depth))
    width = draw(st.integers(1, 30))
    body = draw(chinese_text(0, 30))
    lines: list[str] = []
    for level in range(depth):
        marker = _NUMBERS[level % len(_NUMBERS)]
        for n in range(width if level == depth - 1 else 1):
            digit = _CN_DIGITS[n % len(_CN_DIGITS)]
            lines.append(" " * (level % 8) + marker.replace("一", digit).replace("1", str(n + 1)) + body)
    return "\n".join(lines)


@st.composite
def wide_tables(draw: st.DrawFn, max_columns: int = 5000) -> str:
    """A table thousands of columns wide (and maybe hundreds of rows), with a header row of real words."""
    columns = draw(st.integers(2, max_columns))
    rows = draw(st.integers(1, max(1, 20_000 // columns)))
    sep = draw(st.sampled_from(_SEPARATORS))
    cell = draw(st.sampled_from(["", "市财政局", "2021年底前", "持续推进", "x", "1", "牵头"]))
    header = sep.join(["序号", "工作任务", "责任单位", "完成时限"] + [cell] * (columns - 4))
    body = [sep.join([str(r + 1), "推进决策公开"] + [cell] * (columns - 2)) for r in range(rows)]
    return "\n".join([header, *body])


@st.composite
def separator_soup(draw: st.DrawFn) -> str:
    """Lines of pipes, tabs, full-width bars and fragments in any order: tables that are not tables."""
    pieces = st.one_of(st.sampled_from(_SEPARATORS), chinese_text(0, 8), st.sampled_from(_NUMBERS))
    line = st.lists(pieces, max_size=40).map("".join)
    return "\n".join(draw(st.lists(line, min_size=1, max_size=200)))


@st.composite
def mixed_scripts(draw: st.DrawFn) -> str:
    """Corpus text where lines (or single characters) are switched between traditional and simplified."""
    import opencc

    text = draw(corpus_excerpt(40))
    to_t, to_s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    lines = text.split("\n")
    flips = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    mixed = [
        to_t.convert(line) if flip else to_s.convert(line) for line, flip in zip(lines, flips, strict=True)
    ]
    if draw(st.booleans()):  # also mix within lines, character by character
        mixed = ["".join(to_t.convert(c) if i % 2 else c for i, c in enumerate(line)) for line in mixed]
    return "\n".join(mixed)


@st.composite
def mangled_corpus(draw: st.DrawFn) -> str:
    """Corpus text with characters deleted, duplicated, or replaced by controls, BOMs and odd spaces."""
    text = list(draw(corpus_excerpt(40)))
    odd = [
        "\x00",
        "\ufeff",
        "\u200b",
        "\u3000",
        "\r",
        "\x0c",
        "\u2028",
        "\ufffd",
        "\t",
        "\n\n\n",
        "〔",
        "〕",
        "《",
    ]
    for _ in range(draw(st.integers(0, 30))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        op = draw(st.integers(0, 2))
        if op == 0:
            del text[at]
        elif op == 1:
            text.insert(at, text[at] * draw(st.integers(1, 50)))
        else:
            text[at] = draw(st.sampled_from(odd))
    return "".join(text)


def hostile_texts() -> st.SearchStrategy[str]:
    """Decoded text of every hostile shape, for :func:`ingest.pipeline.extract_text`."""
    return st.one_of(
        chinese_text(0, 400),
        st.text(max_size=300),
        corpus_excerpt(),
        huge_lines(),
        nested_numbering(),
        wide_tables(),
        separator_soup(),
        mixed_scripts(),
        mangled_corpus(),
    )


# --- files --------------------------------------------------------------------------------------


def random_bytes(suffix: st.SearchStrategy[str]) -> st.SearchStrategy[FuzzFile]:
    return st.builds(
        lambda data, ext: FuzzFile(f"random{ext}", data, "random"), st.binary(max_size=4096), suffix
    )


@st.composite
def encoded_texts(draw: st.DrawFn) -> FuzzFile:
    """Hostile text in UTF-8, GBK, Big5 or UTF-16, maybe cut mid-character or with stray bytes added."""
    text = draw(st.one_of(corpus_excerpt(), mangled_corpus(), mixed_scripts(), separator_soup()))
    codec = draw(st.sampled_from(["utf-8", "gbk", "gb18030", "big5", "utf-16", "utf-8-sig"]))
    data = text.encode(codec, errors="ignore")
    how = draw(st.sampled_from(["whole", "cut", "stray", "spliced"]))
    if how == "cut" and data:
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "stray":
        data += draw(st.binary(min_size=1, max_size=8))
    elif how == "spliced":
        data = text.encode("gbk", errors="ignore")[: len(data) // 2] + text.encode("utf-8")
    suffix = draw(st.sampled_from([".txt", ".text", ".html", ".htm", ""]))
    return FuzzFile(f"text-{codec}-{how}{suffix}", data, f"text/{codec}/{how}")


@st.composite
def big_texts(draw: st.DrawFn) -> FuzzFile:
    """Huge lines, deep numbering, wide tables and separator soup as UTF-8 .txt files."""
    text = draw(st.one_of(huge_lines(), nested_numbering(), wide_tables(), separator_soup()))
    return FuzzFile("big.txt", text.encode("utf-8"), "text/big")


@st.composite
def html_pages(draw: st.DrawFn) -> FuzzFile:
    """Web pages with deep nesting, unclosed tags, a lying charset or a table of thousands of cells."""
    body = draw(corpus_excerpt(20)).replace("\n", "<br>")
    shape = draw(st.sampled_from(["deep", "unclosed", "charset", "table", "script"]))
    if shape == "deep":
        depth = draw(st.integers(1, 5000))
        page = "<div>" * depth + body + "</div>" * draw(st.integers(0, depth))
    elif shape == "unclosed":
        page = "<html><body><table><tr><td>" + body + "<p><span><b>" * 200
    elif shape == "charset":
        charset = draw(st.sampled_from(["gbk", "big5", "utf-16", "nonsense-charset", "utf-8"]))
        page = f'<meta charset="{charset}"><div class="article">{body}</div>'
    elif shape == "table":
        cols = draw(st.integers(1, 3000))
        page = "<table>" + "<tr>" + "<td>市财政局</td>" * cols + "</tr>" + f"<tr><td>{body}</td></tr></table>"
    else:
        page = f"<script>{'var a=1;' * 5000}</script><style>p{{}}</style><p>{body}</p>"
    data = page.encode(draw(st.sampled_from(["utf-8", "gbk"])), errors="ignore")
    return FuzzFile(f"page-{shape}.html", data, f"html/{shape}")


# --- .docx --------------------------------------------------------------------------------------

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
        start = draw(st.sampled_from(["0", "-5", "1", "99", "4000", "100000", "x", "1.5", ""]))
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


# --- .pdf ---------------------------------------------------------------------------------------


def pdf_bytes(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF file of numbered objects (1-based) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def pdf_stream(content: bytes, *, deflate: bool = False, length: int | None = None) -> bytes:
    data = zlib.compress(content, 9) if deflate else content
    flt = b" /Filter /FlateDecode" if deflate else b""
    return (
        b"<< /Length %d%s >>\nstream\n" % (len(data) if length is None else length, flt)
        + data
        + b"\nendstream"
    )


PDF_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_page(contents: int, parent: int = 2) -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
        % (
            parent,
            contents,
        )
        + b"/Resources << /Font << /F1 5 0 R >> >> >>"
    )


@st.composite
def pdf_files(draw: st.DrawFn) -> FuzzFile:
    """Hostile PDFs: cyclic page trees, deflate bombs, lying lengths, huge operand runs, flipped bytes."""
    shape = draw(
        st.sampled_from(
            ["cycle", "self-parent", "bomb", "lying-length", "many-ops", "no-xref", "flipped", "truncated"]
        )
    )
    text_ops = b"BT /F1 12 Tf 72 720 Td (Plan 2021) Tj ET"
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    if shape == "cycle":  # the page tree's Kids point back at the tree itself
        objects = [
            catalog,
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            pdf_page(4),
            pdf_stream(text_ops),
            PDF_FONT,
        ]
    elif shape == "self-parent":
        objects = [catalog, b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>", pdf_page(4), pdf_stream(text_ops), PDF_FONT,
                   b"<< /Type /Pages /Kids [6 0 R] /Parent 6 0 R /Count 1 >>"]  # fmt: skip
    elif shape == "bomb":  # a small stream that inflates to many megabytes of drawing operators
        repeat = draw(st.integers(1, 300_000))
        objects = [catalog, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", pdf_page(4),
                   pdf_stream(b"0 0 m " * repeat, deflate=True), PDF_FONT]  # fmt: skip
    elif shape == "lying-length":
        length = draw(st.sampled_from([0, 1, 10**9, -1]))
        objects = [catalog, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", pdf_page(4),
                   pdf_stream(text_ops, length=length), PDF_FONT]  # fmt: skip
    elif shape == "many-ops":
        count = draw(st.integers(1, 200_000))
        ops = b"BT /F1 1 Tf " + b"1 0 Td (x) Tj " * count + b"ET"
        objects = [
            catalog,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            pdf_page(4),
            pdf_stream(ops),
            PDF_FONT,
        ]
    else:
        objects = [
            catalog,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            pdf_page(4),
            pdf_stream(text_ops),
            PDF_FONT,
        ]
    data = pdf_bytes(objects)
    if shape == "no-xref":
        data = data[: data.index(b"xref")] + b"%%EOF\n"
    elif shape == "truncated":
        data = data[: draw(st.integers(5, len(data) - 1))]
    elif shape == "flipped":
        buf = bytearray(data)
        for _ in range(draw(st.integers(1, 12))):
            buf[draw(st.integers(9, len(buf) - 1))] = draw(st.integers(0, 255))
        data = bytes(buf)
    return FuzzFile(f"{shape}.pdf", data, f"pdf/{shape}")


def hostile_files() -> st.SearchStrategy[FuzzFile]:
    """Any hostile file a batch may hold, with the extension that routes it to a reader."""
    suffixes = st.sampled_from([".txt", ".text", ".html", ".htm", ".docx", ".pdf", ""])
    return st.one_of(
        random_bytes(suffixes),
        encoded_texts(),
        big_texts(),
        html_pages(),
        docx_files(),
        pdf_files(),
    )


__all__ = [
    "DOC_HEAD",
    "DOC_TAIL",
    "PDF_FONT",
    "W_NS",
    "FuzzFile",
    "big_texts",
    "chinese_text",
    "corpus_alphabet",
    "corpus_excerpt",
    "corpus_lines",
    "docx_bytes",
    "docx_files",
    "encoded_texts",
    "hostile_files",
    "hostile_texts",
    "html_pages",
    "huge_lines",
    "mangled_corpus",
    "mixed_scripts",
    "nested_numbering",
    "pdf_bytes",
    "pdf_files",
    "pdf_page",
    "pdf_stream",
    "paragraph_xml",
    "random_bytes",
    "separator_soup",
    "wide_tables",
]
