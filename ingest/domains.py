"""Tag a task with the work domains it belongs to, keeping the deciding words.

The vocabulary is the SKOS domain scheme (``ontology/zwgk.ttl``): every concept's
labels and keyword labels are looked up in the task text and in its section
headings (:mod:`ingest.keywords`).  Matches are pooled by top concept
(财政预决算 counts for 财政信息公开), weighted, and the strongest areas win:

* the innermost heading is strong context, outer headings weaker;
* a keyword repeated in the text adds less each time;
* a list that names three or more different areas (教育、卫生健康、供水、供电…)
  states a scope rather than the topic: areas named only once in it count
  little, while the area that dominates the list keeps its weight;
* an area must reach a share of the best area's score; at most three win;
* the scheme's fallback concept (其他) is used only when nothing matched.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ingest.keywords import KeywordMatcher, Match, normalise_text
from ingest.records import DomainTag
from ontology.load import domain_scheme, function_scheme
from ontology.schemes import DomainScheme

INNER_HEADING_WEIGHT = 2.0
OUTER_HEADING_WEIGHT = 1.0
REPEAT_WEIGHT = 0.5  # a keyword seen again in the same text
ENUMERATION_WEIGHT = 0.25  # an area named once inside a list of several areas
ENUMERATION_AREAS = 3
ENUMERATION_MAJORITY = 0.5  # share of a list's matches that makes an area its subject
RELATIVE_THRESHOLD = 0.4
MIN_SCORE = 0.9
MAX_DOMAINS = 3
TEXT_CAP = 6.0
LEAD_UNIT_WEIGHT = 1.5  # a lead unit's typical domain: weak evidence
MAX_LEAD_UNITS = 3  # most a task text can add to one area: a long text must not drown its heading

_CLAUSE = re.compile(r"[,.;:!?()\[\]，。；：！？（）【】]")


@cache
def _matcher() -> tuple[DomainScheme, KeywordMatcher, dict[str, tuple[str, float]]]:
    scheme = domain_scheme()
    weights = dict(scheme.keyword_weights)
    return scheme, KeywordMatcher(weights), weights


@lru_cache(maxsize=4096)
def _heading_matches(heading: str) -> tuple[Match, ...]:
    """Keyword matches in a section heading, kept: every task under a heading repeats it."""
    return tuple(_matcher()[1].find(heading))


@dataclass(frozen=True)
class DomainScores:
    """How a task was scored: per top concept, its score and the matched words by concept."""

    scores: Mapping[str, float]
    evidence: Mapping[str, Mapping[str, tuple[str, ...]]]

    def chosen(self) -> list[str]:
        """The winning top concepts, strongest first."""
        if not self.scores:
            return []
        floor = max(MIN_SCORE, RELATIVE_THRESHOLD * max(self.scores.values()))
        ranked = sorted((t for t, s in self.scores.items() if s >= floor), key=lambda t: (-self.scores[t], t))
        return ranked[:MAX_DOMAINS]


def score_domains(
    text: str, section: Sequence[str] = (), leads: Sequence[tuple[str, str]] = ()
) -> DomainScores:
    """Score every top domain concept for a task; :func:`classify_domains` picks from this.

    ``leads`` are the task's lead units as (name as written, unit-function id): a
    body's typical domain (财政局 → 财政信息公开) is weak evidence, counted only
    when few units lead, since a row led by a dozen bodies says nothing by them.
    """
    scheme, matcher, weights = _matcher()
    scores: dict[str, float] = defaultdict(float)
    evidence: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))

    def note(match: Match) -> tuple[str, str, float]:
        concept, weight = weights[match.word]
        top = scheme.top_of(concept)
        if match.word not in evidence[top][concept]:
            evidence[top][concept].append(match.word)
        return top, concept, weight

    for depth, heading in enumerate(reversed(section)):
        per_top: dict[str, float] = {}
        for match in _heading_matches(heading):
            top, _, weight = note(match)
            per_top[top] = max(per_top.get(top, 0.0), weight)
        heading_weight = INNER_HEADING_WEIGHT if depth == 0 else OUTER_HEADING_WEIGHT
        for top, weight in per_top.items():
            scores[top] += heading_weight * weight

    for top, weight in _text_scores(text, matcher, scheme, weights, note).items():
        scores[top] += weight
    if 0 < len(leads) <= MAX_LEAD_UNITS:
        for name, concept, top in _lead_domains(leads, scheme):
            scores[top] += LEAD_UNIT_WEIGHT
            if name not in evidence[top][concept]:
                evidence[top][concept].append(name)
    frozen = {top: {c: tuple(w) for c, w in by_concept.items()} for top, by_concept in evidence.items()}
    return DomainScores(dict(scores), frozen)


def _lead_domains(leads: Sequence[tuple[str, str]], scheme: DomainScheme) -> list[tuple[str, str, str]]:
    """(unit name, domain concept, top concept) for each distinct typical domain of the lead units."""
    functions = function_scheme()
    out: dict[str, tuple[str, str, str]] = {}
    for name, function in leads:
        concept = functions.concepts.get(function if "/" in function else f"function/{function}")
        for domain in concept.typical_domains if concept else ():
            if domain in scheme.concepts:
                out.setdefault(domain, (name, domain, scheme.top_of(domain)))
    return list(out.values())


def classify_domains(
    text: str, section: Sequence[str] = (), leads: Sequence[tuple[str, str]] = ()
) -> tuple[DomainTag, ...]:
    """Domain concepts of a task, strongest area first, each with the words that decided it.

    ``section`` is the heading path of the task, outermost first; ``leads`` the
    lead units with their functions (see :func:`score_domains`).
    """
    scheme = domain_scheme()
    result = score_domains(text, section, leads)
    chosen = result.chosen()
    if not chosen:
        return (DomainTag(scheme.fallback, ()),) if scheme.fallback else ()
    return tuple(
        DomainTag(concept, words) for top in chosen for concept, words in result.evidence[top].items()
    )


def _text_scores(
    text: str,
    matcher: KeywordMatcher,
    scheme: DomainScheme,
    weights: Mapping[str, tuple[str, float]],
    note: Callable[[Match], tuple[str, str, float]],
) -> dict[str, float]:
    """Score each top concept from the task text, discounting scope lists; ``note`` records evidence."""
    seen: set[str] = set()
    scores: dict[str, float] = defaultdict(float)
    for clause, matches in _clauses(text, matcher):
        tops = [scheme.top_of(weights[m.word][0]) for m in matches]
        full = [t for m, t in zip(matches, tops, strict=True) if weights[m.word][1] >= 1.0]
        counts = {t: full.count(t) for t in full}
        is_list = "、" in clause and len(counts) >= ENUMERATION_AREAS
        for match, top in zip(matches, tops, strict=True):
            _, _, weight = note(match)
            if match.word in seen:
                weight *= REPEAT_WEIGHT
            seen.add(match.word)
            if is_list and counts.get(top, 0) < ENUMERATION_MAJORITY * len(full):
                weight *= ENUMERATION_WEIGHT
            scores[top] += weight
    return {top: min(score, TEXT_CAP) for top, score in scores.items()}


def _clauses(text: str, matcher: KeywordMatcher) -> list[tuple[str, list[Match]]]:
    """The keyword matches grouped by clause (text between commas, stops, semicolons)."""
    norm = normalise_text(text)
    bounds = [0, *(m.end() for m in _CLAUSE.finditer(norm)), len(norm)]
    groups: dict[int, list[Match]] = defaultdict(list)
    for match in matcher.find_normalised(norm):
        groups[bisect_right(bounds, match.start) - 1].append(match)
    return [(norm[bounds[k] : bounds[k + 1]], groups[k]) for k in sorted(groups)]


def to_gold_ids(tags: Iterable[DomainTag]) -> set[str]:
    """The evaluation ids (``fiscal``, ``platforms``…) that these product concepts map to."""
    scheme = domain_scheme()
    return {gold for tag in tags if tag.id in scheme for gold in scheme.gold_ids(tag.id)}
