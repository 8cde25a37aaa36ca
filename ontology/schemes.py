"""SKOS concept schemes as plain, immutable Python objects.

The domain and unit-function schemes are read from the Turtle once (see
:mod:`ontology.load`) and handed to ingest, graph and api as these objects, so
that no other layer needs rdflib to ask "what is narrower than 财政信息公开?" or
"which keywords identify a 发展改革 body?".

Concept ids are the IRI's local part in the zwgk namespace: ``domain/fiscal``,
``function/finance``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

CUE_WEIGHT = 0.3
"""Weight of a ``zwgk:cueLabel`` keyword relative to a full keyword (1.0)."""


def normalise_label(text: str) -> str:
    """Fold width (NFKC), case and whitespace so labels and texts compare equal."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(folded.split())


@dataclass(frozen=True)
class Concept:
    """One SKOS concept with everything a classifier or a query needs."""

    id: str  # e.g. "domain/fiscal"
    iri: str
    label_zh: str
    label_en: str
    alt_labels: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    narrower: tuple[str, ...] = ()  # direct narrower concepts
    gold_ids: tuple[str, ...] = ()  # own or inherited evaluation ids
    keywords: tuple[str, ...] = ()  # full-weight keyword labels, normalised
    cues: tuple[str, ...] = ()  # reduced-weight keyword labels, normalised
    pilot: bool = False  # one of the 26 pilot domains of 国办发〔2019〕54号
    typical_domains: tuple[str, ...] = ()  # for unit functions: the domains such a body usually leads

    @property
    def slug(self) -> str:
        """The id without its scheme prefix: ``fiscal`` for ``domain/fiscal``."""
        return self.id.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class ConceptScheme:
    """A concept scheme: concepts by id, hierarchy walks and keyword lookup."""

    iri: str
    label_zh: str
    label_en: str
    concepts: Mapping[str, Concept]
    fallback: str | None = None
    _by_name: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for concept in self.concepts.values():
            names = (concept.id, concept.slug, concept.iri, concept.label_zh, concept.label_en)
            for name in (*names, *concept.alt_labels):
                self._by_name.setdefault(normalise_label(name), concept.id)

    def __getitem__(self, concept_id: str) -> Concept:
        return self.concepts[concept_id]

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)

    def resolve(self, name: str) -> Concept | None:
        """Find a concept by id, slug, IRI or a zh/en label (width- and case-insensitive)."""
        concept_id = self._by_name.get(normalise_label(name))
        return self.concepts[concept_id] if concept_id else None

    @property
    def top_concepts(self) -> tuple[Concept, ...]:
        return tuple(c for c in self.concepts.values() if not c.broader)

    def top_of(self, concept_id: str) -> str:
        """The top concept above ``concept_id`` (following the first broader link)."""
        current = self.concepts[concept_id]
        while current.broader:
            current = self.concepts[current.broader[0]]
        return current.id

    def broader_closure(self, concept_id: str) -> frozenset[str]:
        """``concept_id`` and every concept above it."""
        return self._closure(concept_id, lambda c: c.broader)

    def narrower_closure(self, concept_id: str) -> frozenset[str]:
        """``concept_id`` and every concept below it: what a query on it should match."""
        return self._closure(concept_id, lambda c: c.narrower)

    def _closure(self, concept_id: str, step) -> frozenset[str]:
        seen = {concept_id}
        todo = [concept_id]
        while todo:
            for nxt in step(self.concepts[todo.pop()]):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return frozenset(seen)

    @cached_property
    def keyword_weights(self) -> Mapping[str, tuple[str, float]]:
        """Every keyword label → (concept id, weight); cue labels weigh :data:`CUE_WEIGHT`."""
        index: dict[str, tuple[str, float]] = {}
        for concept in self.concepts.values():
            for word in concept.cues:
                index.setdefault(word, (concept.id, CUE_WEIGHT))
            for word in concept.keywords:
                index[word] = (concept.id, 1.0)
        return index


@dataclass(frozen=True)
class DomainScheme(ConceptScheme):
    """The work-domain scheme, with its mapping to the evaluation ids."""

    def gold_ids(self, concept_id: str) -> frozenset[str]:
        return frozenset(self.concepts[concept_id].gold_ids)

    @property
    def all_gold_ids(self) -> frozenset[str]:
        return frozenset(g for c in self.concepts.values() for g in c.gold_ids)

    @property
    def pilot_domains(self) -> tuple[Concept, ...]:
        return tuple(c for c in self.concepts.values() if c.pilot)


@dataclass(frozen=True)
class FunctionScheme(ConceptScheme):
    """The unit-function scheme: what kind of body a unit name denotes."""

    def match(self, unit_name: str) -> Concept | None:
        """The function whose keyword ends latest in ``unit_name`` (ties: the longer keyword).

        The head of a Chinese organisation name is at its end, so in 市政府金融办 the
        keyword 金融办 decides rather than 政府; a longer keyword is more specific.
        """
        name = normalise_label(unit_name)
        best: tuple[int, int, str] | None = None
        for word, (concept_id, _weight) in self.keyword_weights.items():
            pos = name.rfind(word)
            if pos < 0:
                continue
            key = (pos + len(word), len(word), concept_id)
            if best is None or key[:2] > best[:2]:
                best = key
        return self.concepts[best[2]] if best else None
