"""Result records of the graph queries: what the CLI, the HTTP API and the UI render.

Every query in :mod:`graph.queries` returns one of these frozen dataclasses, and
every row that rests on words of a document carries an :class:`Evidence` so an
inspector can open the file at the exact lines. The records hold only plain
Python values (str, int, float, bool, tuples, dicts of those), so
:func:`to_jsonable` turns any of them into JSON without a custom encoder and
two engines' answers can be compared with ``==``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Direction = Literal["up", "down"]
LinkKind = Literal["implements", "mentions", "inferred_implements"]


@dataclass(frozen=True)
class Evidence:
    """The words an answer rests on: document, heading path, lines and characters."""

    document_id: str
    file: str | None
    section: tuple[str, ...]
    line_start: int | None
    line_end: int | None
    char_start: int | None
    char_end: int | None
    text: str


@dataclass(frozen=True)
class DirectiveRef:
    """A directive as a row shows it: ingested, or a stub known only by number/title."""

    id: str
    doc_number: str | None
    title: str | None
    level: str | None
    region: str | None
    year: int | None
    file: str | None
    stub: bool


@dataclass(frozen=True)
class TaskRef:
    """A task named by its document and its 1-based order there."""

    id: str
    n: int
    directive_id: str
    file: str | None


@dataclass(frozen=True)
class ResponsibilityRow:
    """One task a unit carries, with the role it has in that task."""

    unit_id: str
    unit: str  # canonical name, e.g. 赣州市财政局
    written: str  # the unit as written in this task, e.g. 市财政局
    region: str | None
    role: str
    task: TaskRef
    text: str
    deadline: str | None
    deadline_text: str | None
    domains: tuple[str, ...]
    directive: DirectiveRef
    evidence: Evidence


@dataclass(frozen=True)
class AssignmentRef:
    """One unit of a task with its role, as the task row lists it."""

    role: str
    unit_id: str
    unit: str
    written: str
    region: str | None


@dataclass(frozen=True)
class TaskRow:
    """A task with everything a table row shows: who does what, by when, where it was read."""

    task: TaskRef
    text: str
    deadline: str | None
    deadline_text: str | None
    row_no: str | None
    section: tuple[str, ...]
    domains: tuple[str, ...]
    assignments: tuple[AssignmentRef, ...]
    directive: DirectiveRef
    evidence: Evidence

    def units(self, role: str) -> tuple[str, ...]:
        """Units in ``role`` as written in the task."""
        return tuple(a.written for a in self.assignments if a.role == role)


@dataclass(frozen=True)
class CitingRow:
    """A directive that cites another, how, and which of its tasks name the cited one."""

    directive: DirectiveRef
    relation: str  # implements | mentions
    tasks: tuple[TaskRef, ...]
    evidence: Evidence


@dataclass(frozen=True)
class UnitHit:
    """One (unit, role, task) assignment matching a ``units_for`` question."""

    unit_id: str
    unit: str
    written: str
    region: str | None
    function: str | None
    is_group: bool
    role: str
    task: TaskRef
    domains: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class UnitSummary:
    """A unit's matching tasks folded together (one line of the answer table)."""

    unit_id: str
    unit: str
    written: tuple[str, ...]
    region: str | None
    function: str | None
    is_group: bool
    roles: tuple[str, ...]
    tasks: tuple[TaskRef, ...]  # the first TASK_SAMPLE tasks by document and order
    task_count: int  # every matching task of the unit


@dataclass(frozen=True)
class FunctionSummary:
    """Units of one function (财政, 发展改革 …) across regions, e.g. every 财政局: counts and the first few."""

    function: str
    label: str
    units: tuple[UnitSummary, ...]  # the first few units, in unit order
    unit_count: int
    regions: tuple[str, ...]  # the first region names, sorted
    region_count: int
    documents: tuple[str, ...]  # the first directive ids, sorted
    document_count: int


