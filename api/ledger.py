"""The Excel 工作台账 of a unit's tasks or of a plan's tasks (columns of :data:`api.tables.LEDGER_COLUMNS`).

For a unit, one line per (task, role) the unit has; for a plan, one line per
task with every unit by role. 出处 names the file and lines, so a line of the
ledger can always be checked against the document.
"""

from __future__ import annotations

from collections.abc import Sequence

from api.tables import ROLE_LABELS_ZH, LedgerLine, deadline_text, roles_text, source_text, to_xlsx
from graph.results import ResponsibilityRow, TaskRow, to_jsonable


def _section(section: Sequence[str]) -> str:
    return " › ".join(section)


def _document(ref: dict[str, object]) -> str:
    parts = [str(ref[k]) for k in ("title", "doc_number") if ref.get(k)]
    return "（".join(parts) + "）" if len(parts) == 2 else (parts[0] if parts else str(ref.get("file") or ""))


def responsibilities_ledger(unit: str, role: str | None, rows: Sequence[ResponsibilityRow]) -> bytes:
    """工作台账 of one unit: every task it leads, is responsible for, cooperates on …"""
    lines = []
    for i, row in enumerate(rows, 1):
        evidence = to_jsonable(row.evidence)
        lines.append(
            LedgerLine(
                n=i,
                task=row.text,
                section=_section(row.evidence.section),
                roles=f"{ROLE_LABELS_ZH.get(row.role, row.role)}（{row.written}）",
                deadline=deadline_text(row.deadline_text, row.deadline),
                file=_document(to_jsonable(row.directive)),
                source=source_text(evidence),
            )
        )
    name = rows[0].unit if rows else unit
    scope = f"角色：{ROLE_LABELS_ZH.get(role, role)}" if role else "全部角色"
    return to_xlsx(f"{name} 工作台账", lines, f"{scope}；共 {len(lines)} 项任务")


def plan_ledger(title: str, tasks: Sequence[TaskRow]) -> bytes:
    """工作台账 of one plan: each task with every unit by role."""
    lines = [
        LedgerLine(
            n=t.task.n,
            task=t.text,
            section=_section(t.section),
            roles=roles_text([(a.role, a.written) for a in t.assignments]),
            deadline=deadline_text(t.deadline_text, t.deadline),
            file=_document(to_jsonable(t.directive)),
            source=source_text(to_jsonable(t.evidence)),
        )
        for t in tasks
    ]
    return to_xlsx(f"{title} 工作台账", lines, f"共 {len(lines)} 项任务")
