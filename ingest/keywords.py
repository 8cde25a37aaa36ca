"""Find keyword labels in Chinese text on jieba word boundaries.

Plain substring search finds 规章 inside 规章制度 and 教育 inside 宣传教育; matching
on word boundaries does not.  The text is segmented by a private jieba
tokenizer (HMM off, so it invents no words) whose user dictionary holds the
keywords; a keyword matches where a run of consecutive tokens spells it, so a
keyword that jieba happens to cut into pieces is still found.  Overlapping
matches resolve to the longest, left to right.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

import jieba

from ingest.segment import RunSegmenter
from ingest.textnorm import to_simplified
from ontology.schemes import normalise_label

_QUOTES = re.compile("[“”‘’\"'「」『』《》〈〉]")
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
_MAX_TOKENS = 8
# What jieba segments as one block; it splits any other character off on its own.
_RUN = jieba.re_han_default


def normalise_text(text: str) -> str:
    """Simplified, width-, case- and whitespace-folded text without quotes or pinyin glosses.

    Quotes are dropped so that “十四五”规划 reads as the keyword 十四五规划; pinyin
    glosses that web copies interleave (公開(kāi)) are dropped so they split no word.
    """
    return _QUOTES.sub("", _PINYIN.sub("", normalise_label(to_simplified(text))))


@dataclass(frozen=True)
class Match:
    """One keyword found at ``start:end`` of the normalised text."""

    word: str
    start: int
    end: int


class KeywordMatcher:
    """Token-boundary keyword search with a jieba tokenizer of its own.

    Building one loads jieba's dictionary (about half a second); build it once
    and reuse it.  The tokenizer is private, so adding keywords here does not
    change how other modules' jieba segments text.

    jieba segments each run of word characters (its ``re_han_default`` blocks)
    on its own and splits everything between runs into single characters.  A
    keyword made of word characters therefore lies inside one run, and a run
    holding no keyword cannot yield a match however it is cut: only the runs
    where one regular-expression pass sees a keyword are segmented (by
    :class:`ingest.segment.RunSegmenter`, jieba's own cut in one pass), which
    gives the matches of segmenting the whole text at a fraction of the cost.
    """

    def __init__(self, keywords: Iterable[str]) -> None:
        self.keywords = frozenset(normalise_label(k) for k in keywords if k.strip())
        self._prefixes = frozenset(k[:i] for k in self.keywords for i in range(1, len(k) + 1))
        # Keywords with a character between jieba's runs ('村(居)务公开') span runs: a text holding
        # one is segmented whole, as it always was.
        self._spanning = tuple(k for k in self.keywords if not _RUN.fullmatch(k))
        self._any = re.compile(_trie_pattern(self.keywords)) if self.keywords else None
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        for word in sorted(self.keywords, key=len):
            self._tokenizer.add_word(word)
        self._runs = RunSegmenter(self._tokenizer)

    def tokens(self, text: str) -> list[str]:
        """The jieba segmentation (HMM off) of already normalised text."""
        return self._tokenizer.lcut(text, HMM=False)

    def find(self, text: str) -> list[Match]:
        """Keyword matches in ``normalise_text(text)``, longest first at each position."""
        return self.find_normalised(normalise_text(text))

    def find_normalised(self, norm: str) -> list[Match]:
        """Keyword matches in text already passed through :func:`normalise_text`.

        For callers that need the normalised text themselves: normalising twice costs as much as
        the keyword walk.
        """
        if self._any is None:
            return []
        if any(k in norm for k in self._spanning):
            return self._walk(norm, 0, self.tokens(norm))
        matches: list[Match] = []
        for run in _RUN.finditer(norm):
            start, end = run.span()
            if self._any.search(norm, start, end):
                matches.extend(self._walk(norm, start, self._runs.cut(run.group())))
        return matches

    def _walk(self, norm: str, offset: int, tokens: list[str]) -> list[Match]:
        """Matches over consecutive ``tokens`` that begin at ``norm[offset]``, longest first."""
        prefixes, keywords = self._prefixes, self.keywords
        # Only a token that starts some keyword can start a match: visit those, left to right.
        candidates = [i for i, token in enumerate(tokens) if token in prefixes]
        if not candidates:
            return []
        starts = list(accumulate(map(len, tokens), initial=offset))
        matches: list[Match] = []
        resume = 0
        for i in candidates:
            if i < resume:
                continue
            best_j = -1
            joined = ""
            for j in range(i, min(i + _MAX_TOKENS, len(tokens))):
                joined += tokens[j]
                if joined not in prefixes:
                    break
                if joined in keywords:
                    best_j = j
            if best_j >= 0:
                matches.append(Match(norm[starts[i] : starts[best_j + 1]], starts[i], starts[best_j + 1]))
                resume = best_j + 1
        return matches


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for any of ``words``, shaped as a trie so each position costs one step."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_node(trie)


def _trie_node(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _trie_node(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here; a longer one may go on
        body = "(?:" + body + ")?"
    return body
