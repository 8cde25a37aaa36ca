"""The text the extractors read, with a map back to the original characters.

Real pages carry noise that breaks matching: traditional characters, pinyin
inserted after characters ('新鄉(xiāng)市'), zero-width and odd spaces.
Extraction runs on a cleaned, simplified copy; ``orig`` maps every cleaned
character back to its offset in the original, so spans always point at the
words a user sees.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ingest.records import Span

# '(xiāng)', '(fā)', '(rén)': pinyin with tone marks inserted after a character.
_PINYIN = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[)）]")
_TONED = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
_DROPPED_CHAR = re.compile("[\r\u200b\u200c\u200d\ufeff\u00ad]+")
_TO_SPACE = str.maketrans("\u3000\xa0", "  ")
_NEWLINE = re.compile("\n")


def _simplify(text: str) -> str:
    try:
        from ingest.textnorm import to_simplified
    except ImportError:  # pragma: no cover - textnorm ships with the readers
        return text
    return to_simplified(text)


@dataclass
class CleanText:
    """Cleaned simplified text, its lines, and the offset map to the original."""

    original: str
    text: str
    orig: list[int]
    file: str
    line_starts: list[int] = field(default_factory=list)
    orig_line_starts: list[int] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def to_orig(self, pos: int) -> int:
        if pos >= len(self.orig):
            return len(self.original)
        return self.orig[pos]

    def orig_line(self, orig_pos: int) -> int:
        return bisect_right(self.orig_line_starts, orig_pos)

    def span(self, start: int, end: int) -> Span:
        """Span of cleaned text[start:end] in original coordinates."""
        o_start = self.to_orig(start)
        o_end = self.to_orig(end - 1) + 1 if end > start else o_start
        return Span(
            file=self.file,
            line_start=self.orig_line(o_start),
            line_end=self.orig_line(max(o_start, o_end - 1)),
            char_start=o_start,
            char_end=o_end,
        )


def clean(original: str, file: str) -> CleanText:
    """Simplify and strip noise, keeping a per-character map to ``original``."""
    simp = _simplify(original)
    if len(simp) != len(original):  # defensive: a converter that changed length
        simp = original
    # Dropped stretches (pinyin glosses, carriage returns, invisible characters), in order. The kept
    # text and its offset map are built from the slices between them: a loop over every character
    # costs more than all the other cleaning together.
    drops = [m.span() for m in _PINYIN.finditer(simp) if _TONED.search(m.group(0))]
    drops += [m.span() for m in _DROPPED_CHAR.finditer(simp)]
    drops.sort()
    pieces: list[str] = []
    orig: list[int] = []
    pos = 0
    for start, end in drops:
        if start > pos:
            pieces.append(simp[pos:start])
            orig.extend(range(pos, start))
        pos = max(pos, end)
    pieces.append(simp[pos:])
    orig.extend(range(pos, len(simp)))
    text = "".join(pieces).translate(_TO_SPACE)
    ct = CleanText(original=original, text=text, orig=orig, file=file)
    ct.line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    ct.orig_line_starts = [0, *(m.end() for m in _NEWLINE.finditer(original))]
    return ct
