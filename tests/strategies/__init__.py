"""Hypothesis strategies for hostile documents: what a batch of real-world uploads may contain.

Every strategy builds its bytes from a few drawn parameters (a size, a repeat count, a byte to flip),
so hypothesis shrinks a failure to a small, readable case while the inputs themselves can be huge:
megabyte lines, tables thousands of columns wide, zip bombs, PDF page trees that point at themselves.
Text comes from the bundled corpus, so the extractors meet real vocabulary in hostile shapes.

The strategies live in three modules by kind of input (:mod:`.text`, :mod:`.docx`, :mod:`.pdf`);
:func:`hostile_files` draws from all of them.
"""

from __future__ import annotations

from hypothesis import strategies as st

from tests.strategies.docx import DOC_HEAD, DOC_TAIL, W_NS, docx_bytes, docx_files, paragraph_xml
from tests.strategies.pdf import PDF_FONT, pdf_bytes, pdf_files, pdf_page, pdf_stream
from tests.strategies.text import (
    FuzzFile,
    big_texts,
    chinese_text,
    corpus_alphabet,
    corpus_excerpt,
    corpus_lines,
    encoded_texts,
    hostile_texts,
    html_pages,
    huge_lines,
    mangled_corpus,
    mixed_scripts,
    nested_numbering,
    random_bytes,
    separator_soup,
    wide_tables,
)


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
