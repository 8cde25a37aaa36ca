"""The embedded engine: the model in a networkx MultiDiGraph plus the indexes the queries need.

Walking the graph for "who leads domain X" costs a scan per question; the
indexes built once in :meth:`EmbeddedEngine.load` (unit, task, role, domain,
region, level, year, directive → assignments; directive → tasks; node type →
nodes) answer it from a dictionary lookup. The graph itself serves
neighbourhood expansion and export (GraphML).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence

import networkx as nx

from graph.engine import AssignmentFact, AssignmentFilter, EdgeDirection
from graph.model import Edge, GraphModel, Node


class EmbeddedEngine:
    """In-process engine; build it from a model (:meth:`load`) or from the store (:meth:`from_store`)."""

    name = "embedded"

    def __init__(self) -> None:
        self.generation = 0
        self._reset()

    def _reset(self) -> None:
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self._nodes: dict[str, Node] = {}
        self._by_type: dict[str, list[Node]] = defaultdict(list)
        self._out: dict[str, list[Edge]] = defaultdict(list)
        self._in: dict[str, list[Edge]] = defaultdict(list)
        self._facts: list[AssignmentFact] = []
        self._index: dict[str, dict[object, list[int]]] = {}
        self._tasks: dict[str, list[Node]] = defaultdict(list)
        self._edge_counts: dict[str, int] = {}

    @classmethod
    def from_store(cls, store: object) -> EmbeddedEngine:
        """An engine holding every document of an open :class:`graph.store.Store`."""
        from graph.builder import build_model

        engine = cls()
        engine.load(build_model(store.documents()))  # type: ignore[attr-defined]
        return engine

    def load(self, model: GraphModel) -> None:
        self.generation += 1
        self._reset()
        for node in model.nodes:
            self._nodes[node.id] = node
            self._by_type[node.type].append(node)
            self.graph.add_node(node.id, type=node.type, **node.props)
        counts: dict[str, int] = defaultdict(int)
        for edge in model.edges:
            self._out[edge.src].append(edge)
            self._in[edge.dst].append(edge)
            counts[edge.type] += 1
            self.graph.add_edge(edge.src, edge.dst, key=edge.id, type=edge.type, **edge.props)
        self._edge_counts = dict(counts)
        self._build_assignment_index()

    def _build_assignment_index(self) -> None:
        directive_region: dict[str, str] = {}
        for node in self._by_type.get("Directive", []):
            for edge in self._out.get(node.id, []):
                if edge.type == "IN_REGION":
                    directive_region[node.id] = edge.dst
                elif edge.type == "HAS_TASK":
                    self._tasks[node.id].append(self._nodes[edge.dst])
        index: dict[str, dict[object, list[int]]] = {
            key: defaultdict(list)
            for key in ("unit", "task", "role", "domain", "region", "level", "year", "directive")
        }
        for task in self._by_type.get("Task", []):
            directive = self._nodes[task.get("directive")]
            domains = [e.dst for e in self._out.get(task.id, []) if e.type == "IN_DOMAIN"]
            for edge in self._out.get(task.id, []):
                if edge.type != "ASSIGNED":
                    continue
                position = len(self._facts)
                self._facts.append(AssignmentFact(edge, task, self._nodes[edge.dst], directive))
                index["unit"][edge.dst].append(position)
                index["task"][task.id].append(position)
                index["role"][edge.get("role")].append(position)
                index["directive"][directive.id].append(position)
                index["region"][directive_region.get(directive.id)].append(position)
                index["level"][directive.get("level")].append(position)
                index["year"][directive.get("year")].append(position)
                for domain in domains:
                    index["domain"][domain].append(position)
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
                pools.append(self._out.get(node_id, ()))
            if direction in ("in", "both"):
                pools.append(self._in.get(node_id, ()))
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
        if selected is None:
            return list(self._facts)
        return [self._facts[i] for i in sorted(selected)]

    def _size(self, key: str, values: Collection[object]) -> int:
        return sum(len(self._index[key].get(v, ())) for v in values)

    def tasks_of(self, directive_ids: Collection[str]) -> list[Node]:
        return [task for d in directive_ids for task in self._tasks.get(d, [])]

    def search_nodes(self, needles: Sequence[str], node_types: Collection[str]) -> list[Node]:
        from graph.search_index import index_for  # an index of bigrams, built on the first search

        return index_for(self, node_types).find(needles)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        return {t: len(n) for t, n in self._by_type.items() if n}, dict(self._edge_counts)
