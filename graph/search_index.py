"""An inverted index of character bigrams over the nodes' ``search`` form, for the embedded engine.

Chinese has no spaces to split words on, and a search for 政务公开 must find
"推进政务公开标准化"; scanning every task's text for it costs a pass over the
whole graph per keystroke. Every two-character piece of a node's search form
points to the nodes holding it; a needle's rarest piece gives the few
candidates, and a plain substring test confirms them, so answers are exactly
those of the scan. One-character searches (no bigram) fall back to the scan.

:mod:`graph.ranked_search` lays the nodes out in ranking order and keeps one index
per engine load.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Sequence
from itertools import compress, repeat
from operator import add, contains

from graph.gcpause import collector_paused
from graph.model import Node


def bigrams(text: str) -> set[str]:
    """The distinct two-character pieces of ``text``."""
    return {text[i : i + 2] for i in range(len(text) - 1)}


class SearchIndex:
    """Bigram → positions of the nodes whose search form contains it."""

    def __init__(self, nodes: Sequence[Node]) -> None:
        self.nodes = list(nodes)
        self.forms = [str(n.get("search") or "") for n in self.nodes]
        postings: dict[str, array[int]] = defaultdict(lambda: array("i"))
        with collector_paused():  # millions of arrays and no garbage: nothing for the collector to find
            for position, form in enumerate(self.forms):
                for gram in set(map(add, form, form[1:])):  # the distinct bigrams, made in C
                    postings[gram].append(position)
        self.postings = dict(postings)

    def find(self, needles: Sequence[str]) -> Matches:
        """Nodes whose search form contains every needle (needles already in search form)."""
        if not needles:
            return Matches(self.nodes, self.forms)
        grams = set().union(*(bigrams(n) for n in needles if len(n) >= 2))
        if not grams:
            candidates: Sequence[int] = range(len(self.nodes))
        else:
            lists = [self.postings.get(g) for g in grams]
            if any(lst is None for lst in lists):
                return Matches([], [])
            candidates = min(lists, key=len)  # type: ignore[arg-type]
        kept: Sequence[int] = candidates
        for needle in needles:  # substring tests in C: map/compress, no Python loop per candidate
            kept = list(compress(kept, map(contains, map(self.forms.__getitem__, kept), repeat(needle))))
        if not kept:
            return Matches([], [])
        return Matches(list(map(self.nodes.__getitem__, kept)), list(map(self.forms.__getitem__, kept)))


class Matches(list[Node]):
    """Matching nodes, with their search forms alongside (``forms``) so ranking need not read each node."""

    def __init__(self, nodes: Sequence[Node], forms: Sequence[str]) -> None:
        super().__init__(nodes)
        self.forms = list(forms)
