"""Results as tables: CSV for any list answer, and the Excel 工作台账 of a unit's or a plan's tasks.

A row of a result (a dataclass of :mod:`graph.results`, already turned into
plain JSON values) becomes one flat row: nested records get dotted column names
(``evidence.line_start``), lists are joined with ``；``. CSV is written with a
byte-order mark so that Excel and WPS open the Chinese text correctly.

The 工作台账 is what a 政务公开办 keeps for each plan: one line per task with
its section, who does it in which role, the deadline, and where it is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ROLE_LABELS_ZH = {
    "lead": "牵头",
    "responsible": "责任",
    "cooperating": "配合",
    "reference": "参照落实",
    "guiding": "指导",
}
LEDGER_COLUMNS = ("序号", "任务", "所属章节", "角色", "完成时限", "文件", "出处")


def flatten(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """One flat row: nested mappings as dotted columns, lists joined by '；'."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, name + "."))
        elif isinstance(value, list | tuple):
            out[name] = "；".join(
                str(flatten(v)) if isinstance(v, Mapping) else str(v) for v in value if v is not None
            )
        else:
            out[name] = value
    return out


def to_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """Rows (JSON-ready dicts) as CSV text with a header line; columns in first-seen order."""
    flat = [flatten(r) for r in rows]
    columns: dict[str, None] = {}
    for row in flat:
        columns.update(dict.fromkeys(row))
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in flat:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


@dataclass(frozen=True)
class LedgerLine:
    """One line of a 工作台账."""

    n: int
    task: str
    section: str
    roles: str
    deadline: str
    file: str
    source: str


def source_text(evidence: Mapping[str, Any]) -> str:
    """Where a task is written, as a person cites it: 文件 第x–y行 (字符 a–b)."""
    file = evidence.get("file") or evidence.get("document_id") or ""
    start, end = evidence.get("line_start"), evidence.get("line_end")
    if start is None:
        return str(file)
    lines = f"第{start}行" if start == end or end is None else f"第{start}–{end}行"
    chars = ""
    if evidence.get("char_start") is not None:
        chars = f"（字符 {evidence['char_start']}–{evidence['char_end']}）"
    return f"{file} {lines}{chars}"


def roles_text(assignments: Sequence[tuple[str, str]]) -> str:
    """'牵头：市财政局、市发改委；配合：市统计局' from (role, unit as written) pairs."""
    by_role: dict[str, list[str]] = {}
    for role, unit in assignments:
        names = by_role.setdefault(role, [])
        if unit not in names:
            names.append(unit)
    ordered = sorted(
        by_role.items(), key=lambda kv: list(ROLE_LABELS_ZH).index(kv[0]) if kv[0] in ROLE_LABELS_ZH else 9
    )
    return "；".join(f"{ROLE_LABELS_ZH.get(role, role)}：{'、'.join(units)}" for role, units in ordered)


def deadline_text(deadline_text: str | None, deadline: str | None) -> str:
    if deadline == "ongoing":
        return deadline_text or "持续推进"
    if deadline_text and deadline and deadline_text != deadline:
        return f"{deadline_text}（{deadline}）"
    return deadline_text or deadline or ""


def to_xlsx(title: str, lines: Sequence[LedgerLine], subtitle: str = "") -> bytes:
    """The 工作台账 workbook: a title row, the column headers, one row per task, wrapped text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "工作台账"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(LEDGER_COLUMNS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([subtitle])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(LEDGER_COLUMNS))
    sheet.append(list(LEDGER_COLUMNS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for line in lines:
        sheet.append([line.n, line.task, line.section, line.roles, line.deadline, line.file, line.source])
    widths = (6, 60, 28, 36, 18, 30, 34)
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A4"
    sheet.auto_filter.ref = f"A3:{get_column_letter(len(LEDGER_COLUMNS))}{max(3, sheet.max_row)}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
