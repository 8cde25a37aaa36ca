"""``units_for`` without re-walking every assignment: facts in answer order and per-question folds.

At national scale a domain such as 政策解读 has a few hundred thousand
assignments; folding them per unit and per unit function on every question
takes seconds. :class:`AssignmentAggregates` (built once per engine generation,
through :mod:`graph.lookups`) sorts every assignment once into the order answers
are shown in and, for every domain concept (with its narrower ones) × role,
keeps the positions of its assignments, its units in display order and one
:class:`FunctionFold` per unit function. A question then only slices: the page
of hits, the page of units, the function counts. Questions filtered by region,
level or year fold their (fewer) facts on the spot with the same :func:`fold`.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from graph.engine import AssignmentFact, Engine
from graph.ids import domain_id
from graph.model import Edge, Node
from graph.rows import ROLE_ORDER, directive_order
from ingest.records import ROLES

if TYPE_CHECKING:
    from graph.lookups import Lookups

#: units shown per unit function; regions and documents named per function.
FUNCTION_SAMPLE = 3
NAMED_SAMPLE = 20

Key = tuple[str | None, str | None]  # (domain concept or None for every task, role or None)


def fact_order(fact: AssignmentFact) -> tuple[object, ...]:
    """How assignments are listed: by directive (year, level, id), task order, role, unit."""
    return (
        *directive_order(fact.directive),
        int(fact.task.get("n")),
        ROLE_ORDER.get(fact.edge.get("role"), 9),
        fact.unit.id,
    )


def unit_order(region: str | None, name: str | None, unit_id: str) -> tuple[str, str, str]:
    """How units are listed: by region, then name, then id."""
    return (region or "", name or "", unit_id)


@dataclass(frozen=True)
class FunctionFold:
    """The units of one function among a question's assignments: counts and the first few names."""

    function: str
    units: tuple[str, ...]  # the first FUNCTION_SAMPLE unit ids, in unit order
    unit_count: int
    regions: tuple[str, ...]  # the first NAMED_SAMPLE region names, sorted
    region_count: int
    documents: tuple[str, ...]  # the first NAMED_SAMPLE directive ids, sorted
    document_count: int


@dataclass(frozen=True)
class Fold:
    """Every unit (in unit order) and every function fold of one question's assignments."""

    units: tuple[str, ...]
    functions: tuple[FunctionFold, ...]


def fold(assignments: Iterable[tuple[Node, str]], rank: dict[str, int] | None = None) -> Fold:
    """Units and unit functions of (unit, directive id) assignments; groups count as units, in no function."""
    units: dict[str, tuple[str, str, str]] = {}
    members: dict[str, set[str]] = defaultdict(set)
    regions: dict[str, set[str]] = defaultdict(set)
    documents: dict[str, set[str]] = defaultdict(set)
    for unit, directive_id in assignments:
        if unit.id not in units:
            units[unit.id] = unit_order(unit.get("region"), unit.get("name"), unit.id)
        function = unit.get("function")
        if function and not unit.get("is_group"):
            members[function].add(unit.id)
            regions[function].add(unit.get("region") or "")
            documents[function].add(directive_id)
    order = rank.__getitem__ if rank is not None else units.__getitem__
    folds = [
        FunctionFold(
            function=function,
            units=tuple(sorted(ids, key=order)[:FUNCTION_SAMPLE]),
            unit_count=len(ids),
            regions=tuple(sorted(regions[function])[:NAMED_SAMPLE]),
            region_count=len(regions[function]),
            documents=tuple(sorted(documents[function])[:NAMED_SAMPLE]),
            document_count=len(documents[function]),
        )
        for function, ids in members.items()
    ]
    folds.sort(key=lambda f: (-f.unit_count, f.function))
    return Fold(units=tuple(sorted(units, key=order)), functions=tuple(folds))


