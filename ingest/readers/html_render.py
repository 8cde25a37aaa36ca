"""HTML element → lines of text: block elements and ``<br>`` end lines, tables become tab rows.

A data table's row is one line of cells joined by TAB. ``colspan`` gives one
cell; ``rowspan`` gives the text in its first row and an EMPTY cell in each row
it continues into, at its column — the same convention as the .docx reader, so
the layout stage treats every format alike. A table that only frames the page
(one cell per row, or cells holding other tables) is read as ordinary blocks.
"""

from __future__ import annotations

import re

from bs4 import CData, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

_BLOCK = frozenset(
    "address article aside blockquote caption center dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary ul body html "
    "tbody thead tfoot tr td th".split()
)
NOT_TEXT = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
_SPACES = re.compile(r"[\s\u3000\xa0]+")
_MAX_SPAN = 1000


def _span(tag: Tag, name: str) -> int:
    try:
        return min(max(int(str(tag.get(name, "1")).strip() or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self._parts: list[str] = []

    def flush(self) -> None:
        line = _SPACES.sub(" ", "".join(self._parts)).strip()
        if line:
            self.lines.append(line)
        self._parts = []

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, NOT_TEXT):
                    self._parts.append(str(child))
            elif isinstance(child, Tag):
                if child.name == "br":
                    self.flush()
                elif child.name == "table":
                    self.flush()
                    self.table(child)
                elif child.name in _BLOCK:
                    self.flush()
                    self.walk(child)
                    self.flush()
                else:
                    self.walk(child)

    def table(self, table: Tag) -> None:
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        grid = [[c for c in tr.find_all(["td", "th"], recursive=False)] for tr in rows]
        framing = all(len(cells) <= 1 for cells in grid) or any(
            cell.find("table") is not None for cells in grid for cell in cells
        )
        if framing:
            for cells in grid:
                for cell in cells:
                    self.walk(cell)
                    self.flush()
            return
        for caption in table.find_all("caption", recursive=False):
            self.walk(caption)
            self.flush()
        spans = [
            [(cell_text(cell), _span(cell, "rowspan"), _span(cell, "colspan")) for cell in cells]
            for cells in grid
        ]
        for out in spread_rowspans(spans):
            if any(out):
                self.lines.append("\t".join(out))


def spread_rowspans(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Rows of (text, rowspan, colspan) → rows of cell texts with "" where a rowspan continues.

    >>> spread_rowspans([[("1", 1, 1), ("财政局", 2, 1), ("a", 1, 1)], [("2", 1, 1), ("b", 1, 1)]])
    [['1', '财政局', 'a'], ['2', '', 'b']]
    """
    covering: dict[int, list[int]] = {}  # start column → [rows still to cover, columns wide]
    result: list[list[str]] = []
    for cells in rows:
        out: list[str] = []
        started: dict[int, list[int]] = {}
        col = 0
        for text, rowspan, colspan in cells:
            while col in covering:  # slots held by cells from rows above
                out.append("")
                col += covering[col][1]
            out.append(text)
            if rowspan > 1:
                started[col] = [rowspan - 1, colspan]
            col += colspan
        out.extend("" for k in covering if k >= col)  # trailing slots held from above
        for start in list(covering):
            covering[start][0] -= 1
            if covering[start][0] <= 0:
                del covering[start]
        covering.update(started)
        result.append(out)
    return result


def cell_text(cell: Tag) -> str:
    """A cell's text on one line: its blocks and line breaks joined by spaces, tabs removed."""
    inner = _Lines()
    inner.walk(cell)
    inner.flush()
    return " ".join(inner.lines).replace("\t", " ")


def render(root: Tag) -> list[str]:
    """Non-empty, whitespace-collapsed lines of ``root`` in document order."""
    lines = _Lines()
    lines.walk(root)
    lines.flush()
    return lines.lines


__all__ = ["cell_text", "render", "spread_rowspans"]
