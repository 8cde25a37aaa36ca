"""Which region issued a directive, and at which level of government.

The header of a plan says it in several imperfect ways: the issuer line
('上饶市广丰区人民政府办公室'), the title ('2021年赣州市政务公开工作任务分解表'),
the 发文字号 prefix ('赣府厅字', '江府办函') and the first lines of the page. This
module weighs them in that order against the gazetteer (:mod:`ingest.gazetteer`):

* the issuing body, as the title names it before 关于 / 印发 ('赣州市人民政府办公室关于…')
  or as the issuer line gives it, decides region and level together when it names a
  place; else places in the whole title; else issuer-like lines of the page head
  ('发文机关：…', '…人民政府办公室文件', then the publisher '发布机构：…');
* a province abbreviation at the start of the 文号 (赣 → 江西) breaks ties between
  same-named places and, as a last resort, gives the province; city and county
  abbreviations (江府办 = 江门, 青政办 = 青云谱) are too ambiguous to name a place and
  only confirm one already found;
* the level comes from what kind of body issues it (:func:`ingest.orgkind.org_kind`): 国务院 is
  national; a government, its office or the party committee takes the level of its
  area (province / city / county, or township for a named 镇/乡/街道); a bureau,
  commission or centre (福建省市场监督管理局, 江门市土地储备中心) is a department
  of the government of its region. A township level needs a named 镇/乡/街道: an
  anonymised '某镇' stays at its county. A text whose header names no issuer may
  still tell its level by how it speaks of itself (我局 → department, 我市 → city).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.docnumber import issuer_code, normalize_doc_number
from ingest.gazetteer import Area, Gazetteer, PlaceMention, gazetteer, province_abbreviations
from ingest.orgkind import OrgKind, clean_name, head_issuers, org_kind, self_reference_level, title_org
from ingest.records import Level

NATIONAL = "全国"

_NATIONAL_CODE = re.compile(r"^(?:国办|国发|国函|国务院|中办|中发)")
_ORG_SPLIT = re.compile(r"[、，,；;\s]+")
_AREA_LEVEL: dict[str, Level] = {"province": "provincial", "city": "city", "county": "county"}


@dataclass(frozen=True)
class RegionInfo:
    """The region a directive or unit belongs to and the level of its issuer.

    ``region`` is the display name used across the product: '全国', '江西省',
    '赣州市', '上饶市广丰区' (county names carry their city, or their province when
    there is none: '北京市海淀区'), a township appended to its county.
    """

    region: str | None
    province: str | None
    city: str | None
    county: str | None
    code: str | None  # six-digit administrative division code
    level: Level | None
    township: str | None = None
    source: str = ""  # which input decided the region: issuer | title | text | doc_number

    @property
    def known(self) -> bool:
        return self.region is not None


UNKNOWN = RegionInfo(None, None, None, None, None, None)


def region_info(
    area: Area | None, level: Level | None = None, township: str | None = None, source: str = ""
) -> RegionInfo:
    """The :class:`RegionInfo` of a gazetteer area; its level defaults to the area's own."""
    if area is None:
        return RegionInfo(NATIONAL, None, None, None, None, level or "national", source=source)
    gaz = gazetteer()
    chain = gaz.chain(area)
    province = chain[0]
    city = next((a for a in chain if a.level == "city"), None)
    county = next((a for a in chain if a.level == "county"), None)
    if county is not None:
        display = (city or province).name + county.name
    else:
        display = area.name
    if township:
        display += township
    own: Level = _AREA_LEVEL[area.level]
    if township:
        own = "township"
    return RegionInfo(
        region=display,
        province=province.name,
        city=city.name if city else None,
        county=county.name if county else None,
        code=area.code,
        level=level or own,
        township=township,
        source=source,
    )


def _province_hint(doc_code: str) -> Area | None:
    """The province whose abbreviation starts the issuer code ('赣府厅字' → 江西省)."""
    if not doc_code:
        return None
    gaz = gazetteer()
    for code, abbrs in province_abbreviations().items():
        if any(doc_code.startswith(a) for a in abbrs):
            return gaz.area(code)
    return None


def _accept(mention: PlaceMention, text: str, chain: list[Area], gaz: Gazetteer) -> tuple[Area, ...]:
    """Candidates of a mention that context allows; short county names need their parent in view."""
    if not mention.by_short:
        return mention.candidates
    after = text[mention.end : mention.end + 1]
    keep = []
    for area in mention.candidates:
        if area.level in ("province", "city") or after in ("区", "县", "市", "旗"):
            keep.append(area)
        elif chain and gaz.is_within(area, chain[-1]):
            keep.append(area)
    return tuple(keep)


