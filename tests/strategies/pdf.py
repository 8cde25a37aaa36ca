"""Hostile PDFs: cyclic page trees, deflate bombs, lying stream lengths, huge operator runs, damaged bytes."""

from __future__ import annotations

import zlib

from hypothesis import strategies as st

from tests.strategies.text import FuzzFile


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
