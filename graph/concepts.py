"""The product's SKOS concept schemes (domains, unit functions) as plain records.

The ontology (``ontology/zwgk.ttl``) is the source of truth; this module reads
its ``skos:Concept``s once, with their labels and ``skos:broader`` links, so
the graph can include narrower concepts (财政预决算 under 财政信息公开) and
show Chinese labels. A concept id is the local name of its IRI. When the
ontology file is not there, the schemes are empty and the graph falls back to
the ids the records carry, labelled by themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS


@dataclass(frozen=True)
class Concept:
    """One SKOS concept: id (IRI local name), Chinese label, English label, other labels, broader ids."""

    id: str
    iri: str
    label: str
    label_en: str | None
    alt_labels: tuple[str, ...]
    broader: tuple[str, ...]
    scheme: str | None


@dataclass(frozen=True)
class Schemes:
    """The domain and the unit-function schemes, by concept id."""

    domains: dict[str, Concept]
    functions: dict[str, Concept]


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/'."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _ontology_graph() -> Graph | None:
    try:
        ttl = resources.files("ontology").joinpath("zwgk.ttl")
        if not ttl.is_file():
            return None
        graph = Graph()
        graph.parse(data=ttl.read_text(encoding="utf-8"), format="turtle")
        return graph
    except (ModuleNotFoundError, FileNotFoundError):
        return None


def _label(graph: Graph, subject: URIRef, lang: str) -> str | None:
    for value in graph.objects(subject, SKOS.prefLabel):
        if getattr(value, "language", None) == lang:
            return str(value)
    return None


def _read(graph: Graph) -> list[Concept]:
    concepts = []
    for subject in sorted(set(graph.subjects(RDF.type, SKOS.Concept))):
        if not isinstance(subject, URIRef):
            continue
        zh = _label(graph, subject, "zh") or _label(graph, subject, "zh-Hans")
        en = _label(graph, subject, "en")
        plain = next((str(v) for v in graph.objects(subject, SKOS.prefLabel)), None)
        alts = tuple(sorted({str(v) for v in graph.objects(subject, SKOS.altLabel)}))
        broader = tuple(sorted(local_name(str(b)) for b in graph.objects(subject, SKOS.broader)))
        scheme = next((str(s) for s in graph.objects(subject, SKOS.inScheme)), None)
        concepts.append(
            Concept(
                id=local_name(str(subject)),
                iri=str(subject),
                label=zh or plain or en or local_name(str(subject)),
                label_en=en,
                alt_labels=alts,
                broader=broader,
                scheme=scheme,
            )
        )
    return concepts


def _is_function_scheme(scheme: str | None) -> bool:
    return scheme is not None and "function" in local_name(scheme).lower()


@cache
def schemes() -> Schemes:
    """Both schemes from the ontology (empty when the ontology is not installed)."""
    graph = _ontology_graph()
    if graph is None:
        return Schemes({}, {})
    domains: dict[str, Concept] = {}
    functions: dict[str, Concept] = {}
    for concept in _read(graph):
        (functions if _is_function_scheme(concept.scheme) else domains)[concept.id] = concept
    return Schemes(domains, functions)


def narrower_closure(concept_ids: Iterable[str], broader: dict[str, tuple[str, ...]]) -> set[str]:
    """The concepts and every concept below them, given each concept's broader ids."""
    children: dict[str, set[str]] = {}
    for child, parents in broader.items():
        for parent in parents:
            children.setdefault(parent, set()).add(child)
    seen: set[str] = set()
    stack = list(concept_ids)
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(children.get(current, ()))
    return seen
