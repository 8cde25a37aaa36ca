"""Indexes derived from an engine's content, built once per load and shared by every query.

Resolving 市财政局 or 国办发〔2019〕54号 used to normalise the name of every
Unit or Directive node on every call; at national scale that is a second per
question. :func:`of` returns the :class:`Lookups` of an engine: name → node
dictionaries, domain closures, the region tree, the question lexicon, the
graph's counts and the ``units_for`` aggregates. Each part is built on first
use from the :class:`graph.engine.Engine` fetches only (so every engine gets the
same indexes and the same answers), and the whole object is dropped when the
engine's ``generation`` changes, i.e. after every ``load()``.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Any
from weakref import WeakKeyDictionary

from graph import ids
from graph.concepts import narrower_closure
from graph.engine import Engine
from graph.gcpause import collector_paused
from graph.ids import fold
from graph.model import CITATION_EDGE_TYPES, Node
from graph.regions import short_forms
from graph.rows import LEVEL_ORDER
from graph.text import search_form

UNIT_TYPES = ("Unit", "UnitGroup")

_CACHE: WeakKeyDictionary[Any, Lookups] = WeakKeyDictionary()
_LOCK = threading.Lock()


def name_key(text: str) -> str:
    """How names are compared: simplified, half width, lower case, without spaces."""
    return search_form(fold(text))


def _group(pairs: Iterable[tuple[str, Node]]) -> dict[str, tuple[Node, ...]]:
    """key → nodes (each once, by id)."""
    grouped: dict[str, dict[str, Node]] = defaultdict(dict)
    for key, node in pairs:
        if key:
            grouped[key][node.id] = node
    return {k: tuple(v[i] for i in sorted(v)) for k, v in grouped.items()}


def _first(pairs: Iterable[tuple[str, Node]]) -> dict[str, Node]:
    """key → the first node given for it (callers pass nodes in their order of precedence)."""
    out: dict[str, Node] = {}
    for key, node in pairs:
        if key:
            out.setdefault(key, node)
    return out


def directive_precedence(node: Node) -> tuple[bool, bool, str]:
    """Ingested before stubs; of two files with one number, the one holding the number's id first."""
    return (bool(node.get("stub")), node.id.startswith("directive/sha-"), node.id)


class built_once:  # noqa: N801 - used like functools.cached_property
    """Like ``functools.cached_property``, but two requests arriving together build the value once.

    A server answers in several threads; building the national aggregates twice at
    once would double the memory they need for a while.
    """

    def __init__(self, build: Callable[[Any], Any]) -> None:
        self.build = build
        self.name = build.__name__
        self.__doc__ = build.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        try:
            return obj.__dict__[self.name]
        except KeyError:
            pass
        with obj.lock:
            if self.name not in obj.__dict__:
                with collector_paused():  # an index makes many objects and no garbage
                    obj.__dict__[self.name] = self.build(obj)
            return obj.__dict__[self.name]