class AssignmentAggregates:
    """Every ASSIGNED edge in answer order, and for each (domain concept, role) its positions and fold.

    Built from edges and nodes, never from :class:`AssignmentFact` objects: an engine may make those
    only on demand, and a national graph has millions. Facts are made here for a page's hits only.
    Answer order is one precomputed integer per edge (directive rank, task number, role, unit) rather
    than a tuple of strings, and folds work on integer codes per edge and per unit, so that building
    the aggregates of 1.5M tasks takes seconds, not minutes.
    """

    def __init__(self, engine: Engine, look: Lookups) -> None:
        self.engine = engine
        tasks = {t.id: t for t in engine.nodes_of_type("Task")}
        self.directives = sorted(engine.nodes_of_type("Directive"), key=lambda d: d.id)
        directive_at = {d.id: i for i, d in enumerate(self.directives)}
        self.units = sorted(look.unit_pool, key=lambda n: unit_order(n.get("region"), n.get("name"), n.id))
        self.unit_rank = {n.id: i for i, n in enumerate(self.units)}
        edges = engine.edges(list(tasks), ["ASSIGNED"], "out")
        task_at, task_key = _task_keys(tasks, self.directives, directive_at)
        id_rank = {uid: i for i, uid in enumerate(sorted(self.unit_rank))}
        width = len(id_rank) + 1
        roles = [e.get("role") for e in edges]
        keys = [
            (task_key[task_at[e.src]] * 10 + ROLE_ORDER.get(role, 9)) * width + id_rank[e.dst]
            for e, role in zip(edges, roles, strict=True)
        ]
        order = sorted(range(len(edges)), key=keys.__getitem__)
        del keys
        self.edges: list[Edge] = [edges[i] for i in order]
        roles = [roles[i] for i in order]
        del edges, order
        edge_task = [task_at[e.src] for e in self.edges]
        task_directive = [directive_at[t.get("directive")] for t in tasks.values()]
        self._unit_at = array("i", map(self.unit_rank.__getitem__, (e.dst for e in self.edges)))
        self._directive_at = array("i", map(task_directive.__getitem__, edge_task))
        self._unit_codes = _UnitCodes(self.units, len(self.directives))
        self._function_document_at = self._unit_codes.function_documents(self._unit_at, self._directive_at)
        self._positions = _positions(list(tasks.values()), edge_task, roles, look.ancestors)
        self._folds: dict[Key, Fold] = {}

    def positions(self, key: Key) -> Sequence[int]:
        """Positions in :attr:`edges` of the assignments of ``key`` (empty when there are none)."""
        return self._positions.get(key, ())

    def facts(self, positions: Sequence[int]) -> list[AssignmentFact]:
        """The assignment facts at ``positions`` (a page), made from the edges and nodes."""
        edges = [self.edges[i] for i in positions]
        tasks = {t.id: t for t in self.engine.nodes(sorted({e.src for e in edges}))}
        return [
            AssignmentFact(
                edge,
                tasks[edge.src],
                self.units[self._unit_at[i]],
                self.directives[self._directive_at[i]],
            )
            for i, edge in zip(positions, edges, strict=True)
        ]

    def fold(self, key: Key) -> Fold:
        """Units and unit functions of ``key``, folded on first use (the same as :func:`fold`)."""
        found = self._folds.get(key)
        if found is None:
            positions = self.positions(key)
            units = sorted(set(map(self._unit_at.__getitem__, positions)))
            pairs = set(map(self._function_document_at.__getitem__, positions))
            found = self._unit_codes.fold(units, pairs, self.directives)
            self._folds[key] = found
        return found

    def warm(self) -> None:
        """Fold every domain concept × role now (after a load), so no question pays for it."""
        concepts = sorted({c for c, _ in self._positions if c is not None})
        for concept in (None, *concepts):
            for role in (None, *ROLES):
                self.fold((concept, role))


def _task_keys(
    tasks: dict[str, Node], directives: list[Node], directive_at: dict[str, int]
) -> tuple[dict[str, int], list[int]]:
    """Task id → its position in ``tasks``, and per position one integer in answer order (directive, n)."""
    ranked = sorted(range(len(directives)), key=lambda i: directive_order(directives[i]))
    rank = [0] * len(directives)
    for r, i in enumerate(ranked):
        rank[i] = r
    numbers = [int(t.get("n")) for t in tasks.values()]
    span = max((abs(n) for n in numbers), default=0) * 2 + 1
    keys = [
        rank[directive_at[t.get("directive")]] * span + n + span // 2
        for t, n in zip(tasks.values(), numbers, strict=True)
    ]
    return {tid: i for i, tid in enumerate(tasks)}, keys


