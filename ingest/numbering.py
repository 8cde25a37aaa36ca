"""Heading numbering of Chinese official documents: 一、 （一） 1. （1） ①.

The numbering style, not the indentation (lost in conversion), tells the
level of a heading or item, so it is the one reliable structural signal in
both prose and table cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = "零一二三四五六七八九十百"

# Order matters: the first pattern that matches decides the level.
_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^\s*([{_CN_DIGITS}]{{1,4}})\s*[、.．]\s*")),
    (2, re.compile(rf"^\s*[（(]\s*([{_CN_DIGITS}]{{1,4}})\s*[）)]\s*[、.．]?\s*")),
    (3, re.compile(r"^\s*(\d{1,3})\s*(?:[、.．](?!\d)|[、.．](?=\d{4}\s*年)|\s(?=[\u4e00-\u9fff]))\s*")),
    (4, re.compile(r"^\s*[（(]\s*(\d{1,3})\s*[）)]\s*")),
    (5, re.compile(r"^\s*([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
)


@dataclass(frozen=True)
class Numbered:
    """A numbered line or cell split into its number and the rest."""

    level: int
    label: str  # the number as written, e.g. 一 / 3
    prefix_len: int  # characters taken by the number and its punctuation
    rest: str


def parse_numbering(text: str) -> Numbered | None:
    """Return the numbering at the start of ``text``, or None.

    Dates and quantities ("2021年", "12345热线") are not numbering: level-3
    numbers need a 、 or . right after them (or a space before a CJK char).
    """
    for level, pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            return Numbered(level=level, label=m.group(1), prefix_len=m.end(), rest=text[m.end() :])
    return None


def heading_title(text: str) -> str:
    """The short title of a numbered item: up to the first 。 (inclusive).

    "（一）强化决策公开。全区各单位要…" → "（一）强化决策公开。"
    """
    for stop in ("。", "：", ":"):
        idx = text.find(stop)
        if 0 < idx <= 60:
            return text[: idx + 1]
    return text


def split_heading_body(text: str) -> tuple[str, str, int]:
    """Split a prose item into (heading, body, body_offset).

    A heading is the numbered lead phrase ending in 。 when a body follows it;
    items without such a phrase have an empty heading part beyond the number.
    """
    num = parse_numbering(text)
    if num is None:
        return "", text, 0
    rest = num.rest
    for stop in ("。", "：", ":"):
        idx = rest.find(stop)
        if 0 < idx <= 40 and idx + 1 < len(rest.rstrip()):
            cut = num.prefix_len + idx + 1
            body_start = cut + (len(text[cut:]) - len(text[cut:].lstrip()))
            return text[:cut], text[body_start:], body_start
    return text, "", len(text)


SENTENCE_END = tuple('。；;！!？?）)”"')


def ends_sentence(text: str) -> bool:
    """True when a cell's text ends like a finished sentence or clause."""
    stripped = text.rstrip()
    return not stripped or stripped.endswith(SENTENCE_END)


_HEADING_MAX = 48


def is_heading_cell(text: str) -> Numbered | None:
    """A table cell that is a section heading: numbered 一、/（一） and short."""
    num = parse_numbering(text)
    if num is None or num.level > 2:
        return None
    if len(text.strip()) > _HEADING_MAX:
        return None
    return num


def is_number_only(text: str) -> bool:
    """A 序号 cell: '3', '1-2', '9-11', '（一）'."""
    return bool(
        re.fullmatch(r"\s*[\d一二三四五六七八九十]{1,3}(?:\s*[-—~～至]\s*\d{1,3})?\s*[、.]?\s*", text)
    )


RE_ARABIC_PREFIX = re.compile(r"^\s*\d{1,3}\s*[、.．]\s*(?!\d)")
