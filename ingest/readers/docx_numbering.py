"""Word's automatic list numbers (一、 （一） 1. ①), which are not in the paragraph text.

Government documents typed in Word often number headings and task items with
list numbering: the "一、" a reader sees lives in numbering.xml, not in the
runs. Without it the structure stage would see headings without their numbers.
This renders the common formats and counts per list instance, resetting deeper
levels when a shallower one advances, as Word does in ordinary documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docx.oxml.ns import qn
from lxml import etree

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_NO_SPACE_AFTER = re.compile(r"[、，．.）)》」\]：:]$")
#: Word keeps a rendered list label to 31 characters ([MS-OI29500] 2.1.283, lvlText): a longer one is
#: never what a reader saw, and bounding it keeps a hostile w:start from turning a small file into megabytes.
MAX_LABEL = 31


def _chinese(n: int, digits: str = _CN_DIGITS, ten: str = "十") -> str:
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else (ten if tens == 1 else digits[tens] + ten)
    return head + (digits[ones] if ones else "")


def _letters(n: int, base: str) -> str:
    # Word repeats the letter: a … z, aa … zz. A repeat longer than any label Word shows (a start value
    # of 10**29 would ask for 10**27 letters) is given as the number itself, which stays short.
    repeat = (n - 1) // 26 + 1
    return base[(n - 1) % 26] * repeat if 0 < repeat <= MAX_LABEL and n > 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def _from_table(table: str) -> Callable[[int], str]:
    return lambda n: table[n - 1] if 0 < n <= len(table) else str(n)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}),
    "decimalFullWidth2": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}),
    "decimalHalfWidth": str,
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "ideographDigital": _chinese,
    "chineseLegalSimplified": lambda n: _chinese(n, _CN_LEGAL, "拾"),
    "ideographLegalTraditional": lambda n: _chinese(n, "零壹貳參肆伍陸柒捌玖", "拾"),
    "ideographTraditional": _from_table(_TIANGAN),
    "ideographZodiac": _from_table(_DIZHI),
    "decimalEnclosedCircle": _from_table(_CIRCLED),
    "decimalEnclosedCircleChinese": _from_table(_CIRCLED),
    "ideographEnclosedCircle": _from_table(_CIRCLED),
    "decimalEnclosedParen": _from_table(_PAREN),
    "lowerLetter": lambda n: _letters(n, "abcdefghijklmnopqrstuvwxyz"),
    "upperLetter": lambda n: _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
}


def _val(el: etree._Element | None, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Level:
    def __init__(self, lvl: etree._Element) -> None:
        self.start = _int(_val(lvl, "w:start"), 1)
        self.fmt = _val(lvl, "w:numFmt") or "decimal"
        self.text = _val(lvl, "w:lvlText") or ""
        self.legal = lvl.find(qn("w:isLgl")) is not None

    def render(self, n: int) -> str:
        return str(n) if self.legal else _FORMATS.get(self.fmt, str)(n)


class Numbering:
    """Renders the list label of each numbered paragraph, in document order."""

    def __init__(self, numbering_xml: etree._Element | None, styles_xml: etree._Element | None) -> None:
        abstract: dict[str, dict[int, _Level]] = {}
        self._levels: dict[str, dict[int, _Level]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._style_num: dict[str, tuple[str | None, str | None, str | None]] = {}
        if numbering_xml is not None:
            for an in numbering_xml.iterfind(qn("w:abstractNum")):
                levels = {_int(lvl.get(qn("w:ilvl")), 0): _Level(lvl) for lvl in an.iterfind(qn("w:lvl"))}
                abstract[an.get(qn("w:abstractNumId"), "")] = levels
            for num in numbering_xml.iterfind(qn("w:num")):
                levels = dict(abstract.get(_val(num, "w:abstractNumId") or "", {}))
                for override in num.iterfind(qn("w:lvlOverride")):
                    ilvl = _int(override.get(qn("w:ilvl")), 0)
                    lvl = override.find(qn("w:lvl"))
                    if lvl is not None:
                        levels[ilvl] = _Level(lvl)
                    start = _val(override, "w:startOverride")
                    if start is not None and ilvl in levels:
                        levels[ilvl] = _copy_with_start(levels[ilvl], _int(start, 1))
                self._levels[num.get(qn("w:numId"), "")] = levels
        if styles_xml is not None:
            for style in styles_xml.iterfind(qn("w:style")):
                num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
                based_on = _val(style, "w:basedOn")
                num_id = _val(num_pr, "w:numId")
                ilvl = _val(num_pr, "w:ilvl")
                self._style_num[style.get(qn("w:styleId"), "")] = (num_id, ilvl, based_on)

    def _from_style(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            num_id, ilvl, based_on = self._style_num.get(style_id, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style_id = based_on
        return None, None

    def label(self, p: etree._Element) -> str:
        """The label Word shows before paragraph ``p`` ('一、', '（二）', '1.'), '' for none; advances counters."""
        ppr = p.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id, ilvl = _val(num_pr, "w:numId"), _val(num_pr, "w:ilvl")
        if num_id is None:
            style_num, style_ilvl = self._from_style(_val(ppr, "w:pStyle"))
            num_id, ilvl = style_num, ilvl or style_ilvl
        levels = self._levels.get(num_id or "")
        level_no = _int(ilvl, 0)
        if not levels or level_no not in levels or num_id == "0":
            return ""
        counters = self._counters.setdefault(num_id or "", {})
        counters[level_no] = counters.get(level_no, levels[level_no].start - 1) + 1
        for deeper in [k for k in counters if k > level_no]:
            del counters[deeper]
        level = levels[level_no]
        if level.fmt in ("bullet", "none"):
            return ""

        def substitute(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            if k not in levels:
                return ""
            return levels[k].render(counters.get(k, levels[k].start))

        text = re.sub(r"%([1-9])", substitute, level.text)[:MAX_LABEL]
        if not text:
            return ""
        return text if _NO_SPACE_AFTER.search(text) else text + " "


def _copy_with_start(level: _Level, start: int) -> _Level:
    copy = object.__new__(_Level)
    copy.__dict__.update(level.__dict__)
    copy.start = start
    return copy


__all__ = ["Numbering"]
