"""Canonical names and functions of the units a plan assigns tasks to.

Plans name units relative to themselves: '市财政局' in a 赣州 plan is 赣州市财政局,
'区财政局' in a 广丰 plan is 上饶市广丰区财政局, '省财政厅' in either is 江西省财政厅.
The graph needs one node per real body, so every name is resolved against the
region of the plan that names it (:class:`ingest.regions.RegionInfo`).

Canonical-name convention
    ``<display name of the area the level prefix points to> + <name without the prefix>``,
    abbreviations written out (发改委 → 发展和改革委员会, see ``data/unit_aliases.tsv``),
    simplified characters, no whitespace, brackets as full-width （）.
    The area display name is the one :mod:`ingest.regions` uses ('赣州市', '上饶市广丰区'),
    so 区财政局 in 广丰 becomes '上饶市广丰区财政局'. A name that already starts with a
    place ('江西省财政厅', '南昌供电公司', '国务院办公厅') keeps it. A level prefix that names
    no area of the plan's region (区财政局 in a city plan: which district?) is scoped to
    the plan's region as written ('江门市区财政局'). In a department's own plan an
    unprefixed internal office ('办公室', '财务科') is scoped to the issuing department
    when it is passed as ``issuer``.

Collective names (各县（市、区）政府, 市政府有关部门, 区直各相关单位) are groups: they get
the same canonical treatment, so half- and full-width spellings meet in one group.

The unit function is a concept of the ontology's unit-function scheme
(:func:`ontology.load.function_scheme`): the keyword that ends latest in the name
decides (政务服务数据管理局 is big-data, not administrative-approval).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from ingest.gazetteer import Area, gazetteer
from ingest.regions import NATIONAL, RegionInfo
from ingest.textnorm import normalize_width, to_simplified
from ontology.load import function_scheme
from ontology.schemes import normalise_label

_PINYIN = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[)）]")
_NATIONAL_NAME = re.compile(r"^(?:中华人民共和国|中共中央|中央|国务院|国家|全国|中国)")
_PARTY = re.compile(r"^(?:中共|中国共产党)")
# A level prefix and the word it must not swallow: 市场监管局 has none, 市政府 has 市.
_PREFIX = re.compile(
    r"^(?:街道|省|市(?!场|容|民(?!政)|政(?![府务协法]))|区(?!域)|县(?!域)|州|盟|旗|镇|乡(?!镇|村))"
)
_GROUP = re.compile(
    r"各|有关|相关|涉及|两级|以上|成员单位|^(?:省|市|区|县)[直属](?:部门|单位|机关)?$|[部门单位]等$|乡镇|^(?:省|市|区|县)直"
)
_GROUP_TAIL = re.compile(r"(?:部门|单位|机关)$")
_INSTITUTION_WORDS = "委员会|办公室|中心|局|厅|部|委|办|署|所|站|科|院"
_INSTITUTION_SUFFIX = re.compile(rf"(?:{_INSTITUTION_WORDS})$")


@dataclass(frozen=True)
class UnitResolution:
    """A unit name as written, resolved to its canonical body within a region."""

    name: str  # exactly as written
    canonical: str
    region: str | None  # display name of the area the unit belongs to
    function: str | None  # unit-function concept slug, e.g. finance
    is_group: bool


@cache
def _aliases() -> tuple[re.Pattern[str], dict[str, str]]:
    text = resources.files("ingest").joinpath("data", "unit_aliases.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            short, full = line.split("\t")
            table[short.strip()] = full.strip()
    alternation = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    # 金融办 must not eat the 办 of 金融办公室, nor 卫健委 the 委 of a 委员会.
    return re.compile(rf"(?:{alternation})(?!公|员会)"), table


def expand_aliases(name: str) -> str:
    """Write out abbreviations: '市发改委' → '市发展和改革委员会', '区委网信办' → '区委网络安全和信息化委员会办公室'."""
    pattern, table = _aliases()

    def repl(m: re.Match[str]) -> str:
        full = table[m.group(0)]
        return m.group(0) if name.startswith(full, m.start()) else full

    return pattern.sub(repl, name)


def unit_key(name: str) -> str:
    """The form names are compared in: simplified, no whitespace or pinyin noise, brackets as （）."""
    text = _PINYIN.sub("", normalize_width(to_simplified(name)))
    text = re.sub(r"\s+", "", text)
    return text.replace("(", "（").replace(")", "）").replace(":", "：").replace(";", "；")


@cache
def _function_keywords() -> tuple[tuple[str, str], ...]:
    """(keyword, concept slug) of the unit-function scheme, longest keyword first."""
    pairs = {(kw, c.slug) for c in function_scheme() for kw in c.keywords if kw}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


@cache
def _function_stems() -> tuple[re.Pattern[str], dict[str, str]]:
    """Keyword stems without their institution word ('大数据管理局' → '大数据管理'), unambiguous ones only."""
    slugs: dict[str, set[str]] = {}
    for keyword, slug in _function_keywords():
        stem = _INSTITUTION_SUFFIX.sub("", keyword)
        if stem != keyword and len(stem) >= 2:
            slugs.setdefault(stem, set()).add(slug)
    table = {stem: next(iter(s)) for stem, s in slugs.items() if len(s) == 1}
    alternation = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?:{alternation})(?=(?:{_INSTITUTION_WORDS})$)"), table


@cache
def _function_table() -> tuple[dict[str, str], tuple[int, ...]]:
    """The function keywords as a lookup table, and their lengths, longest first."""
    table = dict(_function_keywords())
    return table, tuple(sorted({len(k) for k in table}, reverse=True))


def _latest(text: str, tail_only: bool) -> str | None:
    """The slug of the keyword that ends latest in ``text`` (the longer on a tie).

    Looks up the slices ending at each position, from the end backwards, instead of
    searching the text for each of the scheme's hundreds of keywords. A keyword counts at
    its last occurrence; with ``tail_only`` that occurrence must end the name (before any ）).
    """
    table, lengths = _function_table()
    if tail_only:
        ends: Iterable[int] = sorted({len(text), len(text.rstrip("）"))}, reverse=True)
    else:
        ends = range(len(text), 0, -1)
    for end in ends:
        for n in lengths:
            if n > end:
                continue
            keyword = text[end - n : end]
            slug = table.get(keyword)
            if slug is not None and text.rfind(keyword) == end - n:
                return slug
    return None


def unit_function(name: str, *, tail_only: bool = False) -> str | None:
    """The function slug of a unit name: the keyword ending latest wins, the longer on a tie.

    '公安县财政局' → finance; '政务服务数据管理局' → big-data. A branch (自然资源分局) counts as
    its bureau, and a known stem before another institution word (大数据管理中心) as the body
    the stem names. With ``tail_only`` the keyword must end the name (a group is a
    'government' only when it is a group of governments).
    """
    key = normalise_label(unit_key(name))
    for text in (key, key.replace("分局", "局")):
        slug = _latest(text, tail_only)
        if slug:
            return slug
    if not tail_only:
        pattern, stems = _function_stems()
        hits = list(pattern.finditer(key)) if stems else []
        if hits:
            return stems[hits[-1].group(0)]
    if tail_only and key.endswith("政府"):
        return _latest("人民政府", False)  # 各县（市、区）政府: a group of governments
    return None


def _county_display(region: RegionInfo) -> str | None:
    if region.county is None:
        return None
    return (region.city or region.province or "") + region.county


def _target(prefix: str, region: RegionInfo) -> str | None:
    """Display name of the area a level prefix points to from a plan of ``region``."""
    province, city, county = region.province, region.city, region.county
    if prefix == "省":
        return province if province and not province.endswith("市") else None
    if prefix == "市":
        if county and county.endswith("市"):
            return _county_display(region)
        if city:
            return city
        return province if province and province.endswith("市") else None
    if prefix in ("区", "县", "旗"):
        return _county_display(region) if county and county.endswith(prefix) else None
    if prefix in ("州", "盟"):
        return city if city and city.endswith(prefix) else None
    if region.township and region.township.endswith(prefix):
        return region.region
    return None


def _area_display(area: Area) -> str:
    chain = gazetteer().chain(area)
    return chain[-2].name + area.name if area.level == "county" and len(chain) > 1 else area.name


def _leading_place(key: str, region: RegionInfo) -> tuple[str, int, bool] | None:
    """(display name, end, written short) of the places a name starts with, or None.

    '上饶市广丰区财政局' → ('上饶市广丰区', 6, False); '南昌供电公司' → ('南昌市', 2, True);
    '国务院办公厅' → ('全国', 0, True): a national body keeps its name as written.
    """
    body = key
    if _NATIONAL_NAME.match(body):
        return NATIONAL, 0, True
    gaz = gazetteer()
    area: Area | None = None
    end = 0
    short = False
    for mention in gaz.scan(body[:16]):
        if mention.start != end:
            break
        candidates = mention.candidates
        if mention.by_short:
            if end == 0 and any(body.startswith(kw) for kw, _ in _function_keywords()):
                return None  # '公安局' begins with the short name of 公安县: a function word
            after = body[mention.end : mention.end + 1]
            own = [a for a in candidates if a.name in (region.province, region.city, region.county)]
            candidates = tuple(own) or tuple(
                a for a in candidates if a.level != "county" or after in ("区", "县", "市", "旗")
            )
        if area is not None:
            candidates = tuple(a for a in candidates if gaz.is_within(a, area))
        elif len(candidates) > 1 and region.province:
            candidates = tuple(a for a in candidates if gaz.province_of(a).name == region.province)
        if len(candidates) != 1:
            break
        area, end, short = candidates[0], mention.end, short or mention.by_short
    if area is None:
        return None
    return _area_display(area), end, short


def is_group_name(name: str) -> bool:
    """True for collective names: 各县（市、区）政府, 市政府有关部门, 区直各相关单位, 专项政策解读部门."""
    key = unit_key(name)
    if _GROUP.search(key):
        return True
    return bool(_GROUP_TAIL.search(key)) and unit_function(key) is None


def resolve_unit(name: str, region: RegionInfo, issuer: str | None = None) -> UnitResolution:
    """Resolve a unit name written in a plan of ``region`` to its canonical, region-scoped form.

    Cached: the same few hundred names recur in every plan of a region.
    """
    return _resolve(name, region, issuer)


@lru_cache(maxsize=65536)
def _resolve(name: str, region: RegionInfo, issuer: str | None) -> UnitResolution:
    key = unit_key(name)
    group = is_group_name(key)
    function = unit_function(key, tail_only=group)
    if _PARTY.match(key):
        # 中共赣州市委宣传部 is 赣州市委宣传部: the party prefix does not make another body.
        rest = _PARTY.sub("", key)
        led = _leading_place(rest, region)
        if led is not None and led[0] != NATIONAL:
            key = rest
    place = _leading_place(key, region)
    if place is not None:
        display, end, short = place
        if short or end == 0:  # a national body or a place written short ('南昌供电公司'): as written
            return UnitResolution(name, expand_aliases(key), display, function, group)
        return UnitResolution(name, display + expand_aliases(key[end:]), display, function, group)
    m = _PREFIX.match(key)
    if m and len(key) > len(m.group(0)):
        target = _target(m.group(0), region)
        if target is not None:
            return UnitResolution(name, target + expand_aliases(key[m.end() :]), target, function, group)
    scope = region.region
    if region.level == "department" and issuer and not m and not group:
        dept = unit_key(issuer)
        if _INSTITUTION_SUFFIX.search(key) and not key.startswith(dept):
            return UnitResolution(name, dept + expand_aliases(key), scope, function, group)
    if scope is None or (scope == NATIONAL and not m):
        return UnitResolution(name, expand_aliases(key), scope, function, group)
    return UnitResolution(name, scope + expand_aliases(key), scope, function, group)


__all__ = ["UnitResolution", "expand_aliases", "is_group_name", "resolve_unit", "unit_function", "unit_key"]
