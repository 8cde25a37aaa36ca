"""The engine interface every graph backend implements, and the registry that picks one by name.

An engine loads one :class:`graph.model.GraphModel` and answers a handful of
*fetch* methods. The query functions of :mod:`graph.queries` compose them and
do all ranking, grouping and scoring in Python, so the embedded, RDF and Neo4j
engines give identical answers by construction: an engine only has to return the
same facts, in any order.

Engines are found by name in :data:`ENGINES` and imported lazily, so choosing
the embedded engine never imports the Neo4j driver or pyoxigraph.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol, runtime_checkable

from graph.errors import EngineUnavailable
from graph.model import Edge, GraphModel, Node

EdgeDirection = Literal["out", "in", "both"]

#: engine name -> "module:Class"; the module is imported only when the engine is chosen.
ENGINES: dict[str, str] = {
    "embedded": "graph.embedded:EmbeddedEngine",
    "rdf": "graph.rdf:RdfEngine",
    "neo4j": "graph.neo4j_engine:Neo4jEngine",
}


@dataclass(frozen=True)
class AssignmentFilter:
    """Which task→unit assignments to fetch; ``None`` means "any".

    ``region_ids`` and ``levels``/``years`` filter by the *directive* the task
    belongs to (a 赣州 plan), ``domain_ids`` must already include narrower concepts.
    """

    unit_ids: Collection[str] | None = None
    task_ids: Collection[str] | None = None
    roles: Collection[str] | None = None
    domain_ids: Collection[str] | None = None
    region_ids: Collection[str] | None = None
    levels: Collection[str] | None = None
    years: Collection[int] | None = None
    directive_ids: Collection[str] | None = None


@dataclass(frozen=True)
class AssignmentFact:
    """One ASSIGNED edge with the nodes a row needs: the task, the unit and the directive."""

    edge: Edge
    task: Node
    unit: Node
    directive: Node


@runtime_checkable
class Engine(Protocol):
    """A loaded graph that answers the fetches the queries are built from.

    Every method returns *facts* (nodes, edges) whose ids and props are exactly
    those of the loaded :class:`GraphModel`; order does not matter.
    """

    name: str
    #: bumped by every :meth:`load`, so caches derived from the content (name and search
    #: indexes, precomputed aggregates) know when to rebuild.
    generation: int

    def load(self, model: GraphModel) -> None:
        """Replace the engine's content with ``model``."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...

    def nodes(self, ids: Collection[str]) -> list[Node]:
        """The nodes with these ids (unknown ids are skipped)."""
        ...

    def nodes_of_type(self, node_type: str) -> list[Node]:
        """Every node of one type (Directive, Unit, Domain …): dictionaries for resolving names."""
        ...

    def edges(
        self,
        node_ids: Collection[str],
        edge_types: Collection[str] | None = None,
        direction: EdgeDirection = "both",
    ) -> list[Edge]:
        """Edges touching any of ``node_ids`` (leaving, entering or both), optionally by type."""
        ...

    def assignments(self, flt: AssignmentFilter) -> list[AssignmentFact]:
        """Task→unit assignments matching every given criterion of ``flt``."""
        ...

    def tasks_of(self, directive_ids: Collection[str]) -> list[Node]:
        """The Task nodes of these directives."""
        ...

    def search_nodes(
        self, needles: Sequence[str], node_types: Sequence[str], limit: int | None = None
    ) -> list[Node]:
        """Nodes of these types whose ``search`` prop contains every needle (already normalised).

        With ``limit``, only the best ``limit`` matches in search order (:func:`graph.search_rank.score`,
        then the order of ``node_types``, then id) as a :class:`graph.ranked_search.RankedMatches`,
        which also says how many matched (counted up to :func:`graph.ranked_search.count_bound`).
        """
        ...

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Node counts by type and edge counts by type."""
        ...


def engine_class(name: str) -> type[Any]:
    """The class registered under ``name``, imported now (and only now)."""
    try:
        target = ENGINES[name]
    except KeyError:
        known = ", ".join(sorted(ENGINES))
        raise EngineUnavailable(f"Unknown engine {name!r}; choose one of: {known}") from None
    module_name, _, class_name = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, class_name)


def engine_available(name: str) -> bool:
    """Whether the module of engine ``name`` exists in this build (without importing its driver)."""
    module_name = ENGINES.get(name, "").partition(":")[0]
    return bool(module_name) and importlib.util.find_spec(module_name) is not None


def create_engine(name: str, **options: Any) -> Engine:
    """Instantiate the engine registered under ``name`` with engine-specific options."""
    return engine_class(name)(**options)
