"""Cached loaders: the one place that parses the ontology's Turtle files.

Every other layer asks here for the ontology graph, the SHACL shapes, or the
domain and unit-function schemes as immutable Python objects.  Parsing happens
once per process.  The returned graphs are shared: copy them before adding
triples.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TypeVar

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from ontology.namespace import ZWGK
from ontology.schemes import Concept, ConceptScheme, DomainScheme, FunctionScheme, normalise_label

ONTOLOGY_FILE = "zwgk.ttl"
SHAPES_FILE = "shapes.ttl"

S = TypeVar("S", bound=ConceptScheme)


def _read(name: str) -> str:
    return resources.files("ontology").joinpath(name).read_text(encoding="utf-8")


@cache
def ontology_graph() -> Graph:
    """The ontology with its concept schemes; skos:narrower is added as the inverse of skos:broader."""
    graph = Graph()
    graph.parse(data=_read(ONTOLOGY_FILE), format="turtle")
    for narrower, broader in list(graph.subject_objects(SKOS.broader)):
        graph.add((broader, SKOS.narrower, narrower))
    graph.bind("zwgk", str(ZWGK))
    return graph


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes that every built graph must satisfy."""
    graph = Graph()
    graph.parse(data=_read(SHAPES_FILE), format="turtle")
    return graph


@cache
def domain_scheme() -> DomainScheme:
    """The work-domain scheme (zwgk:DomainScheme) with keywords and evaluation ids."""
    return _scheme(ZWGK.DomainScheme, DomainScheme)


@cache
def function_scheme() -> FunctionScheme:
    """The unit-function scheme (zwgk:FunctionScheme) with the name stems that identify a body."""
    return _scheme(ZWGK.FunctionScheme, FunctionScheme)


def concept_id(iri: URIRef | str) -> str:
    """``https://zwgk.example.org/ontology#domain/fiscal`` → ``domain/fiscal``."""
    text = str(iri)
    base = str(ZWGK)
    if not text.startswith(base):
        raise ValueError(f"{text} is not in the zwgk namespace {base}")
    return text[len(base) :]


def concept_iri(concept: str) -> URIRef:
    """``domain/fiscal`` → its IRI in the zwgk namespace."""
    return URIRef(str(ZWGK) + concept)


def _label(graph: Graph, node: URIRef, prop: URIRef, lang: str) -> str:
    for value in graph.objects(node, prop):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return ""


def _zh_labels(graph: Graph, node: URIRef, prop: URIRef) -> list[str]:
    return sorted(str(v) for v in graph.objects(node, prop) if isinstance(v, Literal) and v.language == "zh")


def _scheme(scheme_iri: URIRef, cls: type[S]) -> S:
    graph = ontology_graph()
    fallback = graph.value(scheme_iri, ZWGK.fallbackConcept)
    members = sorted(set(graph.subjects(SKOS.inScheme, scheme_iri)), key=str)
    broader = {m: sorted(graph.objects(m, SKOS.broader), key=str) for m in members}
    narrower = {m: sorted(graph.objects(m, SKOS.narrower), key=str) for m in members}

    def gold(node: URIRef) -> tuple[str, ...]:
        own = sorted(str(v) for v in graph.objects(node, ZWGK.goldId))
        if own or not broader[node]:
            return tuple(own)
        return tuple(sorted({g for b in broader[node] for g in gold(b)}))

    concepts: dict[str, Concept] = {}
    for node in members:
        cues = _zh_labels(graph, node, ZWGK.cueLabel)
        labels = [] if node == fallback else _zh_labels(graph, node, SKOS.prefLabel)
        labels += _zh_labels(graph, node, SKOS.altLabel)
        labels += [w for w in _zh_labels(graph, node, SKOS.hiddenLabel) if w not in cues]
        cid = concept_id(node)
        concepts[cid] = Concept(
            id=cid,
            iri=str(node),
            label_zh=_label(graph, node, SKOS.prefLabel, "zh"),
            label_en=_label(graph, node, SKOS.prefLabel, "en"),
            alt_labels=tuple(_zh_labels(graph, node, SKOS.altLabel)),
            broader=tuple(concept_id(b) for b in broader[node]),
            narrower=tuple(concept_id(n) for n in narrower[node]),
            gold_ids=gold(node),
            keywords=tuple(dict.fromkeys(normalise_label(w) for w in labels)),
            cues=tuple(dict.fromkeys(normalise_label(w) for w in cues)),
            pilot=bool(graph.value(node, ZWGK.pilotDomain2019)),
            typical_domains=tuple(sorted(concept_id(d) for d in graph.objects(node, ZWGK.typicalDomain))),
        )
    return cls(
        iri=str(scheme_iri),
        label_zh=_label(graph, scheme_iri, SKOS.prefLabel, "zh")
        or _label(graph, scheme_iri, RDFS.label, "zh"),
        label_en=_label(graph, scheme_iri, SKOS.prefLabel, "en")
        or _label(graph, scheme_iri, RDFS.label, "en"),
        concepts=concepts,
        fallback=concept_id(fallback) if fallback is not None else None,
    )


__all__ = [
    "concept_id",
    "concept_iri",
    "domain_scheme",
    "function_scheme",
    "ontology_graph",
    "shapes_graph",
]
