"""How alike two tasks are: TF-IDF cosine over jieba words, blended with shared domains.

A county task rarely copies its parent's words exactly (规范政府网站 vs
深化政府网站集约化建设), so the score weighs the words the pair shares by how
rare they are among the candidate tasks (TF-IDF), and adds the share of
domains they have in common. Candidates are scored in id order with plain
floats, so every engine, given the same tasks, gets the same scores.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from graph.text import tokens

TEXT_WEIGHT = 0.8
DOMAIN_WEIGHT = 0.2


@dataclass(frozen=True)
class Scored:
    """A candidate's score and the parts that explain it."""

    index: int
    score: float
    text_score: float
    shared_domains: tuple[str, ...]
    shared_tokens: tuple[str, ...]


def _vector(words: list[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(words)
    vec = {w: (1 + math.log(c)) * idf.get(w, 0.0) for w, c in sorted(counts.items())}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {w: v / norm for w, v in vec.items()} if norm else {}


def jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def rank(
    query_text: str,
    query_domains: Sequence[str],
    candidates: Sequence[tuple[str, Sequence[str]]],
) -> list[Scored]:
    """Score every (text, domains) candidate against the query; best first, ties by position."""
    return rank_words(
        tokens(query_text), query_domains, [(tokens(text), domains) for text, domains in candidates]
    )


def rank_words(
    query_words: Sequence[str],
    query_domains: Sequence[str],
    candidates: Sequence[tuple[Sequence[str], Sequence[str]]],
) -> list[Scored]:
    """:func:`rank` on texts already segmented by :func:`graph.text.tokens` (e.g. cached per load)."""
    cand_words = [words for words, _ in candidates]
    df: Counter[str] = Counter(query_words and set(query_words))
    for words in cand_words:
        df.update(set(words))
    total = len(cand_words) + 1
    idf = {w: math.log((1 + total) / (1 + n)) + 1.0 for w, n in sorted(df.items())}
    qvec = _vector(query_words, idf)
    query_domain_set = set(query_domains)
    out = []
    for index, ((_, domains), words) in enumerate(zip(candidates, cand_words, strict=True)):
        shared = sorted(qvec.keys() & set(words))
        if shared:
            cvec = _vector(words, idf)
            text_score = sum(qvec[w] * cvec[w] for w in shared)
        else:
            text_score = 0  # as sum() of nothing: answers stay byte-identical to scoring in full
        shared_domains = tuple(sorted(query_domain_set & set(domains)))
        score = TEXT_WEIGHT * text_score + DOMAIN_WEIGHT * jaccard(query_domains, domains)
        out.append(Scored(index, round(score, 6), round(text_score, 6), shared_domains, tuple(shared)))
    out.sort(key=lambda s: (-s.score, s.index))
    return out
