"""The responsibility matrix: unit functions (or units) × domains, counted by role.

It folds the answer of :func:`graph.queries.units_for` — every assignment with
its task's domains — into a grid an inspector reads at a glance: which kind of
unit carries which area of disclosure work, in which role. Narrower domains are
counted under their top concept (财政预决算 under 财政信息公开) so the grid
stays a screen wide; a cell links back to the query that lists its tasks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from graph.engine import Engine
from graph.results import UnitsForResult

RowKind = Literal["function", "unit"]
UNCLASSIFIED = "function/-"


@dataclass(frozen=True)
class MatrixAxis:
    """A row or column: id, Chinese and English labels."""

    id: str
    label: str
    label_en: str | None


@dataclass(frozen=True)
class MatrixCell:
    """Assignments of one row in one column: count per role and distinct tasks."""

    row: str
    column: str
    roles: dict[str, int]
    tasks: int


@dataclass(frozen=True)
class Matrix:
    rows: tuple[MatrixAxis, ...]
    columns: tuple[MatrixAxis, ...]
    cells: tuple[MatrixCell, ...]
    row_kind: RowKind


def top_domains(engine: Engine) -> dict[str, str]:
    """Each domain id → the id of its top concept (itself when it has no broader one)."""
    domains = [n.id for n in engine.nodes_of_type("Domain")]
    broader = {e.src: e.dst for e in engine.edges(domains, ["BROADER"], "out")}
    top = {}
    for domain in domains:
        seen, current = {domain}, domain
        while current in broader and broader[current] not in seen:
            current = broader[current]
            seen.add(current)
        top[domain] = current
    return top


def build_matrix(engine: Engine, result: UnitsForResult, row_kind: RowKind = "function") -> Matrix:
    """The grid of ``result`` by unit function (default) or by unit."""
    top = top_domains(engine)
    labels = {n.id: n for n in (*engine.nodes_of_type("Domain"), *engine.nodes_of_type("UnitFunction"))}
    roles: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    tasks: dict[tuple[str, str], set[str]] = defaultdict(set)
    row_axes: dict[str, MatrixAxis] = {}
    for hit in result.hits:
        if row_kind == "function":
            if hit.is_group:
                continue
            row_id = hit.function or UNCLASSIFIED
            node = labels.get(row_id)
            axis = MatrixAxis(
                row_id,
                node.get("label") if node else "未归类单位",
                node.get("label_en") if node else "Unclassified",
            )
        else:
            row_id = hit.unit_id
            axis = MatrixAxis(row_id, hit.unit, None)
        row_axes[row_id] = axis
        for column in sorted({top.get(d, d) for d in hit.domains}):
            roles[(row_id, column)][hit.role] += 1
            tasks[(row_id, column)].add(hit.task.id)
    row_total: dict[str, int] = defaultdict(int)
    column_total: dict[str, int] = defaultdict(int)
    for (r, c), ids in tasks.items():
        row_total[r] += len(ids)
        column_total[c] += len(ids)
    columns = sorted(column_total, key=lambda c: (-column_total[c], c))
    row_order = sorted(row_axes, key=lambda r: (-row_total[r], r))
    return Matrix(
        rows=tuple(row_axes[r] for r in row_order),
        columns=tuple(
            MatrixAxis(
                c,
                labels[c].get("label") if c in labels else c,
                labels[c].get("label_en") if c in labels else None,
            )
            for c in columns
        ),
        cells=tuple(
            MatrixCell(r, c, dict(sorted(roles[(r, c)].items())), len(tasks[(r, c)]))
            for r in row_order
            for c in columns
            if (r, c) in roles
        ),
        row_kind=row_kind,
    )
