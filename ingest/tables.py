"""Table rows → raw tasks: which cell is the task, which are headings, units, deadlines.

Cells drift left and right in converted tables (lost merged cells, page
breaks), so a cell's meaning is read from its content first and its position
second: the task cell is the longest cell that is neither a numbered heading,
a unit list, a deadline nor a row number; cells before it are headings;
cells after it fill the header's columns that follow the task column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.deadlines import looks_like_deadline_cell
from ingest.layout import Cell, Row, Table
from ingest.numbering import RE_ARABIC_PREFIX, ends_sentence, is_heading_cell, is_number_only, parse_numbering
from ingest.records import Role
from ingest.unitparse import looks_like_unit_cell

ColumnKind = str  # "section" | "text" | "units" | "deadline" | "number" | "remark" | "unknown"


@dataclass(frozen=True)
class Column:
    kind: ColumnKind
    role: Role | None = None


@dataclass
class RawTask:
    """A task before resolution: cells as written with offsets in the cleaned text."""

    section: list[str]
    text: str
    text_start: int
    text_end: int
    unit_cells: list[tuple[str, int, Role]] = field(default_factory=list)  # (cell text, offset, column role)
    deadline_cell: str | None = None
    row_no: str | None = None
    part: str = "table"
    line: int = 0
    last_line: int = 0


def column_of(header_cell: str) -> Column:
    h = re.sub(r"\s+", "", header_cell)
    if not h:
        return Column("unknown")
    if "序号" in h:
        return Column("number")
    if "备注" in h:
        return Column("remark")
    if re.search(r"时限|时间|期限", h):
        return Column("deadline")
    if re.search(r"单位|部门|科室|责任人|领导", h):
        if "牵头" in h:
            return Column("units", "lead")
        if re.search(r"配合|协办|协助", h):
            return Column("units", "cooperating")
        if "指导" in h:
            return Column("units", "guiding")
        if "参照" in h:
            return Column("units", "reference")
        return Column("units", "responsible")
    if re.search(r"要求|内容|措施|领域|事项", h):
        return Column("text")
    if "任务" in h:
        return Column("section")
    return Column("unknown")


def header_columns(header: list[str]) -> list[Column]:
    cols = [column_of(h) for h in header]
    if not any(c.kind == "text" for c in cols):
        # '工作任务 | 牵头单位 | 完成时限': the task column is the last section-like column before the units
        first_unit = next((i for i, c in enumerate(cols) if c.kind in ("units", "deadline")), len(cols))
        for i in range(first_unit - 1, -1, -1):
            if cols[i].kind in ("section", "unknown"):
                cols[i] = Column("text")
                break
    return cols


def _after_text_columns(cols: list[Column]) -> list[Column]:
    idx = max((i for i, c in enumerate(cols) if c.kind == "text"), default=-1)
    return [c for c in cols[idx + 1 :]]


def _is_text_candidate(cell: Cell) -> bool:
    t = cell.text.strip()
    if not t or is_number_only(t) or t in {"/", "／"}:
        return False
    if is_heading_cell(t):
        return False
    if looks_like_deadline_cell(t) or looks_like_unit_cell(t):
        return False
    return True


def _task_cell(row: Row) -> int | None:
    best: int | None = None
    for i, cell in enumerate(row.cells):
        if _is_text_candidate(cell) and (best is None or len(cell.text) > len(row.cells[best].text)):
            best = i
    return best


def logical_rows(table: Table) -> list[Row]:
    """Rows of cells; one-cell-per-line tables are regrouped into rows first."""
    if not table.stream:
        return table.rows
    out: list[Row] = []
    if table.blank_grouped:
        current: list[Cell] = []
        first: Row | None = None
        for r in table.rows:
            if r.blank_before and current:
                out.append(
                    Row(
                        cells=current,
                        line=first.line if first else r.line,
                        after_break=first.after_break if first else False,
                    )
                )
                current, first = [], None
            filled = r.filled
            current.append(filled[0] if filled else Cell("", r.cells[0].start, r.cells[0].start))
            first = first or r
        if current:
            out.append(
                Row(
                    cells=current,
                    line=first.line if first else 0,
                    after_break=first.after_break if first else False,
                )
            )
        return out
    # No row separators: a new row starts at a heading, or at a task cell when the row already has one.
    current = []
    first = None
    has_text = False
    for r in table.rows:
        for cell in r.filled:
            t = cell.text
            starts_row = is_heading_cell(t) is not None or (
                _is_text_candidate(cell) and (has_text or bool(RE_ARABIC_PREFIX.match(t)) and has_text)
            )
            short_heading = (
                has_text
                and _is_text_candidate(cell)
                and not RE_ARABIC_PREFIX.match(t)
                and len(t) < 25
                and not t.endswith("。")
            )
            if current and (starts_row or short_heading):
                out.append(
                    Row(
                        cells=current,
                        line=first.line if first else r.line,
                        after_break=first.after_break if first else False,
                    )
                )
                current, first, has_text = [], None, False
            if _is_text_candidate(cell) and (RE_ARABIC_PREFIX.match(t) or len(t) >= 25 or t.endswith("。")):
                has_text = True
            current.append(cell)
            first = first or r
    if current:
        out.append(
            Row(
                cells=current,
                line=first.line if first else 0,
                after_break=first.after_break if first else False,
            )
        )
    return out


def table_tasks(table: Table, caption: list[str]) -> list[RawTask]:
    """Turn one table into raw tasks, joining rows split by page breaks."""
    cols = header_columns(table.header)
    after = _after_text_columns(cols)
    rows = logical_rows(table)
    tasks: list[RawTask] = []
    headings: dict[int, str] = {}
    last_heading_level: int | None = None
    task_cells = [_task_cell(row) for row in rows]  # read once: deciding a cell's kind is costly
    uses_merged = _uses_merged_unit_cells(rows, task_cells, after)
    for row, t_idx in zip(rows, task_cells, strict=True):
        prev = tasks[-1] if tasks else None
        continuation = (
            prev is not None
            and row.after_break
            and (t_idx is None or not ends_sentence(prev.text) or not row.filled[: (t_idx or 0) + 1])
            and not (t_idx is not None and _starts_new_item(row, t_idx))
        )
        if t_idx is None:
            # A row of fragments: headings only, or the tail of the previous row's cells.
            if all(is_heading_cell(c.text) for c in row.filled) and row.filled:
                for c in row.filled:
                    num = is_heading_cell(c.text)
                    assert num is not None
                    headings = {k: v for k, v in headings.items() if k < num.level}
                    headings[num.level] = c.text.strip()
                    last_heading_level = num.level
                continue
            if prev is not None:
                _append_by_position(prev, row, cols)
            continue
        pre = row.cells[:t_idx]
        post = row.cells[t_idx + 1 :]
        cell = row.cells[t_idx]
        if continuation and prev is not None:
            prev.text += cell.text
            prev.text_end = cell.end
            prev.last_line = row.line
            for c in pre:
                if c.text.strip() and last_heading_level is not None:
                    headings[last_heading_level] += c.text.strip()
                    prev.section = [headings[k] for k in sorted(headings)]
            _append_after(prev, post, after)
            continue
        for c in pre:
            t = c.text.strip()
            if not t or is_number_only(t):
                continue
            num = is_heading_cell(t)
            level = num.level if num else 1
            headings = {k: v for k, v in headings.items() if k < level}
            headings[level] = t
            last_heading_level = level
        text = cell.text
        start = cell.start
        num = parse_numbering(text)
        if num is not None and num.level >= 3:
            text = num.rest
            start = cell.start + num.prefix_len
        row_no = next((c.text.strip() for c in pre if is_number_only(c.text)), None)
        section = [headings[k] for k in sorted(headings)] or list(caption)
        task = RawTask(
            section=section,
            text=text,
            text_start=start,
            text_end=cell.end,
            row_no=row_no,
            line=row.line,
            last_line=row.line,
        )
        _append_after(task, post, after)
        if uses_merged and prev is not None and not task.unit_cells and prev.section[:1] == task.section[:1]:
            task.unit_cells = list(prev.unit_cells)
        tasks.append(task)
    return tasks


def _starts_new_item(row: Row, t_idx: int) -> bool:
    """A row that opens with a numbered heading or a numbered task begins a new task, page break or not."""
    if any(is_heading_cell(c.text) for c in row.cells[:t_idx]):
        return True
    return bool(RE_ARABIC_PREFIX.match(row.cells[t_idx].text))


def _uses_merged_unit_cells(rows: list[Row], task_cells: list[int | None], after: list[Column]) -> bool:
    """True when unit cells are left empty under a filled one away from page breaks (merged cells)."""
    unit_positions = [i for i, c in enumerate(after) if c.kind == "units"]
    if not unit_positions:
        return False
    for row, t_idx in zip(rows, task_cells, strict=True):
        if t_idx is None or row.after_break:
            continue
        post = row.cells[t_idx + 1 :]
        if all(not (post[i].text.strip() if i < len(post) else "") for i in unit_positions):
            return True
    return False


def _append_after(task: RawTask, post: list[Cell], after: list[Column]) -> None:
    """Assign the cells after the task cell to the header's following columns."""
    col_i = 0
    for cell in post:
        t = cell.text.strip()
        if col_i >= len(after):
            if t and looks_like_unit_cell(t):
                task.unit_cells.append((t, cell.start, "responsible"))
            continue
        col = after[col_i]
        if t and col.kind == "units" and looks_like_deadline_cell(t) and not looks_like_unit_cell(t):
            # skip to the deadline column
            while col_i < len(after) and after[col_i].kind != "deadline":
                col_i += 1
            if col_i >= len(after):
                continue
            col = after[col_i]
        if col.kind == "units" and t:
            task.unit_cells.append((t, cell.start, col.role or "responsible"))
        elif col.kind == "deadline" and t:
            task.deadline_cell = t if task.deadline_cell is None else task.deadline_cell + t
        col_i += 1


def _append_by_position(prev: RawTask, row: Row, cols: list[Column]) -> None:
    """Fragments of a row cut by a page break: append each cell to the column it sits under."""
    for i, cell in enumerate(row.cells):
        t = cell.text.strip()
        if not t:
            continue
        col = cols[i] if i < len(cols) else Column("unknown")
        if col.kind == "units":
            for k in range(len(prev.unit_cells) - 1, -1, -1):
                if prev.unit_cells[k][2] == (col.role or "responsible"):
                    old, off, role = prev.unit_cells[k]
                    prev.unit_cells[k] = (old + t, off, role)
                    break
            else:
                prev.unit_cells.append((t, cell.start, col.role or "responsible"))
        elif col.kind == "deadline":
            prev.deadline_cell = (prev.deadline_cell or "") + t
        elif col.kind == "text":
            prev.text += t
            prev.text_end = cell.end
        prev.last_line = row.line