def _positions(
    tasks: list[Node], edge_task: list[int], roles: list[str | None], ancestors: dict[str, frozenset[str]]
) -> dict[Key, array[int]]:
    """(domain concept or None, role or None) → positions of its edges.

    The sorted edges come in runs of one task and one role; each run is added to every concept of
    its task as one range, not edge by edge.
    """
    out: dict[Key, array[int]] = defaultdict(lambda: array("i"))
    concepts_of: dict[tuple[str, ...], tuple[str | None, ...]] = {}
    position, last, concepts = 0, -1, ()
    for (task, role), run in groupby(zip(edge_task, roles, strict=True)):
        span = range(position, position + len(list(run)))
        position = span.stop
        if task != last:
            last = task
            tags = tuple(tasks[task].get("domains") or ())
            found = concepts_of.get(tags)
            if found is None:
                below: set[str] = set()
                for tag in tags:
                    below.update(ancestors.get(domain_id(tag), ()))
                found = concepts_of[tags] = (None, *sorted(below))
            concepts = found
        for concept in concepts:
            out[(concept, None)].extend(span)
            out[(concept, role)].extend(span)
    return dict(out)


class _UnitCodes:
    """Per unit (by rank in unit order): its function and region as small integers, for fast folds."""

    def __init__(self, units: Sequence[Node], directive_count: int) -> None:
        self.units = units
        self.ids = [u.id for u in units]
        self.width = directive_count
        functions = sorted({u.get("function") for u in units if u.get("function") and not u.get("is_group")})
        self.functions = functions
        function_code = {f: i for i, f in enumerate(functions)}
        self.regions = sorted({u.get("region") or "" for u in units})
        region_code = {r: i for i, r in enumerate(self.regions)}
        self.function_of = [
            -1 if u.get("is_group") else function_code.get(u.get("function"), -1) for u in units
        ]
        self.region_of = [region_code[u.get("region") or ""] for u in units]

    def function_documents(self, unit_at: array[int], directive_at: array[int]) -> array[int]:
        """Per edge: function code × directive count + directive position, or -1 (no function)."""
        function_of, width = self.function_of, self.width
        codes = [f * width if f >= 0 else -1 for f in function_of]
        top = len(self.functions) * width
        kind = "i" if top < 2**31 else "q"
        return array(
            kind,
            (
                c + d if c >= 0 else -1
                for c, d in zip(map(codes.__getitem__, unit_at), directive_at, strict=True)
            ),
        )

    def fold(self, units: list[int], pairs: set[int], directives: Sequence[Node]) -> Fold:
        """The fold of a question whose distinct unit ranks (sorted) and function×directive codes are given."""
        members: dict[int, list[int]] = defaultdict(list)
        regions: dict[int, set[int]] = defaultdict(set)
        function_of, region_of = self.function_of, self.region_of
        for unit in units:
            function = function_of[unit]
            if function >= 0:
                members[function].append(unit)
                regions[function].add(region_of[unit])
        documents: dict[int, list[int]] = defaultdict(list)
        pairs.discard(-1)
        for code in sorted(pairs):
            function, directive = divmod(code, self.width)
            documents[function].append(directive)
        folds = [
            FunctionFold(
                function=self.functions[function],
                units=tuple(self.units[u].id for u in ids[:FUNCTION_SAMPLE]),
                unit_count=len(ids),
                regions=tuple(self.regions[r] for r in sorted(regions[function])[:NAMED_SAMPLE]),
                region_count=len(regions[function]),
                documents=tuple(directives[d].id for d in documents[function][:NAMED_SAMPLE]),
                document_count=len(documents[function]),
            )
            for function, ids in members.items()
        ]
        folds.sort(key=lambda f: (-f.unit_count, f.function))
        return Fold(units=tuple(map(self.ids.__getitem__, units)), functions=tuple(folds))
