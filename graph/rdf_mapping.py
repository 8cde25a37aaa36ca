"""The graph model as RDF in the product's ontology, and back.

:func:`model_to_rdf` writes every node and edge with the ontology's terms
(``zwgk:Directive``, ``zwgk:docNumber``, ``zwgk:implements``, reified
``zwgk:Assignment``, ``zwgk:Citation``, ``zwgk:DomainTagging`` and
``zwgk:InferredLineage`` for edges that carry provenance). Props the ontology
has no term for (the search form, the file path, region names) go to the
small :data:`ZX` namespace. :func:`node_from_triples` and the edge readers of
:mod:`graph.rdf` invert the mapping exactly, which is what lets the RDF engine
answer with the same facts as the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from graph import ids
from graph.model import GraphModel, Node
from graph.rdf_bulk import add_triples
from ontology.namespace import ZWGK

ZX = Namespace("https://zwgk.example.org/ontology/graph#")
"""Terms the graph engine needs beyond the ontology (search form, paths, names of regions)."""

CLASS_OF = {
    "Directive": ZWGK.Directive,
    "Section": ZWGK.Section,
    "Task": ZWGK.Task,
    "Unit": ZWGK.Unit,
    "UnitGroup": ZWGK.UnitGroup,
    "Region": ZWGK.Region,
    "Domain": ZWGK.Domain,
    "UnitFunction": ZWGK.UnitFunction,
}
TYPE_OF = {cls: name for name, cls in CLASS_OF.items()}

# prop → (predicate, kind); kinds: str, int, bool, date, list, ref (node id), concept (zwgk individual)
PROPS: dict[str, tuple[URIRef, str]] = {
    "label": (RDFS.label, "str"),
    "label_en": (ZX.labelEn, "str"),
    "search": (ZX.search, "str"),
    "concept": (SKOS.notation, "str"),
    "alt_labels": (SKOS.altLabel, "list"),
    "doc_number": (ZWGK.docNumber, "str"),
    "doc_number_key": (ZX.docNumberKey, "str"),
    "title": (DCTERMS.title, "str"),
    "alt_titles": (DCTERMS.alternative, "list"),
    "issuer": (ZX.issuerName, "str"),
    "region": (ZX.regionName, "str"),
    "province": (ZX.provinceName, "str"),
    "level": (ZWGK.level, "concept"),
    "year": (ZWGK.year, "int"),
    "date": (DCTERMS.issued, "date"),
    "kind": (ZWGK.kind, "str"),
    "file": (ZWGK.sourceFile, "str"),
    "path": (ZX.path, "str"),
    "sha256": (ZX.sha256, "str"),
    "stub": (ZWGK.isStub, "bool"),
    "task_count": (ZX.taskCount, "int"),
    "depth": (ZWGK.depth, "int"),
    "directive": (DCTERMS.isPartOf, "ref"),
    "n": (ZWGK.ordinal, "int"),
    "text": (ZWGK.taskText, "str"),
    "part": (ZWGK.part, "str"),
    "row_no": (ZWGK.rowNo, "str"),
    "deadline": (ZWGK.deadline, "deadline"),
    "deadline_text": (ZWGK.deadlineText, "str"),
    "section": (ZWGK.sectionPath, "path"),
    "line_start": (ZWGK.lineStart, "int"),
    "line_end": (ZWGK.lineEnd, "int"),
    "char_start": (ZWGK.charStart, "int"),
    "char_end": (ZWGK.charEnd, "int"),
    "name": (ZWGK.canonicalName, "str"),
    "written": (SKOS.altLabel, "list"),
    "full_name": (ZX.fullName, "str"),
    "code": (ZWGK.regionCode, "str"),
    # edge props
    "role": (ZWGK.role, "concept"),
    "relation": (ZWGK.relation, "str"),
    "doc_number_raw": (ZWGK.docNumberRaw, "str"),
    "reason": (ZWGK.reason, "str"),
    "rule": (ZX.rule, "str"),
    "words": (ZWGK.domainEvidence, "list"),
}
# Per node type, props stored under another predicate than the default one.
OVERRIDES: dict[tuple[str, str], tuple[URIRef, str]] = {
    ("Section", "title"): (ZWGK.heading, "str"),
    ("Citation", "title"): (ZWGK.citedTitle, "str"),
    ("Citation", "text"): (RDF.value, "str"),
    ("Assignment", "text"): (RDF.value, "str"),
    ("Assignment", "written"): (ZWGK.unitNameAsWritten, "str"),
    ("Unit", "written"): (SKOS.altLabel, "list"),
    ("UnitGroup", "written"): (SKOS.altLabel, "list"),
}
# Props derived from the type or from edges, not stored as literals.
DERIVED = {"is_group", "domains", "function"}
PATH_SEPARATOR = " / "
Triple = tuple[URIRef, URIRef, URIRef | Literal]

# Edges stored as one triple src --predicate--> dst.
DIRECT_EDGES: dict[str, URIRef] = {
    "HAS_TASK": ZWGK.hasTask,
    "BROADER": SKOS.broader,
    "HAS_FUNCTION": ZWGK.function,
    "PARENT_REGION": ZWGK.parentRegion,
    "ISSUED_BY": ZWGK.issuer,
}
CONTAINS_SECTION = ZWGK.hasSection
CONTAINS_TASK = DCTERMS.hasPart
IN_REGION = {"Directive": ZWGK.jurisdiction}  # units and groups: zwgk:region
# Edges that carry props, reified as a resource named by the edge id, plus a direct shortcut triple.
REIFIED: dict[str, tuple[URIRef, URIRef, URIRef, URIRef | None, str]] = {
    # type: (class, src predicate, dst predicate, shortcut predicate, reified kind for OVERRIDES)
    "ASSIGNED": (ZWGK.Assignment, ZWGK.task, ZWGK.unit, None, "Assignment"),
    "CITES": (ZWGK.Citation, ZWGK.citing, ZWGK.cited, ZWGK.mentions, "Citation"),
    "IMPLEMENTS": (ZWGK.Citation, ZWGK.citing, ZWGK.cited, ZWGK.implements, "Citation"),
    "INFERRED_IMPLEMENTS": (
        ZWGK.InferredLineage,
        ZWGK.lineageFrom,
        ZWGK.lineageTo,
        ZWGK.inferredImplements,
        "InferredLineage",
    ),
    "IN_DOMAIN": (ZWGK.DomainTagging, ZX.taggedTask, ZWGK.domain, ZWGK.domain, "DomainTagging"),
}
ROLE_SHORTCUTS = {
    "lead": ZWGK.leads,
    "responsible": ZWGK.responsibleFor,
    "cooperating": ZWGK.cooperatesOn,
    "reference": ZWGK.followsByReference,
    "guiding": ZWGK.guides,
}


def node_iri(node_id: str) -> URIRef:
    """Concepts live in the ontology namespace (``zwgk:domain/fiscal``); instances under /id/."""
    if node_id.startswith(("domain/", "function/")):
        return URIRef(str(ZWGK) + node_id)
    return URIRef(ids.iri(node_id))


def node_id(iri: URIRef | str) -> str:
    text = str(iri)
    if text.startswith(str(ZWGK)):
        return text[len(str(ZWGK)) :]
    return ids.id_from_iri(text)


def predicate(owner: str, prop: str) -> tuple[URIRef, str]:
    return OVERRIDES.get((owner, prop)) or PROPS[prop]


def _literals(value: Any, kind: str) -> list[Any]:
    if kind == "list":
        return [Literal(v) for v in value]
    if kind == "int":
        return [Literal(int(value), datatype=XSD.integer)]
    if kind == "bool":
        return [Literal(bool(value), datatype=XSD.boolean)]
    if kind == "concept":
        return [ZWGK[str(value)]]
    if kind == "ref":
        return [node_iri(value)]
    if kind == "path":
        return [Literal(PATH_SEPARATOR.join(value))]
    if kind in ("date", "deadline"):
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return [Literal(str(value))]
        return [Literal(str(value), datatype=XSD.date)]
    return [Literal(value)]


def prop_triples(subject: URIRef, owner: str, props: dict[str, Any]) -> Iterator[Triple]:
    """Props as triples of ``subject``; ``owner`` selects per-type predicates."""
    for prop, value in props.items():
        if prop in DERIVED or prop not in PROPS and (owner, prop) not in OVERRIDES:
            continue
        pred, kind = predicate(owner, prop)
        if kind == "deadline" and value == "ongoing":
            yield (subject, ZWGK.ongoing, Literal(True))
            continue
        for obj in _literals(value, kind):
            yield (subject, pred, obj)


def read_value(obj: Any, kind: str) -> Any:
    """One RDF term back to the model's value (lists are collected by the caller)."""
    if kind in ("concept", "ref"):
        return node_id(obj) if kind == "ref" else str(obj).rsplit("#", 1)[-1]
    if kind == "path":
        return str(obj).split(PATH_SEPARATOR) if str(obj) else []
    value = obj.toPython() if isinstance(obj, Literal) else str(obj)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read_props(owner: str, pairs: Iterable[tuple[Any, Any]]) -> dict[str, Any]:
    """Triples (predicate, object) of one subject back to the model's props."""
    reverse: dict[URIRef, tuple[str, str]] = {}
    for prop, (pred, kind) in PROPS.items():
        reverse.setdefault(pred, (prop, kind))
    for (own, prop), (pred, kind) in OVERRIDES.items():
        if own == owner:
            reverse[pred] = (prop, kind)
    props: dict[str, Any] = {}
    for pred, obj in pairs:
        if pred == ZWGK.ongoing:
            props["deadline"] = "ongoing"
            continue
        if pred not in reverse:
            continue
        prop, kind = reverse[pred]
        if kind == "list":
            props.setdefault(prop, []).append(str(obj))
        else:
            props[prop] = read_value(obj, kind)
    for key, value in props.items():
        if isinstance(value, list) and predicate(owner, key)[1] == "list":
            props[key] = sorted(value)
    return props


