"""The product's SKOS concept schemes (domains, unit functions) as the graph layer needs them.

The ontology (``ontology/zwgk.ttl``, read by :mod:`ontology.load`) is the
source of truth; this module adapts its schemes to plain records with ids
equal to the graph's node ids (``domain/fiscal``, ``function/finance``), so the
graph can include narrower concepts (财政预决算 under 财政信息公开) and show
Chinese labels. Without the ontology the schemes are empty and the graph falls
back to the ids the records carry, labelled by themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Concept:
    """One SKOS concept: id (``domain/fiscal``), Chinese and English labels, other labels, broader ids."""

    id: str
    label: str
    label_en: str | None
    alt_labels: tuple[str, ...]
    broader: tuple[str, ...]


@dataclass(frozen=True)
class Schemes:
    """The domain and the unit-function schemes, by concept id."""

    domains: dict[str, Concept]
    functions: dict[str, Concept]


def _adapt(scheme: object) -> dict[str, Concept]:
    out = {}
    for concept in scheme:  # type: ignore[attr-defined]
        out[concept.id] = Concept(
            id=concept.id,
            label=concept.label_zh or concept.label_en or concept.id,
            label_en=concept.label_en or None,
            alt_labels=tuple(sorted(concept.alt_labels)),
            broader=tuple(sorted(concept.broader)),
        )
    return dict(sorted(out.items()))


@cache
def schemes() -> Schemes:
    """Both schemes from the ontology (empty when the ontology is not installed)."""
    try:
        from ontology.load import domain_scheme, function_scheme
    except ImportError:
        return Schemes({}, {})
    return Schemes(_adapt(domain_scheme()), _adapt(function_scheme()))


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
