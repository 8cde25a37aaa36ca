"""The best few of many search matches, ranked exactly as :func:`graph.explore.search` promises.

A common word (政务公开) matches tens of thousands of tasks at national scale,
and a page shows twenty. Scoring every match in Python costs more than the
index lookup itself, so the ranking works on columns: the matches' search
forms, their lengths and whether they start with the text are computed with
C-level ``map``; only the matches that can reach the page (every exact or
prefix match, the shortest others, and every other whose rounded score ties
with the last of them) are scored in full and sorted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import compress, repeat
from operator import ge, not_

from graph.model import Node


def score(form: str, whole: str) -> float:
    """Exact names first, then names starting with the text, then shorter forms (rounded to 6 places)."""
    boost = 2.0 if form == whole else 1.0 if form.startswith(whole) else 0.0
    return round(1.0 + boost + 1.0 / (1 + len(form)), 6)


def _plain(length: int) -> float:
    return round(1.0 + 1.0 / (1 + length), 6)


def top(found: Sequence[Node], whole: str, count: int, type_rank: dict[str, int]) -> list[Node]:
    """The first ``count`` of ``found`` by (score descending, type rank, id), with their forms scored."""
    if count <= 0 or not found:
        return []
    forms = getattr(found, "forms", None)  # an index may hand the forms over with its matches
    if forms is None or len(forms) != len(found):
        forms = [node.get("search") or "" for node in found]
    lengths = list(map(len, forms))
    starts = list(map(str.startswith, forms, repeat(whole)))
    boosted = list(compress(range(len(forms)), starts))
    others = list(compress(range(len(forms)), map(not_, starts)))
    chosen = set(boosted)
    if others:
        other_lengths = list(map(lengths.__getitem__, others))
        # The length of the count-th shortest other match, counted (in C) rather than heap-selected.
        seen, cut = 0, 0
        for length, number in sorted(Counter(other_lengths).items()):
            seen, cut = seen + number, length
            if seen >= count:
                break
        # Rounding can give a longer form the same score as the cut: those tie on type and id.
        while _plain(cut + 1) == _plain(cut):
            cut += 1
        chosen.update(compress(others, map(ge, repeat(cut), other_lengths)))
    ranked = sorted(
        chosen, key=lambda i: (-score(forms[i], whole), type_rank.get(found[i].type, 9), found[i].id)
    )
    return [found[i] for i in ranked[:count]]