def bind_prefixes(graph: Graph) -> None:
    """The prefixes serialisations of the graph use."""
    graph.bind("zwgk", str(ZWGK))
    graph.bind("zx", str(ZX))
    graph.bind("id", ids.ID_BASE)
    graph.bind("dct", str(DCTERMS))
    graph.bind("prov", str(PROV))


def model_triples(model: GraphModel) -> Iterator[Triple]:
    """Every node and edge of ``model`` as triples, generated one by one (a triple may repeat)."""
    types = {n.id: n.type for n in model.nodes}
    iris = {n.id: node_iri(n.id) for n in model.nodes}  # each edge end is one of them, minted once
    for node in model.nodes:
        subject = iris[node.id]
        yield (subject, RDF.type, CLASS_OF[node.type])
        if node.type == "Directive" and node.get("task_count"):
            yield (subject, RDF.type, ZWGK.Plan)
        yield from prop_triples(subject, node.type, dict(node.props))
    for edge in model.edges:
        src, dst = iris[edge.src], iris[edge.dst]
        if edge.type in DIRECT_EDGES:
            yield (src, DIRECT_EDGES[edge.type], dst)
        elif edge.type == "CONTAINS":
            yield (src, CONTAINS_SECTION if types.get(edge.dst) == "Section" else CONTAINS_TASK, dst)
            if types.get(edge.dst) == "Section" and types.get(edge.src) == "Section":
                yield (dst, ZWGK.parentSection, src)
            if types.get(edge.dst) == "Task":
                yield (dst, ZWGK.section, src)
        elif edge.type == "IN_REGION":
            yield (src, IN_REGION.get(types.get(edge.src, ""), ZWGK.region), dst)
        else:
            cls, src_pred, dst_pred, shortcut, owner = REIFIED[edge.type]
            resource = URIRef(ids.iri(edge.id))
            yield (resource, RDF.type, cls)
            yield (resource, src_pred, src)
            yield (resource, dst_pred, dst)
            yield from prop_triples(resource, owner, dict(edge.props))
            if shortcut is not None:
                yield (src, shortcut, dst)
            if edge.type == "ASSIGNED":
                yield (src, ZWGK.assignment, resource)
                yield (dst, ROLE_SHORTCUTS[edge.get("role")], src)
            elif edge.type == "IN_DOMAIN":
                yield (src, ZWGK.domainTagging, resource)


def model_to_rdf(model: GraphModel, graph: Graph | None = None) -> Graph:
    """Every node and edge of ``model`` as triples (into ``graph`` when given), added in bulk.

    The triples go in through :func:`graph.rdf_bulk.add_triples`: Oxigraph bulk-loads them, other
    stores take ``Graph.addN`` batches; either way the graph holds exactly :func:`model_triples`.
    """
    graph = graph if graph is not None else Graph()
    bind_prefixes(graph)
    add_triples(graph, model_triples(model))
    return graph


def derived_props(node: Node) -> dict[str, Any]:
    """Props the RDF holds as class or edges rather than literals (see :data:`DERIVED`)."""
    return {k: v for k, v in node.props.items() if k in DERIVED}