class Lookups:
    """The indexes of one engine at one generation; every attribute is built on first use."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.generation = engine.generation
        self.lock = threading.RLock()
        self._kept: dict[Hashable, tuple[Hashable, Any]] = {}

    def keep(self, name: Hashable, build: Callable[[], Any], version: Hashable = None) -> Any:
        """A structure another module derives from this load (its search index, task words),
        built once under ``name`` and rebuilt only when ``version`` changes; dropped with the load."""
        entry = self._kept.get(name)
        if entry is not None and entry[0] == version:
            return entry[1]
        with self.lock:
            entry = self._kept.get(name)
            if entry is None or entry[0] != version:
                with collector_paused():
                    entry = (version, build())
                self._kept[name] = entry
            return entry[1]

    # Units -----------------------------------------------------------------------------------
    @built_once
    def unit_pool(self) -> tuple[Node, ...]:
        return tuple(n for t in UNIT_TYPES for n in self.engine.nodes_of_type(t))

    @built_once
    def units_by_name(self) -> dict[str, tuple[Node, ...]]:
        """Canonical name or a name as written → units (and groups)."""
        return _group(
            (key, n)
            for n in self.unit_pool
            for key in {name_key(n.get("name", "")), *(name_key(w) for w in n.get("written", []))}
        )

    @built_once
    def units_by_written(self) -> dict[str, tuple[Node, ...]]:
        """A name as written → units, for names prefixed with their region (赣州市 + 市财政局)."""
        return _group(
            (name_key(w), n) for n in self.unit_pool if n.get("region") for w in n.get("written", [])
        )

    @built_once
    def region_prefixes(self) -> dict[str, frozenset[str]]:
        """The key of a short form of a region name → the region names it shortens."""
        out: dict[str, set[str]] = defaultdict(set)
        for name in {n.get("region") for n in self.unit_pool if n.get("region")}:
            for form in short_forms(name):
                out[name_key(form)].add(name)
        return {k: frozenset(v) for k, v in out.items() if k}

    # Domains ---------------------------------------------------------------------------------
    @built_once
    def domains_by_name(self) -> dict[str, Node]:
        pool = sorted(self.engine.nodes_of_type("Domain"), key=lambda n: n.id)
        return _first(
            (name_key(label), node)
            for node in pool
            for label in (
                node.id,
                node.get("concept", ""),
                node.get("label", ""),
                node.get("label_en") or "",
                *node.get("alt_labels", []),
            )
            if label
        )

    @built_once
    def broader(self) -> dict[str, tuple[str, ...]]:
        """Domain id → its broader concepts."""
        all_domains = [n.id for n in self.engine.nodes_of_type("Domain")]
        out: dict[str, tuple[str, ...]] = defaultdict(tuple)
        for edge in self.engine.edges(all_domains, ["BROADER"], "out"):
            out[edge.src] += (edge.dst,)
        return dict(out)

    @built_once
    def closures(self) -> dict[str, frozenset[str]]:
        """Domain id → itself and every narrower concept."""
        return {
            n.id: frozenset(narrower_closure([n.id], self.broader))
            for n in self.engine.nodes_of_type("Domain")
        }

    @built_once
    def ancestors(self) -> dict[str, frozenset[str]]:
        """Domain id → every concept whose closure holds it (itself and the broader ones)."""
        out: dict[str, set[str]] = defaultdict(set)
        for concept, members in self.closures.items():
            for member in members:
                out[member].add(concept)
        return {k: frozenset(v) for k, v in out.items()}

    # Regions ---------------------------------------------------------------------------------
    @built_once
    def regions_by_name(self) -> dict[str, Node]:
        pool = sorted(self.engine.nodes_of_type("Region"), key=lambda n: (len(n.get("name", "")), n.id))
        return _first(
            (name_key(form), node)
            for node in pool
            for form in (
                node.id,
                node.get("code") or "",
                node.get("full_name") or "",
                *short_forms(node.get("name", "")),
            )
            if form
        )

    @built_once
    def region_children(self) -> dict[str, tuple[str, ...]]:
        regions = [n.id for n in self.engine.nodes_of_type("Region")]
        out: dict[str, list[str]] = defaultdict(list)
        for edge in self.engine.edges(regions, ["PARENT_REGION"], "in"):
            out[edge.dst].append(edge.src)
        return {k: tuple(sorted(v)) for k, v in out.items()}

    def region_and_below(self, region_id: str) -> frozenset[str]:
        out = {region_id}
        frontier = [region_id]
        while frontier:
            frontier = sorted({c for r in frontier for c in self.region_children.get(r, ())} - out)
            out.update(frontier)
        return frozenset(out)

    # Directives ------------------------------------------------------------------------------
    @built_once
    def directive_pool(self) -> tuple[Node, ...]:
        return tuple(sorted(self.engine.nodes_of_type("Directive"), key=directive_precedence))

    @built_once
    def citation_links(
        self,
    ) -> tuple[dict[str, tuple[tuple[str, str], ...]], dict[str, tuple[tuple[str, str], ...]]]:
        """Directive → (link type, directive it cites), and directive → (link type, directive citing it).

        Lineage walks thousands of directives below a national plan on every call; plain tuples of
        ids are walked many times faster than edges fetched ring by ring.
        """
        cites: dict[str, list[tuple[str, str]]] = defaultdict(list)
        cited_by: dict[str, list[tuple[str, str]]] = defaultdict(list)
        ids_ = [n.id for n in self.directive_pool]
        for edge in self.engine.edges(ids_, CITATION_EDGE_TYPES, "out"):
            cites[edge.src].append((edge.type, edge.dst))
            cited_by[edge.dst].append((edge.type, edge.src))
        return ({k: tuple(v) for k, v in cites.items()}, {k: tuple(v) for k, v in cited_by.items()})

    @built_once
    def directive_rank(self) -> dict[str, int]:
        return {n.id: i for i, n in enumerate(self.directive_pool)}

    @built_once
    def lineage_rank(self) -> dict[str, int]:
        """Directive id → its place in lineage order within one ring (level, national first; then id)."""
        ordered = sorted(self.directive_pool, key=lambda n: (LEVEL_ORDER.get(n.get("level"), 9), n.id))
        return {n.id: i for i, n in enumerate(ordered)}

    @built_once
    def directives_by_number(self) -> dict[str, Node]:
        return _first((n.get("doc_number_key") or "", n) for n in self.directive_pool)

    @built_once
    def directives_by_number_suffix(self) -> dict[str, Node]:
        """Every suffix of a doc-number key → the first directive whose key ends with it."""
        return _first(
            (key[i:], n)
            for n in self.directive_pool
            if (key := n.get("doc_number_key") or "")
            for i in range(len(key))
        )

    @built_once
    def directives_by_title(self) -> dict[str, Node]:
        return _first(
            (ids.title_key(t), n)
            for n in self.directive_pool
            for t in (n.get("title") or "", *n.get("alt_titles", []))
            if t
        )

    # Products of the queries -----------------------------------------------------------------
    @built_once
    def stats(self) -> Any:
        from graph.explore import compute_stats

        return compute_stats(self.engine)

    @built_once
    def lexicon(self) -> Any:
        from graph.ask_lexicon import build_lexicon

        return build_lexicon(self.engine)

    @built_once
    def assignments(self) -> Any:
        from graph.aggregates import AssignmentAggregates

        return AssignmentAggregates(self.engine, self)


def of(engine: Engine) -> Lookups:
    """The lookups of ``engine`` at its current generation (rebuilt after every load)."""
    current = _CACHE.get(engine)
    if current is not None and current.generation == engine.generation:
        return current
    with _LOCK:
        current = _CACHE.get(engine)
        if current is None or current.generation != engine.generation:
            current = Lookups(engine)
            _CACHE[engine] = current
    return current


def warm(engine: Engine) -> Lookups:
    """Build every index now (after a load), so no user question pays for it.

    The cyclic collector is paused meanwhile and the indexes are frozen out of its later passes
    (they live as long as the load), which saves about a third of the time.
    """
    with collector_paused(freeze=True):
        return _warm(engine)


def _warm(engine: Engine) -> Lookups:
    found = of(engine)
    for name in (
        "units_by_name",
        "units_by_written",
        "region_prefixes",
        "domains_by_name",
        "closures",
        "ancestors",
        "regions_by_name",
        "region_children",
        "directives_by_number",
        "directives_by_number_suffix",
        "directives_by_title",
        "directive_rank",
        "citation_links",
        "lineage_rank",
        "stats",
        "lexicon",
    ):
        getattr(found, name)
    found.assignments.warm()
    from graph.ask import prepare

    prepare()
    from graph.explore import SEARCH_TYPES

    engine.search_nodes(["政务"], SEARCH_TYPES)  # an engine with a search index of its own builds it now
    return found
