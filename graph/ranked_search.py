"""One page of search matches whose cost does not grow with the number of matches.

A common word (政务公开) matches hundreds of thousands of tasks at national scale
while a page shows twenty. :class:`RankedIndex` keeps the embedded engine's
bigram index (:class:`graph.search_index.SearchIndex`) over nodes laid out in
ranking order — shorter search forms first, ties by type order and id, as
:func:`graph.search_rank.score` ranks a match that neither is nor starts with
the text — so the first matches found in a posting list are the best of them.
Names that are or start with the text rank above every other match; they form one
range of the nodes sorted by search form, found by bisection.

Counting every match would cost a pass over all of them, so matches are counted
up to :func:`count_bound` only: beyond it ``total`` is that bound and
``total_is_lower_bound`` is set. :func:`page_of` gives the same answer from a
full list of matches, for engines that fetch every match anyway.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress, repeat
from operator import contains, not_
from typing import Any

from graph.model import Node
from graph.search_index import SearchIndex, bigrams
from graph.search_rank import top

#: Matches are counted exactly up to this many (or up to the page's end, if further).
COUNT_LIMIT = 10_000
_CHUNK = 4096


def count_bound(count: int) -> int:
    """How many matches are counted exactly when a page ends at ``count``."""
    return max(COUNT_LIMIT, count)


class RankedMatches(list[Node]):
    """The best matches in ranking order, with how many nodes matched in all."""

    def __init__(self, nodes: Sequence[Node], total: int, total_is_lower_bound: bool) -> None:
        super().__init__(nodes)
        self.total = total
        self.total_is_lower_bound = total_is_lower_bound


def page_of(
    found: Sequence[Node], needles: Sequence[str], count: int, node_types: Sequence[str]
) -> RankedMatches:
    """The first ``count`` of every match ``found``, ranked and counted as :class:`RankedIndex` does."""
    type_rank = {t: i for i, t in enumerate(node_types)}
    bound = count_bound(count)
    ranked = top(found, "".join(needles), count, type_rank)
    return RankedMatches(ranked, min(len(found), bound), len(found) > bound)


def _score(boost: float, length: int) -> float:
    return round(1.0 + boost + 1.0 / (1 + length), 6)


class RankedIndex:
    """Nodes in ranking order, their bigram index, and their search forms in sorted order."""

    def __init__(self, nodes: Sequence[Node], node_types: Sequence[str]) -> None:
        type_rank = {t: i for i, t in enumerate(node_types)}
        lengths = {n.id: len(str(n.get("search") or "")) for n in nodes}
        plain = {length: _score(0.0, length) for length in set(lengths.values())}
        ordered = sorted(nodes, key=lambda n: (-plain[lengths[n.id]], type_rank.get(n.type, 9), n.id))
        self.index = SearchIndex(ordered)  # positions are ranks among plain matches
        self.forms = self.index.forms
        size = len(self.forms)
        self.by_form = array("i", sorted(range(size), key=self.forms.__getitem__))
        self.sorted_forms = [self.forms[i] for i in self.by_form]
        # Names starting with the text score 2 + 1/(1 + length), rounded: the same order but for ties.
        prefixed = {length: _score(1.0, length) for length in plain}
        placed = self.index.nodes
        self.prefix_order = array(
            "i",
            sorted(
                range(size),
                key=lambda i: (-prefixed[len(self.forms[i])], type_rank.get(placed[i].type, 9), placed[i].id),
            ),
        )
        self.prefix_rank = array("i", bytes(4 * size))
        for rank, position in enumerate(self.prefix_order):
            self.prefix_rank[position] = rank

    def best(self, needles: Sequence[str], count: int) -> RankedMatches:
        """The first ``count`` matches of every needle in ranking order, and how many matched."""
        whole = "".join(needles)
        forms, width = self.sorted_forms, len(whole)
        lo = bisect_left(forms, whole)
        exact_end = bisect_right(forms, whole, lo)
        end = bisect_right(forms, whole, exact_end, key=lambda form: form[:width])
        ranks = sorted(map(self.prefix_rank.__getitem__, self.by_form[exact_end:end]))
        page = sorted(self.by_form[lo:exact_end])[:count]
        page += map(self.prefix_order.__getitem__, ranks[: max(count - len(page), 0)])
        boosted, bound = end - lo, count_bound(count)
        wanted = count - len(page)
        others: list[int] = []
        counted = boosted
        if counted <= bound:
            for chunk in self._chunks(needles):
                kept = list(
                    compress(
                        chunk,
                        map(not_, map(str.startswith, map(self.forms.__getitem__, chunk), repeat(whole))),
                    )
                )
                others.extend(kept[: max(wanted - len(others), 0)])
                counted += len(kept)
                if counted > bound:
                    break
        nodes = self.index.nodes
        return RankedMatches([nodes[i] for i in page + others], min(counted, bound), counted > bound)

    def _chunks(self, needles: Sequence[str]) -> Any:
        """Positions holding every needle, ascending, a chunk at a time (substring tests in C)."""
        grams = set().union(*(bigrams(n) for n in needles if len(n) >= 2))
        postings = [self.index.postings.get(g) for g in grams]
        if any(p is None for p in postings):
            return
        candidates: Sequence[int] = min(postings, key=len) if postings else range(len(self.forms))  # type: ignore[arg-type, type-var]
        for start in range(0, len(candidates), _CHUNK):
            chunk: Sequence[int] = candidates[start : start + _CHUNK]
            for needle in needles:
                chunk = list(
                    compress(chunk, map(contains, map(self.forms.__getitem__, chunk), repeat(needle)))
                )
            yield chunk


def ranked_index(engine: Any, node_types: Sequence[str]) -> RankedIndex:
    """The ranked index of ``engine``'s nodes of ``node_types`` (in that type order), built on first use."""
    from graph import lookups  # the per-load store of derived indexes

    def build() -> RankedIndex:
        nodes = [n for t in dict.fromkeys(node_types) for n in engine.nodes_of_type(t)]
        return RankedIndex(nodes, node_types)

    return lookups.of(engine).keep(("ranked_search", tuple(node_types)), build)
