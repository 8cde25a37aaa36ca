"""The RDF engine: the model as triples in the ontology, queried with SPARQL.

rdflib's in-memory store by default; ``RdfEngine(store="oxigraph")`` puts the
same triples in Oxigraph (through oxrdflib) when the graph is large enough
for its faster joins to matter. The query-shaped fetches (assignments by
unit/domain/region/level/year, tasks of plans, text search, counts) are SPARQL;
describing a known resource (a node's props, the edges at a node) reads the
triple index directly, because rdflib's SPARQL evaluator pays per binding what
the index answers at once. Every fetch returns the model's own nodes and edges
(see :mod:`graph.rdf_mapping` for the inverse mapping), so the query functions
give the same answers as on the other engines. :meth:`sparql` runs a user's
read-only query with a row limit.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.plugins.stores.memory import Memory

from graph import ids
from graph.engine import AssignmentFact, AssignmentFilter, EdgeDirection
from graph.errors import InvalidArgument
from graph.model import EDGE_TYPES, Edge, GraphModel, Node
from graph.ranked_search import page_of
from graph.rdf_mapping import (
    CLASS_OF,
    CONTAINS_SECTION,
    CONTAINS_TASK,
    DIRECT_EDGES,
    REIFIED,
    TYPE_OF,
    ZX,
    model_to_rdf,
    node_id,
    node_iri,
    read_props,
)
from ontology.namespace import ZWGK

_PREFIXES = f"PREFIX zwgk: <{ZWGK}>\nPREFIX zx: <{ZX}>\nPREFIX dct: <{DCTERMS}>\nPREFIX skos: <{SKOS}>\n"
_REIFIED_CLASSES = {cls: t for t, (cls, *_rest) in REIFIED.items() if t != "IMPLEMENTS"}


def _values(var: str, terms: Iterable[Any]) -> str:
    return f"VALUES ?{var} {{ {' '.join(t.n3() for t in terms)} }}"


#: rdflib's SPARQL grammar (pyparsing) is shared module state and not thread-safe: two threads
#: parsing at once can fail with errors such as ``postParse2() missing … tokenList``. Parsing is
#: serialised here; evaluating the parsed query needs no lock.
_PARSE_LOCK = threading.Lock()


def _parsed(graph: Graph, query: str) -> Query | str:
    """``query`` parsed under the parse lock when rdflib evaluates it; Oxigraph parses its own (as text)."""
    if not isinstance(graph.store, Memory):
        return query
    with _PARSE_LOCK:
        return prepareQuery(query, initNs=dict(graph.namespaces()))


class RdfEngine:
    """Engine over an rdflib Graph holding :func:`graph.rdf_mapping.model_to_rdf` of the model."""

    name = "rdf"

    def __init__(self, store: str = "default") -> None:
        if store not in ("default", "oxigraph"):
            raise InvalidArgument(f"RDF store must be 'default' or 'oxigraph', not {store!r}.")
        self.store = store
        self.generation = 0
        self.graph = self._new_graph()

    def _new_graph(self) -> Graph:
        return Graph(store="Oxigraph") if self.store == "oxigraph" else Graph()

    def load(self, model: GraphModel) -> None:
        self.generation += 1
        self.graph = self._new_graph()
        model_to_rdf(model, self.graph)

    def close(self) -> None:
        self.graph.close()

    def _select(self, query: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.graph.query(_parsed(self.graph, _PREFIXES + query))]

    # -- nodes ---------------------------------------------------------------------------------

    # -- resources: described through the triple API ------------------------------------------
    # Reading one resource's triples is a description, not a query: rdflib's SPARQL evaluator
    # costs ~0.3 ms per binding, the triple index a few µs, in both stores.

    def _describe(self, subject: URIRef) -> Node | None:
        items = list(self.graph.predicate_objects(subject))
        classes = [TYPE_OF[o] for p, o in items if p == RDF.type and o in TYPE_OF]
        if not classes:
            return None
        node_type = classes[0]
        props = read_props(node_type, items)
        if node_type in ("Unit", "UnitGroup"):
            props["is_group"] = node_type == "UnitGroup"
            functions = [node_id(o) for p, o in items if p == ZWGK.function]
            if functions:
                props["function"] = functions[0]
        elif node_type == "Task":
            domains = sorted(node_id(o) for p, o in items if p == ZWGK.domain)
            if domains:
                props["domains"] = domains
        return Node(node_id(subject), node_type, props)

    def nodes(self, ids_: Collection[str]) -> list[Node]:
        found = (self._describe(node_iri(i)) for i in dict.fromkeys(ids_))
        return [n for n in found if n is not None]

    def nodes_of_type(self, node_type: str) -> list[Node]:
        if node_type not in CLASS_OF:
            return []
        found = (self._describe(s) for s in set(self.graph.subjects(RDF.type, CLASS_OF[node_type])))
        return [n for n in found if n is not None and n.type == node_type]

    def _reified_edge(self, resource: URIRef) -> Edge | None:
        items = list(self.graph.predicate_objects(resource))
        classes = [o for p, o in items if p == RDF.type and o in _REIFIED_CLASSES]
        if not classes:
            return None
        edge_type = _REIFIED_CLASSES[classes[0]]
        if edge_type == "CITES" and any(p == ZWGK.relation and str(v) == "implements" for p, v in items):
            edge_type = "IMPLEMENTS"
        _cls, src_pred, dst_pred, _shortcut, owner = REIFIED[edge_type]
        src = next(v for p, v in items if p == src_pred)
        dst = next(v for p, v in items if p == dst_pred)
        return Edge(node_id(resource), node_id(src), node_id(dst), edge_type, read_props(owner, items))

    def _edges_one_way(self, node_ids: Iterable[str], types: set[str], out: bool) -> list[Edge]:
        """Edges leaving (``out``) or entering each node, direct triples and reified resources."""
        direct: dict[URIRef, str] = {p: t for t, p in DIRECT_EDGES.items() if t in types}
        if "CONTAINS" in types:
            direct.update({CONTAINS_SECTION: "CONTAINS", CONTAINS_TASK: "CONTAINS"})
        if "IN_REGION" in types:
            direct.update({ZWGK.jurisdiction: "IN_REGION", ZWGK.region: "IN_REGION"})
        ends = sorted({REIFIED[t][1 if out else 2] for t in types if t in REIFIED})
        found: list[Edge] = []
        for nid in node_ids:
            node = node_iri(nid)
            if out:
                pairs = self.graph.predicate_objects(node)
            else:
                pairs = ((p, s) for s, p in self.graph.subject_predicates(node))
            for p, other in pairs:
                if p in direct:
                    src, dst = (nid, node_id(other)) if out else (node_id(other), nid)
                    found.append(Edge(ids.edge_id(direct[p], src, dst), src, dst, direct[p], {}))
            for end in ends:
                for resource in self.graph.subjects(end, node):
                    edge = self._reified_edge(resource)
                    if edge is not None and edge.type in types and (edge.src if out else edge.dst) == nid:
                        found.append(edge)
        return found

    def edges(
        self,
        node_ids: Collection[str],
        edge_types: Collection[str] | None = None,
        direction: EdgeDirection = "both",
    ) -> list[Edge]:
        types = set(edge_types) if edge_types is not None else set(EDGE_TYPES)
        ordered = sorted(set(node_ids))
        found: dict[str, Edge] = {}
        if direction in ("out", "both"):
            found.update((e.id, e) for e in self._edges_one_way(ordered, types, True))
        if direction in ("in", "both"):
            found.update((e.id, e) for e in self._edges_one_way(ordered, types, False))
        return list(found.values())

    # -- query fetches: SPARQL -----------------------------------------------------------------

    def assignments(self, flt: AssignmentFilter) -> list[AssignmentFact]:
        # rdflib joins a VALUES block lazily with what follows it, so each block comes first,
        # followed by the pattern it binds: the store is then probed per value, not scanned.
        clauses = []
        if flt.unit_ids is not None:
            clauses.append(_values("unit", map(node_iri, sorted(flt.unit_ids))))
        if flt.task_ids is not None:
            clauses.append(_values("task", map(node_iri, sorted(flt.task_ids))))
        if flt.directive_ids is not None:
            clauses.append(_values("d", map(node_iri, sorted(flt.directive_ids))))
        if flt.domain_ids is not None:
            clauses.append(
                _values("dom", map(node_iri, sorted(flt.domain_ids))) + " ?task zwgk:domain ?dom ."
            )
        if flt.region_ids is not None:
            clauses.append(
                _values("reg", map(node_iri, sorted(flt.region_ids))) + " ?d zwgk:jurisdiction ?reg ."
            )
        if flt.levels is not None:
            clauses.append(_values("lvl", (ZWGK[lv] for lv in sorted(flt.levels))) + " ?d zwgk:level ?lvl .")
        if flt.years is not None:
            clauses.append(
                _values("yr", (Literal(int(y)) for y in sorted(flt.years))) + " ?d zwgk:year ?yr ."
            )
        if flt.roles is not None:
            clauses.append(_values("role", (ZWGK[r] for r in sorted(flt.roles))))
        clauses += [
            "?d zwgk:hasTask ?task .",
            "?a zwgk:task ?task ; a zwgk:Assignment ; zwgk:unit ?unit ; zwgk:role ?role .",
        ]
        rows = self._select(f"SELECT DISTINCT ?a ?task ?unit ?d WHERE {{ {' '.join(clauses)} }}")
        if not rows:
            return []
        edges: dict[str, Edge] = {}
        for a in {a for a, *_ in rows}:
            edge = self._reified_edge(a)
            if edge is not None:
                edges[edge.id] = edge
        needed = {node_id(x) for _a, task, unit, d in rows for x in (task, unit, d)}
        nodes = {n.id: n for n in self.nodes(needed)}
        return [
            AssignmentFact(edges[node_id(a)], nodes[node_id(task)], nodes[node_id(unit)], nodes[node_id(d)])
            for a, task, unit, d in rows
        ]

    def tasks_of(self, directive_ids: Collection[str]) -> list[Node]:
        rows = self._select(
            f"SELECT ?t WHERE {{ {_values('d', map(node_iri, sorted(set(directive_ids))))} ?d zwgk:hasTask ?t }}"
        )
        return self.nodes([node_id(t) for (t,) in rows])

    def search_nodes(
        self, needles: Sequence[str], node_types: Sequence[str], limit: int | None = None
    ) -> list[Node]:
        if limit is not None:
            return page_of(self.search_nodes(needles, node_types), needles, limit, node_types)
        classes = [CLASS_OF[t] for t in sorted(node_types) if t in CLASS_OF]
        if not classes or not needles:
            return []
        test = " && ".join(f"CONTAINS(?x, {Literal(n).n3()})" for n in needles)
        rows = self._select(
            f"SELECT ?s WHERE {{ {_values('c', classes)} ?s a ?c ; zx:search ?x . FILTER({test}) }}"
        )
        return self.nodes([node_id(s) for (s,) in rows])

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        nodes = {
            TYPE_OF[c]: int(n)
            for c, n in self._select("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")
            if c in TYPE_OF
        }
        edges: dict[str, int] = defaultdict(int)
        direct = {
            **{p: t for t, p in DIRECT_EDGES.items()},
            CONTAINS_SECTION: "CONTAINS",
            CONTAINS_TASK: "CONTAINS",
        }
        direct.update({ZWGK.jurisdiction: "IN_REGION", ZWGK.region: "IN_REGION"})
        for p, n in self._select(
            f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {_values('p', direct)} ?s ?p ?o }} GROUP BY ?p"
        ):
            edges[direct[p]] += int(n)
        for c, rel, n in self._select(
            f"SELECT ?c ?rel (COUNT(DISTINCT ?r) AS ?n) WHERE {{ {_values('c', _REIFIED_CLASSES)} ?r a ?c . "
            "OPTIONAL { ?r zwgk:relation ?rel } } GROUP BY ?c ?rel"
        ):
            edge_type = _REIFIED_CLASSES[c]
            if edge_type == "CITES" and str(rel) == "implements":
                edge_type = "IMPLEMENTS"
            edges[edge_type] += int(n)
        return nodes, {k: v for k, v in edges.items() if v}

    # -- user queries --------------------------------------------------------------------------

    def sparql(self, query: str, limit: int = 10_000) -> tuple[list[str], list[list[Any]]]:
        """Run a read-only SELECT/ASK/CONSTRUCT query; at most ``limit`` rows. Updates are refused."""
        lowered = " ".join(query.lower().split())
        if any(word in lowered for word in ("insert ", "delete ", "load ", "clear ", "drop ", "create ")):
            raise InvalidArgument("Only read-only SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE) is allowed.")
        result = self.graph.query(_parsed(self.graph, query))
        if result.type == "ASK":
            return ["ask"], [[bool(result.askAnswer)]]
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            triples = list(result.graph)[:limit]  # type: ignore[union-attr]
            return ["s", "p", "o"], [[str(t) for t in triple] for triple in triples]
        names = [str(v) for v in result.vars or []]
        rows = []
        for row in result:
            rows.append([None if v is None else str(v) for v in row])  # type: ignore[union-attr]
            if len(rows) >= limit:
                break
        return names, rows
