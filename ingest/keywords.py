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

import jieba

from ingest.textnorm import to_simplified
from ontology.schemes import normalise_label

_DROP = str.maketrans("", "", "“”‘’\"'「」『』《》〈〉")
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
_MAX_TOKENS = 8


def normalise_text(text: str) -> str:
    """Simplified, width-, case- and whitespace-folded text without quotes or pinyin glosses.

    Quotes are dropped so that “十四五”规划 reads as the keyword 十四五规划; pinyin
    glosses that web copies interleave (公開(kāi)) are dropped so they split no word.
    """
    return _PINYIN.sub("", normalise_label(to_simplified(text))).translate(_DROP)


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
    """

    def __init__(self, keywords: Iterable[str]) -> None:
        self.keywords = frozenset(normalise_label(k) for k in keywords if k.strip())
        self._prefixes = frozenset(k[:i] for k in self.keywords for i in range(1, len(k) + 1))
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        for word in sorted(self.keywords, key=len):
            self._tokenizer.add_word(word)

    def tokens(self, text: str) -> list[str]:
        """The jieba segmentation (HMM off) of already normalised text."""
        return self._tokenizer.lcut(text, HMM=False)

    def find(self, text: str) -> list[Match]:
        """Keyword matches in ``normalise_text(text)``, longest first at each position."""
        norm = normalise_text(text)
        tokens = self.tokens(norm)
        starts = [0]
        for token in tokens:
            starts.append(starts[-1] + len(token))
        matches: list[Match] = []
        i = 0
        while i < len(tokens):
            best_j = -1
            joined = ""
            for j in range(i, min(i + _MAX_TOKENS, len(tokens))):
                joined += tokens[j]
                if joined not in self._prefixes:
                    break
                if joined in self.keywords:
                    best_j = j
            if best_j < 0:
                i += 1
                continue
            matches.append(Match(norm[starts[i] : starts[best_j + 1]], starts[i], starts[best_j + 1]))
            i = best_j + 1
        return matches
