"""Text normalisation for matching: traditional → simplified, full → half width, whitespace.

Character offsets are computed on normalised text but must index the original
(a UI highlights ``text[start:end]`` of the file as read), so :func:`to_simplified`
and :func:`normalize_width` keep the length of their input. :func:`normalize_for_match`
also drops whitespace and is meant for comparing short names, not for offsets.

The native ``opencc`` converter does the conversion (phrase-aware: 乾隆 stays,
乾燥 → 干燥); the sets of characters that only traditional or only simplified
script uses are derived from opencc itself once, so a text with nothing to
convert is returned without calling it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import opencc

# Blocks whose characters opencc may convert: CJK Ext A, CJK Unified, CJK Compatibility.
_CJK_RANGES: tuple[tuple[int, int], ...] = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))

_WIDTH_TABLE: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20  # ideographic space
_WHITESPACE = re.compile(r"\s+")


class _Script:
    """Characters that opencc changes in each direction, and a per-character t2s table."""

    def __init__(self) -> None:
        self.t2s = opencc.OpenCC("t2s")
        s2t = opencc.OpenCC("s2t")
        chars = [chr(cp) for lo, hi in _CJK_RANGES for cp in range(lo, hi)]
        # One character a line, so that no phrase rule spans two characters.
        column = "\n".join(chars)
        simplified = self.t2s.convert(column).split("\n")
        traditional = s2t.convert(column).split("\n")
        self.char_table: dict[int, str] = {}
        trad_only: set[str] = set()
        simp_only: set[str] = set()
        for ch, simp, trad in zip(chars, simplified, traditional, strict=True):
            if simp != ch and len(simp) == 1:
                trad_only.add(ch)
                self.char_table[ord(ch)] = simp
            if trad != ch:
                simp_only.add(ch)
        both = trad_only & simp_only  # a handful of variants opencc maps both ways
        self.traditional = frozenset(trad_only - both)
        self.simplified = frozenset(simp_only - both)
        self.convertible = frozenset(trad_only)
        # Character-class regexes count in C: ~40 M chars/s against ~15 for a Python loop.
        self.traditional_re = re.compile(f"[{''.join(sorted(self.traditional))}]")
        self.simplified_re = re.compile(f"[{''.join(sorted(self.simplified))}]")


@cache
def _script() -> _Script:
    return _Script()


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese with the same length as ``text``.

    Offsets found in the result index ``text`` directly. A phrase rule that
    would change the length (none known in opencc's t2s tables, but the tables
    are data) makes the text fall back to character-by-character conversion.
    """
    script = _script()
    if script.convertible.isdisjoint(text):
        return text
    converted = script.t2s.convert(text)
    if len(converted) == len(text):
        return converted
    return text.translate(script.char_table)


def traditional_share(text: str) -> float:
    """Share of script-specific characters that are traditional (0.0 when there are none)."""
    script = _script()
    trad = len(script.traditional_re.findall(text))
    simp = len(script.simplified_re.findall(text))
    return trad / (trad + simp) if trad + simp else 0.0


def is_mostly_traditional(text: str) -> bool:
    """True when most characters that differ between the scripts are written in traditional form.

    A simplified plan quoting one traditional name stays simplified; characters
    common to both scripts (的, 政, 公) do not count either way.
    """
    return traditional_share(text) > 0.5


def normalize_width(text: str) -> str:
    """Full-width ASCII letters, digits, punctuation and the ideographic space → half width.

    Length-preserving: （２０２０）→ (2020), ＡＰＰ → APP. 、。《》〔〕 are kept: they have no
    ASCII counterpart that the documents use interchangeably.
    """
    return text.translate(_WIDTH_TABLE)


@lru_cache(maxsize=65536)
def normalize_for_match(text: str) -> str:
    """The key under which two spellings of a name compare equal: simplified, half width, no whitespace.

    ``市發改委``, ``市发改委`` and ``市 发改委`` share one key. Cached: unit and
    domain names repeat across millions of tasks.
    """
    return _WHITESPACE.sub("", normalize_width(to_simplified(text)))


__all__ = [
    "is_mostly_traditional",
    "normalize_for_match",
    "normalize_width",
    "to_simplified",
    "traditional_share",
]