def _pick(
    candidates: tuple[Area, ...], chain: list[Area], hint: Area | None, doc_code: str, gaz: Gazetteer
) -> Area | None:
    """One area among same-named candidates: inside the chain so far, then the 文号's province."""
    if chain:
        inside = [a for a in candidates if gaz.is_within(a, chain[-1])]
        if inside:
            candidates = tuple(inside)
        elif any(gaz.is_within(chain[-1], a) for a in candidates):
            return None  # names an area already in the chain (广州 after 广州市黄埔区)
        else:
            return None  # a different branch: another place, not a refinement
    if len(candidates) == 1:
        return candidates[0]
    if hint is not None:
        in_hint = [a for a in candidates if gaz.is_within(a, hint)]
        if len(in_hint) == 1:
            return in_hint[0]
        candidates = tuple(in_hint) or candidates
    confirmed = [a for a in candidates if doc_code and doc_code[0] in a.short]
    if len(confirmed) == 1:
        return confirmed[0]
    tops = [a for a in candidates if a.level == min(c.level for c in candidates)]
    by_rank = sorted(candidates, key=lambda a: ("province", "city", "county").index(a.level))
    if len(tops) == 1 and by_rank[0].level != by_rank[-1].level:
        return by_rank[0]  # 吉林: the province before the city of that name
    return None


def place_chain(text: str, hint: Area | None = None, doc_code: str = "") -> tuple[Area, ...]:
    """The most specific consistent run of places that ``text`` names from its start.

    '上饶市广丰区人民政府办公室' → (江西省, 上饶市, 广丰区); a place on another branch
    ends the run, so '东莞市贯彻落实国家、省…' stays 东莞市.
    """
    gaz = gazetteer()
    chain: list[Area] = []
    for mention in gaz.scan(text):
        candidates = _accept(mention, text, chain, gaz)
        if not candidates:
            continue
        area = _pick(candidates, chain, hint, doc_code, gaz)
        if area is None:
            if chain:
                if any(gaz.is_within(chain[-1], a) for a in candidates):
                    continue
                break
            continue
        chain = list(gaz.chain(area))
    return tuple(chain)


def _unplaced_level(kinds: list[OrgKind], orgs: list[str]) -> Level | None:
    """The level when no single place is known: a department, or the level all same-named places share.

    '鼓楼区人民政府办公室' names four districts: the region stays unknown, the level is county.
    """
    if any(k.kind == "department" for k in kinds):
        return "department"
    if not any(k.kind == "government" for k in kinds):
        return None
    for org in orgs:
        for mention in gazetteer().scan(org, shorts=False):
            levels = {a.level for a in mention.candidates}
            if len(levels) == 1:
                return _AREA_LEVEL[levels.pop()]
    return None


def _decide(area: Area, kind: OrgKind | None, source: str) -> RegionInfo:
    if kind is not None and kind.kind == "township":
        return region_info(area, None, kind.township, source)
    if kind is not None and kind.kind == "department":
        return region_info(area, "department", source=source)
    return region_info(area, None, source=source)


def resolve_issuer_region(
    title: str | None, issuer: str | None, doc_number: str | None, text_head: str = ""
) -> RegionInfo:
    """Region and level of a directive's issuer from its title, issuer, 文号 and the head of its text.

    The issuing body a title names ('赣州市人民政府办公室关于…') comes first, then the
    issuer line, then places in the whole title, then issuer-like lines of the page head.
    """
    doc = normalize_doc_number(doc_number) if doc_number else None
    doc_code = issuer_code(doc) if doc else ""
    hint = _province_hint(doc_code)
    title_c = clean_name(title)
    orgs = [o for o in [title_org(title_c), *_ORG_SPLIT.split(clean_name(issuer))] if o]

    # 1. A named issuing body with a place decides region and level together.
    for org in orgs:
        chain = place_chain(org, hint, doc_code)
        if chain:
            kind = org_kind(org, chain) or _first_kind(orgs, chain)
            return _decide(chain[-1], kind, "issuer")
    kinds = [k for k in (org_kind(o) for o in orgs or [title_c]) if k is not None]
    if any(k.kind == "national" for k in kinds) or (not kinds and _NATIONAL_CODE.match(doc_code)):
        return region_info(None, "national", source="issuer" if kinds else "doc_number")
    if any(k.kind == "national_department" for k in kinds):
        return region_info(None, "department", source="issuer")

    # 2. Places in the title or in issuer-like lines of the page head.
    weaker = [("title", title_c)] if title_c else []
    weaker += [("text", line) for line in head_issuers(text_head)]
    for source, text in weaker:
        chain = place_chain(text, hint, doc_code)
        if chain:
            kind = _first_kind(orgs, chain) if orgs else org_kind(text, chain)
            return _decide(chain[-1], kind, source)

    # 3. The province abbreviation of the 文号 ('鲁政办发' → 山东省) when the text names that
    # province too: 青政办 and 新政办 are also 青云谱 and 新乡, so the number alone is no proof.
    if (
        hint is not None
        and doc_code[1:2] in ("政", "府", "办")
        and _names_province(hint, title_c + text_head)
    ):
        return _decide(hint, _first_kind(orgs, (hint,)), "doc_number")
    level = _unplaced_level(kinds, orgs) or self_reference_level(text_head)
    return RegionInfo(None, None, None, None, None, level)  # type: ignore[arg-type]


def _names_province(province: Area, text: str) -> bool:
    simple = clean_name(text)
    return province.name in simple or province.short in simple


def _first_kind(orgs: list[str], chain: tuple[Area, ...]) -> OrgKind | None:
    return next((k for k in (org_kind(o, chain) for o in orgs) if k is not None), None)


__all__ = [
    "NATIONAL",
    "RegionInfo",
    "UNKNOWN",
    "place_chain",
    "region_info",
    "resolve_issuer_region",
]