@dataclass(frozen=True)
class UnitsForResult:
    """Answer of ``units_for``: assignments, folded per unit and per unit function."""

    domain: str | None  # None: every task, whatever its domain
    domains: tuple[str, ...]  # the concept and every narrower one that was searched
    role: str | None
    region: str | None
    level: str | None
    year: int | None
    hits: tuple[UnitHit, ...]  # one page: ``limit`` assignments from ``offset``
    by_unit: tuple[UnitSummary, ...]  # one page of units, the same window
    by_function: tuple[FunctionSummary, ...]  # every function, with counts
    total_hits: int
    total_units: int
    limit: int | None  # None: no paging
    offset: int


@dataclass(frozen=True)
class ResponsibilitiesResult:
    """Answer of ``responsibilities``: one page of a unit's tasks and how many there are."""

    unit: str  # the name as asked
    unit_ids: tuple[str, ...]  # every unit the name resolved to
    role: str | None
    rows: tuple[ResponsibilityRow, ...]
    total: int
    limit: int | None
    offset: int


@dataclass(frozen=True)
class LineageLink:
    """A directive-to-directive link; ``inferred`` links say why they were added."""

    src: str
    dst: str
    kind: LinkKind
    inferred: bool
    reason: str | None
    evidence: Evidence | None


@dataclass(frozen=True)
class LineageNode:
    """A directive in a lineage, with its distance from the start."""

    directive: DirectiveRef
    depth: int


@dataclass(frozen=True)
class LineageResult:
    """Directives above (``up``: what it carries out) or below (``down``) a directive."""

    root: DirectiveRef
    direction: Direction
    depth: int
    nodes: tuple[LineageNode, ...]  # one page, nearest first (the root, at depth 0, opens the first)
    links: tuple[LineageLink, ...]  # the links that reach the nodes of the page
    total_nodes: int
    total_links: int
    limit: int | None
    offset: int


@dataclass(frozen=True)
class AlignedTask:
    """A parent-plan task that a lower-level task plausibly carries out."""

    task: TaskRef
    text: str
    directive: DirectiveRef
    score: float
    text_score: float
    shared_domains: tuple[str, ...]
    shared_tokens: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class CoverageRow:
    """One parent task and the best-matching child task, if any passes the threshold."""

    parent_task: TaskRef
    parent_text: str
    child_task: TaskRef | None
    child_text: str | None
    score: float
    covered: bool


@dataclass(frozen=True)
class CoverageResult:
    """How much of a parent plan a child plan takes up, task by task."""

    parent: DirectiveRef
    child: DirectiveRef
    threshold: float
    rows: tuple[CoverageRow, ...]
    covered: int
    total: int


@dataclass(frozen=True)
class NodeView:
    """A node as the explorer draws it."""

    id: str
    type: str
    label: str
    props: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)


@dataclass(frozen=True)
class EdgeView:
    """An edge as the explorer draws it."""

    id: str
    src: str
    dst: str
    type: str
    props: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)


@dataclass(frozen=True)
class Neighbourhood:
    """The nodes within ``depth`` hops of a node; ``truncated`` when ``limit`` cut it."""

    center: str
    depth: int
    nodes: tuple[NodeView, ...]
    edges: tuple[EdgeView, ...]
    truncated: bool


@dataclass(frozen=True)
class SearchHit:
    """A directive, task or unit whose words match the search text."""

    id: str
    type: str
    label: str
    snippet: str
    score: float
    evidence: Evidence | None


@dataclass(frozen=True)
class SearchResult:
    """Answer of ``search``: one page of hits, best first, and how many nodes matched."""

    text: str
    hits: tuple[SearchHit, ...]
    total: int
    limit: int
    offset: int
    #: ``total`` is a lower bound: more nodes matched than were counted ("10,000+").
    total_is_lower_bound: bool = False


@dataclass(frozen=True)
class Stats:
    """Counts of what the graph holds."""

    nodes: dict[str, int]
    edges: dict[str, int]
    roles: dict[str, int]
    documents: int
    stub_directives: int
    tasks: int
    units: int


@dataclass(frozen=True)
class AskResult:
    """A question in words, how it was understood, and the answer of that query."""

    question: str
    understood: bool
    query: str | None  # name of the function of graph.queries that answered
    params: dict[str, Any]
    answer: Any
    summary: str
    suggestions: tuple[str, ...] = ()


def to_jsonable(value: Any) -> Any:
    """Turn a result (dataclasses, tuples, dicts) into JSON-ready lists and dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value
