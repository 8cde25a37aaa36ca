"""Which region issued a directive, and at which level of government.

The header of a plan says it in several imperfect ways: the issuer line
('上饶市广丰区人民政府办公室'), the title ('2021年赣州市政务公开工作任务分解表'),
the 发文字号 prefix ('赣府厅字', '江府办函') and the first lines of the page. This
module weighs them in that order against the gazetteer (:mod:`ingest.gazetteer`):

* the issuer, when it names a place, decides the region; else the title; else
  header lines of the text that look like an issuer ('发布机构：…');
* a province abbreviation at the start of the 文号 (赣 → 江西) breaks ties between
  same-named places and, as a last resort, gives the province; city and county
  abbreviations (江府办 = 江门, 青政办 = 青云谱) are too ambiguous to name a place and
  only confirm one already found;
* the level comes from what kind of body issues it (:func:`org_kind`): 国务院 is
  national; a government, its office or the party committee takes the level of its
  area (province / city / county, or township for a named 镇/乡/街道); a bureau,
  commission or centre (福建省市场监督管理局, 江门市土地储备中心) is a department
  of the government of its region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.docnumber import issuer_code, normalize_doc_number
from ingest.gazetteer import Area, Gazetteer, PlaceMention, gazetteer, province_abbreviations
from ingest.records import Level
from ingest.textnorm import normalize_width, to_simplified

NATIONAL = "全国"

_PINYIN = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[)）]")
_NATIONAL_ORG = re.compile(r"^(?:中华人民共和国)?(?:国务院|中共中央|中央|全国人大|全国人民代表大会|全国政协)")
_NATIONAL_DEPT = re.compile(
    r"^(?:中华人民共和国)?(?:国家[\u4e00-\u9fff]{1,14}?(?:局|委员会|委|署|总局|院|中心)|[\u4e00-\u9fff]{1,6}部)"
)
_NATIONAL_CODE = re.compile(r"^(?:国办|国发|国函|国务院|中办|中发)")
# After the place name: the government itself, its office, or the party committee.
_GOVERNMENT = re.compile(
    r"^(?:人民政府|政府|行政公署|委员会办公室|委办公室|委办|委(?![\u4e00-\u9fff]{0,6}局)|管委会|管理委员会|办公厅|人大|政协)"
)
_PARTY = re.compile(r"^中共|^中国共产党")
# A body of a government: bureau, department, commission, centre …, ended by a boundary.
_DEPARTMENT = re.compile(
    r"^[\u4e00-\u9fff]{0,16}?(?:局|厅|委员会|委|中心|署|院|所|站|公司|办)"
    r"(?=办公室|关于|印发|政务|政府信息|\d|$|[^\u4e00-\u9fff])"
)
_TOWNSHIP = re.compile(
    r"([\u4e00-\u9fff]{2,6}?)(街道办事处|街道|镇|乡)(?=人民政府|政府|办事处|党委|党工委|办公室|$|[^\u4e00-\u9fff])"
)
_NOT_A_TOWNSHIP_NAME = re.compile(r"^[各某全本该我乡镇县区市]")
_LEVEL_WORD = re.compile(r"^[（(]?(?:省直|市直|区直|县直|省|市|区|县)")
_HEAD_ISSUER = re.compile(r"(?:发布机构|发文机关|发文单位|来源|信息来源)\s*[:：]\s*(\S+)")
_HEAD_ORG_LINE = re.compile(
    r"^\s*(\S{4,40}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|局|委员会))(?:文件)?\s*$"
)
_ORG_SPLIT = re.compile(r"[、，,；;\s]+")


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


def _clean(text: str | None) -> str:
    """Simplified, half-width, pinyin noise removed, whitespace dropped: the form names are matched in."""
    if not text:
        return ""
    text = _PINYIN.sub("", normalize_width(to_simplified(text)))
    return re.sub(r"\s+", "", text)


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
    own: Level = {"province": "provincial", "city": "city", "county": "county"}[area.level]
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


def _remainder(org: str, chain: tuple[Area, ...]) -> str:
    """The org text after the last place name of the chain ('福建省市场监督管理局' → '市场监督管理局')."""
    org = _PARTY.sub("", org)
    end = 0
    for mention in gazetteer().scan(org):
        if any(a in chain for a in mention.candidates) or (not chain and mention.start == end):
            end = mention.end
    rest = org[end:]
    return _LEVEL_WORD.sub("", rest) if end == 0 else rest


def org_kind(org: str, chain: tuple[Area, ...] = ()) -> str | None:
    """'national', 'government', 'department', 'township:<name>' or None for an issuer string."""
    org = org.strip("（）()[]【】")
    if not org:
        return None
    if _NATIONAL_ORG.match(org):
        return "national"
    rest = _remainder(org, chain)
    if chain and chain[-1].level in ("county", "city"):
        m = _TOWNSHIP.match(rest)
        if m and not _NOT_A_TOWNSHIP_NAME.match(m.group(1)):
            return f"township:{m.group(1)}{m.group(2).removesuffix('办事处')}"
    if _GOVERNMENT.match(rest):
        return "government"
    if not chain and _NATIONAL_DEPT.match(org):
        return "national_department"
    if _DEPARTMENT.match(rest):
        return "department"
    return None


def _title_org(title: str) -> str:
    """The issuing body written in a title: the part before 关于, else the whole title."""
    pos = title.find("关于")
    return title[:pos] if pos > 0 else title


def _head_issuers(head: str) -> list[str]:
    """Lines of the page head that name an issuer ('发布机构：…', '…人民政府办公室文件')."""
    found = [m.group(1) for m in _HEAD_ISSUER.finditer(normalize_width(to_simplified(head)))]
    for line in head.splitlines()[:40]:
        line = _clean(line)
        m = _HEAD_ORG_LINE.match(line)
        if m:
            found.append(m.group(1))
        elif 0 < line.find("关于") < 40 and "《" not in line[: line.find("关于")]:
            found.append(line[: line.find("关于")])  # a title line: its issuer precedes 关于
    return [_clean(f) for f in found]


def _unplaced_level(kinds: list[str], org_sources: list[tuple[str, str]]) -> Level | None:
    """The level when no single place is known: a department, or the one level all same-named places share.

    '鼓楼区人民政府办公室' names four districts: the region stays unknown, the level is county.
    """
    if "department" in kinds:
        return "department"
    if "government" not in kinds:
        return None
    for _, org in org_sources:
        for mention in gazetteer().scan(org, shorts=False):
            levels = {a.level for a in mention.candidates}
            if len(levels) == 1:
                return {"province": "provincial", "city": "city", "county": "county"}[levels.pop()]  # type: ignore[return-value]
    return None


def resolve_issuer_region(
    title: str | None, issuer: str | None, doc_number: str | None, text_head: str = ""
) -> RegionInfo:
    """Region and level of a directive's issuer from its title, issuer, 文号 and the head of its text."""
    doc = normalize_doc_number(doc_number) if doc_number else None
    doc_code = issuer_code(doc) if doc else ""
    hint = _province_hint(doc_code)
    sources: list[tuple[str, str]] = []
    issuer_c = _clean(issuer)
    title_c = _clean(title)
    if issuer_c:
        sources.extend(("issuer", o) for o in _ORG_SPLIT.split(issuer_c) if o)
    if title_c:
        sources.append(("title", _title_org(title_c)))
        sources.append(("title", title_c))
    sources.extend(("text", line) for line in _head_issuers(text_head))

    # The level: from the first source that says what kind of body issued the text.
    kinds: list[str] = []
    org_sources = [s for s in sources if s[0] == "issuer"] or [s for s in sources if s[0] == "title"][:1]
    org_sources = org_sources or [s for s in sources if s[0] == "text"][:1]

    chain: tuple[Area, ...] = ()
    source = ""
    for name, text in sources:
        chain = place_chain(text, hint, doc_code)
        if chain:
            source = name
            break
    for _, org in org_sources:
        kind = org_kind(org, chain)
        if kind:
            kinds.append(kind)
    national = "national" in kinds or (not chain and bool(_NATIONAL_CODE.match(doc_code)))
    if national and not chain:
        return region_info(None, "national", source="issuer" if issuer_c else "doc_number")
    if not chain and "national_department" in kinds:
        return region_info(None, "department", source="issuer")
    if not chain and hint is not None and doc_code[1:2] in ("政", "府", "办"):
        chain, source = (hint,), "doc_number"
    if not chain:
        return RegionInfo(None, None, None, None, None, _unplaced_level(kinds, org_sources))
    area = chain[-1]
    township = next((k.split(":", 1)[1] for k in kinds if k.startswith("township:")), None)
    if "government" in kinds or township:
        return region_info(area, None, township, source)
    if "department" in kinds:
        return region_info(area, "department", source=source)
    return region_info(area, None, source=source)


__all__ = [
    "NATIONAL",
    "RegionInfo",
    "UNKNOWN",
    "org_kind",
    "place_chain",
    "region_info",
    "resolve_issuer_region",
]
