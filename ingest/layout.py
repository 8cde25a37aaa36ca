"""Layout: find the tables in converted text and cut them into rows of cells.

Converted plans carry tables in three shapes: tab-separated rows, pipe-
separated rows ('a | b | c |'), and one cell per line (a leading tab, or a
trailing pipe), with rows separated by blank lines or not at all. Page breaks
show up as a blank line followed by the header row again. This module only
finds rows and cells with their offsets; what the cells mean is decided in
ingest/tables.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADER_WORDS = re.compile(
    r"^(序号|主要任务|工作任务|重点任务|具体任务|任务|具体要求|工作内容|工作要求|具体内容|具体领域|工作措施|主要内容|"
    r"牵头单位|责任单位|主体责任单位|配合单位|协办单位|指导单位|落实单位|责任部门|负责科室|责任科室|牵头部门|配合部门|"
    r"完成时限|完成时间|时间安排|时限要求|时限|备注|工作事项|公开事项|参照落实单位|责任领导|任务分工)$"
)


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # offset in the cleaned text
    end: int


@dataclass
class Row:
    cells: list[Cell]
    line: int  # 0-based line index of the row's first line
    after_break: bool = False  # first data row after a page break / repeated header
    blank_before: bool = False

    @property
    def filled(self) -> list[Cell]:
        return [c for c in self.cells if c.text.strip()]


@dataclass
class Table:
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0
    stream: bool = False  # one cell per line, row boundaries to be inferred
    blank_grouped: bool = False  # one cell per line, rows separated by blank lines


def _split_cells(line: str, offset: int, sep: str) -> list[Cell]:
    cells: list[Cell] = []
    pos = 0
    parts = line.split(sep)
    if sep == "|" and parts and not parts[-1].strip():
        parts = parts[:-1]
    for part in parts:
        lead = len(part) - len(part.lstrip())
        text = part.strip()
        cells.append(Cell(text, offset + pos + lead, offset + pos + lead + len(text)))
        pos += len(part) + 1
    return cells


def _is_header_cells(texts: list[str]) -> bool:
    filled = [re.sub(r"\s+", "", t) for t in texts if t.strip()]
    return (
        len(filled) >= 1
        and sum(bool(HEADER_WORDS.match(t)) for t in filled) >= max(1, len(filled) - 1)
        and any(
            "单位" in t
            or "部门" in t
            or "科室" in t
            or "要求" in t
            or "任务" in t
            or "时限" in t
            or "序号" in t
            for t in filled
        )
    )


def line_cells(line: str, offset: int) -> tuple[str, list[Cell]] | None:
    """Cells of a table line, or None for a plain text line."""
    if "\t" in line:
        return "tab", _split_cells(line, offset, "\t")
    stripped = line.rstrip()
    if stripped.endswith("|") or stripped.count(" | ") >= 1:
        return "pipe", _split_cells(line, offset, "|")
    return None


def find_tables(lines: list[str], line_starts: list[int]) -> list[Table]:
    """Find every table (from a header row to the last row before plain prose)."""
    tables: list[Table] = []
    i = 0
    n = len(lines)
    while i < n:
        parsed = line_cells(lines[i], line_starts[i])
        if parsed is None:
            i += 1
            continue
        _, cells = parsed
        texts = [c.text for c in cells]
        if _is_header_cells(texts) and len([t for t in texts if t]) >= 2:
            table, i = _read_table(lines, line_starts, i, [t for t in texts])
            tables.append(table)
            continue
        # one cell per line: a header spread over consecutive lines
        header, j = _stream_header(lines, line_starts, i)
        if len(header) >= 2:
            table, i = _read_table(lines, line_starts, j, header, stream=True, header_start=i)
            tables.append(table)
            continue
        i += 1
    return tables


def _stream_header(lines: list[str], line_starts: list[int], i: int) -> tuple[list[str], int]:
    header: list[str] = []
    j = i
    while j < len(lines):
        parsed = line_cells(lines[j], line_starts[j])
        if parsed is None:
            break
        filled = [c.text for c in parsed[1] if c.text]
        if len(filled) != 1 or not HEADER_WORDS.match(re.sub(r"\s+", "", filled[0])):
            break
        header.append(re.sub(r"\s+", "", filled[0]))
        j += 1
    return header, j


def _read_table(
    lines: list[str],
    line_starts: list[int],
    start: int,
    header: list[str],
    stream: bool = False,
    header_start: int | None = None,
) -> tuple[Table, int]:
    table = Table(
        header=[re.sub(r"\s+", "", h) for h in header],
        first_line=header_start if header_start is not None else start,
    )
    table.stream = stream
    i = start if stream else start + 1
    n = len(lines)
    blank_run = 0
    pending_break = False
    last_table_line = i - 1
    while i < n:
        line = lines[i]
        if not line.strip():
            blank_run += 1
            i += 1
            continue
        parsed = line_cells(line, line_starts[i])
        if parsed is None:
            if not (table.rows and blank_run == 0 and stream):
                break
            prev_line = lines[i - 1].rstrip()
            if prev_line.endswith("|") or "\t" in prev_line:
                # the previous cell was closed: this line is a cell of its own whose closing mark was lost
                lead = len(line) - len(line.lstrip())
                cell = Cell(line.strip(), line_starts[i] + lead, line_starts[i] + lead + len(line.strip()))
                table.rows.append(Row(cells=[cell], line=i))
                last_table_line = i
            else:
                # a cell with a line break inside: the line continues the previous cell
                row = table.rows[-1]
                last = row.cells[-1]
                row.cells[-1] = Cell(
                    last.text + line.strip(), last.start, line_starts[i] + len(line.rstrip())
                )
            i += 1
            continue
        _, cells = parsed
        texts = [c.text for c in cells]
        if _is_header_cells(texts) and len([t for t in texts if t]) >= 2:
            pending_break = True  # repeated header after a page break
            blank_run = 0
            i += 1
            continue
        if stream:
            sh, j = _stream_header(lines, line_starts, i)
            if len(sh) >= 2:
                pending_break = True
                i = j
                continue
        row = Row(
            cells=cells,
            line=i,
            after_break=pending_break or (blank_run > 0 and not stream),
            blank_before=blank_run > 0,
        )
        table.rows.append(row)
        pending_break = False
        blank_run = 0
        last_table_line = i
        i += 1
    table.last_line = last_table_line
    if stream and table.rows:
        table.blank_grouped = sum(r.blank_before for r in table.rows) >= len(table.rows) // (
            len(table.header) + 1
        )
    return table, last_table_line + 1
