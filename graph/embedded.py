"""The embedded engine: the model held in process, with the indexes the queries need.

Walking the graph for "who leads domain X" costs a scan per question; the
indexes built once in :meth:`EmbeddedEngine.load` (unit, task, role, domain,
region, level, year, directive → assignments; directive → tasks; node type →
nodes; node → edges out and in) answer it from a dictionary lookup.

At national scale (1.5M tasks, ~12M edges) memory decides what is kept: each
node and edge exists once (the model's own objects, see :mod:`graph.model`),
adjacency is a tuple per node, and the assignment indexes hold 4-byte
positions in arrays. No general graph library copy is kept: export
(:mod:`graph.export`) builds the networkx graph it needs on demand.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence

from graph.engine import AssignmentFact, AssignmentFilter, EdgeDirection
from graph.gcpause import collector_paused
from graph.model import Edge, GraphModel, Node


def _positions() -> array[int]:
    return array("i")


_INDEX_KEYS = ("unit", "task", "role", "domain", "region", "level", "year", "directive")
_NO_EDGES: tuple[Edge, ...] = ()


class EmbeddedEngine:
    """In-process engine; build it from a model (:meth:`load`) or from the store (:meth:`from_store`)."""

    name = "embedded"

    def __init__(self) -> None:
        self.generation = 0
        self._reset()

    def _reset(self) -> None:
        self._model = GraphModel((), ())
        self._nodes: dict[str, Node] = {}
        self._by_type: dict[str, list[Node]] = {}
        self._out: dict[str, tuple[Edge, ...]] = {}
        self._in: dict[str, tuple[Edge, ...]] = {}
        # One ASSIGNED edge per fact; the AssignmentFact itself is made when a query first needs it
        # (112 bytes and ~1 µs each, 3.75M of them at national scale), then kept.
        self._fact_edges: list[Edge] = []
        self._facts: list[AssignmentFact | None] = []
        self._index: dict[str, dict[object, Sequence[int]]] = {}
        self._tasks: dict[str, list[Node]] = {}
        self._edge_counts: dict[str, int] = {}

    @classmethod
    def from_store(cls, store: object) -> EmbeddedEngine:
        """An engine holding every document of an open :class:`graph.store.Store`."""
        from graph.builder import build_model_from_store

        engine = cls()
        engine.load(build_model_from_store(store))  # type: ignore[arg-type]
        return engine

    def load(self, model: GraphModel) -> None:
        with collector_paused(freeze=True):
            self._load(model)

    def _load(self, model: GraphModel) -> None:
        self.generation += 1
        self._reset()
        self._model = model
        nodes = self._nodes
        by_type: dict[str, list[Node]] = defaultdict(list)
        for node in model.nodes:
            nodes[node.id] = node
            by_type[node.type].append(node)
        self._by_type = dict(by_type)
        out: dict[str, list[Edge]] = defaultdict(list)
        into: dict[str, list[Edge]] = defaultdict(list)
        counts: dict[str, int] = defaultdict(int)
        for edge in model.edges:
            out[edge.src].append(edge)
            into[edge.dst].append(edge)
            counts[edge.type] += 1
        self._edge_counts = dict(counts)
        self._out = {k: tuple(v) for k, v in out.items()}
        del out
        self._in = {k: tuple(v) for k, v in into.items()}
        del into
        self._build_assignment_index()

    def model(self) -> GraphModel:
        """The model this engine was loaded from (nodes sorted by id, edges in the model's order)."""
        return self._model

    def _build_assignment_index(self) -> None:
        directive_region: dict[str, str] = {}
        tasks: dict[str, list[Node]] = defaultdict(list)
        for node in self._by_type.get("Directive", []):
            for edge in self._out.get(node.id, _NO_EDGES):
                if edge.type == "IN_REGION":
                    directive_region[node.id] = edge.dst
                elif edge.type == "HAS_TASK":
                    tasks[node.id].append(self._nodes[edge.dst])
        self._tasks = dict(tasks)
        tables: dict[str, defaultdict[object, array[int]]] = {
            key: defaultdict(_positions) for key in _INDEX_KEYS if key != "task"
        }
        by_unit, by_role, by_domain = tables["unit"], tables["role"], tables["domain"]
        by_region, by_level, by_year, by_directive = (
            tables["region"],
            tables["level"],
            tables["year"],
            tables["directive"],
        )
        by_task: dict[object, Sequence[int]] = {}  # a task's facts are consecutive: one run each
        facts = self._fact_edges
        nodes = self._nodes
        out = self._out
        for task in self._by_type.get("Task", []):
            directive = nodes[task.props["directive"]]
            edges = out.get(task.id, _NO_EDGES)
            first = len(facts)
            for edge in edges:
                if edge.type == "ASSIGNED":
                    by_unit[edge.dst].append(len(facts))
                    by_role[edge.props.get("role")].append(len(facts))
                    facts.append(edge)
            if len(facts) == first:
                continue
            span = range(first, len(facts))
            by_task[task.id] = span
            did = directive.id
            by_directive[did].extend(span)
            by_region[directive_region.get(did)].extend(span)
            by_level[directive.props.get("level")].extend(span)
            by_year[directive.props.get("year")].extend(span)
            for edge in edges:
                if edge.type == "IN_DOMAIN":
                    by_domain[edge.dst].extend(span)
        index: dict[str, dict[object, Sequence[int]]] = {key: dict(table) for key, table in tables.items()}
        index["task"] = by_task
        self._facts = [None] * len(facts)
        self._index = index

    def close(self) -> None:
        """Nothing to release: the graph lives in this process."""

    def nodes(self, ids: Collection[str]) -> list[Node]:
        return [self._nodes[i] for i in ids if i in self._nodes]

    def nodes_of_type(self, node_type: str) -> list[Node]:
        return list(self._by_type.get(node_type, []))

    def edges(
        self,
        node_ids: Collection[str],
        edge_types: Collection[str] | None = None,
        direction: EdgeDirection = "both",
    ) -> list[Edge]:
        wanted = set(edge_types) if edge_types is not None else None
        seen: dict[str, Edge] = {}
        for node_id in node_ids:
            pools: list[Iterable[Edge]] = []
            if direction in ("out", "both"):
                pools.append(self._out.get(node_id, _NO_EDGES))
            if direction in ("in", "both"):
                pools.append(self._in.get(node_id, _NO_EDGES))
            for pool in pools:
                for edge in pool:
                    if wanted is None or edge.type in wanted:
                        seen[edge.id] = edge
        return list(seen.values())

    def assignments(self, flt: AssignmentFilter) -> list[AssignmentFact]:
        criteria = [
            ("unit", flt.unit_ids),
            ("task", flt.task_ids),
            ("role", flt.roles),
            ("domain", flt.domain_ids),
            ("region", flt.region_ids),
            ("level", flt.levels),
            ("year", flt.years),
            ("directive", flt.directive_ids),
        ]
        selected: set[int] | None = None
        for key, values in sorted(
            ((k, v) for k, v in criteria if v is not None), key=lambda kv: self._size(kv[0], kv[1])
        ):
            positions: set[int] = set()
            for value in values:
                positions.update(self._index[key].get(value, ()))
            selected = positions if selected is None else selected & positions
            if not selected:
                return []
        facts, fact = self._facts, self._fact
        if selected is None:
            return [facts[i] or fact(i) for i in range(len(facts))]
        return [facts[i] or fact(i) for i in sorted(selected)]

    def _fact(self, position: int) -> AssignmentFact:
        """The fact at ``position``, made on first use (two threads may both make it: equal values)."""
        edge = self._fact_edges[position]
        task = self._nodes[edge.src]
        made = AssignmentFact(edge, task, self._nodes[edge.dst], self._nodes[task.props["directive"]])
        self._facts[position] = made
        return made

    def _size(self, key: str, values: Collection[object]) -> int:
        return sum(len(self._index[key].get(v, ())) for v in values)

    def tasks_of(self, directive_ids: Collection[str]) -> list[Node]:
        return [task for d in directive_ids for task in self._tasks.get(d, [])]

    def search_nodes(
        self, needles: Sequence[str], node_types: Sequence[str], limit: int | None = None
    ) -> list[Node]:
        from graph.ranked_search import page_of, ranked_index  # built on the first search

        index = ranked_index(self, node_types)
        if limit is None:
            return index.index.find(needles)
        if not needles:
            return page_of(index.index.find(needles), needles, limit, node_types)
        return index.best(needles, limit)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        return {t: len(n) for t, n in self._by_type.items() if n}, dict(self._edge_counts)
