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
    """

    def __init__(self, engine: Engine, look: Lookups) -> None:
        self.engine = engine
        tasks = {t.id: t for t in engine.nodes_of_type("Task")}
        self.directives = sorted(engine.nodes_of_type("Directive"), key=lambda d: d.id)
        directive_at = {d.id: i for i, d in enumerate(self.directives)}
        self.units = sorted(look.unit_pool, key=lambda n: unit_order(n.get("region"), n.get("name"), n.id))
        self.unit_rank = {n.id: i for i, n in enumerate(self.units)}

        def order(edge: Edge) -> tuple[object, ...]:
            task = tasks[edge.src]
            directive = self.directives[directive_at[task.get("directive")]]
            return (
                *directive_order(directive),
                int(task.get("n")),
                ROLE_ORDER.get(edge.get("role"), 9),
                edge.dst,
            )

        self.edges: list[Edge] = sorted(engine.edges(list(tasks), ["ASSIGNED"], "out"), key=order)
        self._unit_at = array("i", (self.unit_rank[e.dst] for e in self.edges))
        self._directive_at = array("i", (directive_at[tasks[e.src].get("directive")] for e in self.edges))
        self._positions: dict[Key, array[int]] = defaultdict(lambda: array("i"))
        self._folds: dict[Key, Fold] = {}
        ancestors = look.ancestors
        last_task, concepts = "", ()
        for position, edge in enumerate(self.edges):
            if edge.src != last_task:
                last_task = edge.src
                found: set[str] = set()
                for tag in tasks[edge.src].get("domains") or ():
                    found.update(ancestors.get(domain_id(tag), ()))
                concepts = (None, *sorted(found))
            role = edge.get("role")
            for concept in concepts:
                self._positions[(concept, None)].append(position)
                self._positions[(concept, role)].append(position)
        self._positions.default_factory = None

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
        """Units and unit functions of ``key``, folded on first use."""
        found = self._folds.get(key)
        if found is None:
            units, directives = self.units, self.directives
            unit_at, directive_at = self._unit_at, self._directive_at
            pairs = ((units[unit_at[i]], directives[directive_at[i]].id) for i in self.positions(key))
            found = fold(pairs, self.unit_rank)
            self._folds[key] = found
        return found

    def warm(self) -> None:
        """Fold every domain concept × role now (after a load), so no question pays for it."""
        concepts = sorted({c for c, _ in self._positions if c is not None})
        for concept in (None, *concepts):
            for role in (None, *ROLES):
                self.fold((concept, role))
